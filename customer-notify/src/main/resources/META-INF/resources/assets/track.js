// The customer's tracking page: the window, the technician on the map, updates pushed while the link is valid.
'use strict';

const base = location.pathname.replace(/\/$/, '');
const canvas = document.getElementById('map');
const ctx = canvas.getContext('2d');
let roads = [], position = null;
const STAGES = { SCHEDULED: 'Scheduled', EN_ROUTE: 'On the way', ARRIVED: 'Arrived', COMPLETED: 'Completed',
  CANNOT_COMPLETE: 'Could not complete', CANCELED: 'Canceled' };
const stageAtLoad = document.getElementById('stage').dataset.stage;
document.getElementById('stage').textContent = STAGES[stageAtLoad] || stageAtLoad;

function draw() {
  canvas.width = canvas.clientWidth; canvas.height = canvas.clientHeight;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (!position) {
    ctx.fillStyle = '#666'; ctx.font = '16px system-ui';
    ctx.fillText('The map appears when your technician is on the way.', 20, 40);
    return;
  }
  const span = 0.02, cosLat = Math.cos(position.lat * Math.PI / 180);
  const scale = Math.min(canvas.width / (2 * span * cosLat), canvas.height / (2 * span));
  const px = lon => canvas.width / 2 + (lon - position.lon) * cosLat * scale;
  const py = lat => canvas.height / 2 - (lat - position.lat) * scale;
  ctx.strokeStyle = '#c9ccd1'; ctx.lineWidth = 2;
  for (const f of roads) {
    if (!f.geometry || f.geometry.type !== 'LineString') continue;
    ctx.beginPath();
    f.geometry.coordinates.forEach(([lon, lat], i) => i ? ctx.lineTo(px(lon), py(lat)) : ctx.moveTo(px(lon), py(lat)));
    ctx.stroke();
  }
  ctx.fillStyle = '#0b63ce'; ctx.beginPath();
  ctx.arc(canvas.width / 2, canvas.height / 2, 9, 0, 2 * Math.PI); ctx.fill();
}

// The customer's own link to change or cancel the appointment: shown only when the service gave an http(s) one.
function showManage(url) {
  const ok = typeof url === 'string' && /^https?:\/\//i.test(url);
  if (ok) document.getElementById('manage').href = url;
  document.getElementById('manage-line').hidden = !ok;
}

function show(s) {
  document.getElementById('start').textContent = s.windowStart;
  document.getElementById('end').textContent = s.windowEnd;
  document.getElementById('why').textContent = s.why || '';
  if (s.technician) document.getElementById('technician').textContent = s.technician;
  document.getElementById('stage').textContent = STAGES[s.stage] || s.stage;
  position = s.lat != null ? { lat: s.lat, lon: s.lon } : null;
  document.getElementById('seen').textContent = s.positionAt ? '· position at ' + s.positionAt : '';
  showManage(s.manageUrl);
  draw();
}

fetch(base + '/roads').then(r => r.ok ? r.json() : { features: [] })
  .then(g => { roads = g.features || []; draw(); }).catch(() => {});
const events = new EventSource(base + '/events');
events.onmessage = e => show(JSON.parse(e.data));
window.addEventListener('resize', draw);
draw();
