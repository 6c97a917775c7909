// The customer's tracking page: the window, the technician on the map, updates pushed while the link is valid.
// Its words come with the page (data-words, from the i18n/messages bundles) in the page's language, and the updates
// are asked for in that language too (?lang=), so the date and the reason a window moved match the page.
'use strict';

const base = location.pathname.replace(/\/$/, '');
const lang = document.documentElement.lang || 'en';
const WORDS = JSON.parse(document.body.dataset.words || '{}');
const canvas = document.getElementById('map');
const note = document.getElementById('map-note');
const ctx = canvas.getContext('2d');
let roads = [], position = null;

function stage(code) {
  return (WORDS.stages && WORDS.stages[code]) || code;
}

function draw() {
  // Without a position there is nothing to draw: the note says why, in words that wrap on any screen.
  canvas.hidden = !position;
  note.hidden = !!position;
  if (!position) return;
  canvas.width = canvas.clientWidth; canvas.height = canvas.clientHeight;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
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

function text(id, value) {
  const element = document.getElementById(id);
  if (element.textContent !== value) element.textContent = value;
}

function show(s) {
  if (s.date) text('date', s.date);
  text('start', s.windowStart);
  text('end', s.windowEnd);
  text('why', s.why || '');
  if (s.technician) text('technician', s.technician);
  text('stage', stage(s.stage));
  document.getElementById('stage').dataset.stage = s.stage;
  position = s.lat != null ? { lat: s.lat, lon: s.lon } : null;
  text('seen', s.positionAt ? (WORDS.positionAt || '{0}').replace('{0}', s.positionAt) : '');
  showManage(s.manageUrl);
  draw();
}

fetch(base + '/roads').then(r => r.ok ? r.json() : { features: [] })
  .then(g => { roads = g.features || []; draw(); }).catch(() => {});
const events = new EventSource(base + '/events?lang=' + encodeURIComponent(lang));
events.onmessage = e => show(JSON.parse(e.data));
window.addEventListener('resize', draw);
draw();
