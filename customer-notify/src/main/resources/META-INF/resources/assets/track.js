// The customer's tracking page: the window, the technician on the map, updates pushed while the link is valid.
// Its words come with the page (data-words, from the i18n/messages bundles) in the page's language, and the updates
// are asked for in that language too (?lang=), so the date and the reason a window moved match the page.
'use strict';

const base = location.pathname.replace(/\/$/, '');
const lang = document.documentElement.lang || 'en';
const WORDS = JSON.parse(document.body.dataset.words || '{}');
const canvas = document.getElementById('map');
const figure = document.getElementById('map-figure');
const note = document.getElementById('map-note');
const ctx = canvas.getContext('2d');
let roads = [], state = null, roadsFor = null;

function stage(code) {
  return (WORDS.stages && WORDS.stages[code]) || code;
}

// Metres between two [lon, lat] points: right enough within a city.
function metres(a, b) {
  const k = Math.cos((a[1] + b[1]) / 2 * Math.PI / 180);
  return Math.hypot((a[0] - b[0]) * k, a[1] - b[1]) * 111320;
}

function draw() {
  // Without the van's position there is nothing to draw: the note says why, in words that wrap on any screen.
  const van = state && state.lat != null ? [state.lon, state.lat] : null;
  figure.hidden = !van;
  note.hidden = !!van;
  if (!van) return;
  canvas.width = canvas.clientWidth; canvas.height = canvas.clientHeight;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const home = state.homeLat != null ? [state.homeLon, state.homeLat] : null;
  const way = state.approach || [];
  // The view holds the van, the home and the way between them, with a margin; at least about 1 km across.
  const points = [van, ...(home ? [home] : []), ...way];
  const lons = points.map(p => p[0]), lats = points.map(p => p[1]);
  const cLon = (Math.min(...lons) + Math.max(...lons)) / 2, cLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const cosLat = Math.cos(cLat * Math.PI / 180);
  const spanX = Math.max((Math.max(...lons) - Math.min(...lons)) * cosLat, 0.009);
  const spanY = Math.max(Math.max(...lats) - Math.min(...lats), 0.009);
  const scale = Math.min(canvas.width / spanX, canvas.height / spanY) * 0.85;
  const px = lon => canvas.width / 2 + (lon - cLon) * cosLat * scale;
  const py = lat => canvas.height / 2 - (lat - cLat) * scale;
  const line = coordinates => {
    ctx.beginPath();
    coordinates.forEach(([lon, lat], i) => i ? ctx.lineTo(px(lon), py(lat)) : ctx.moveTo(px(lon), py(lat)));
    ctx.stroke();
  };
  ctx.strokeStyle = '#c9ccd1'; ctx.lineWidth = 2; ctx.setLineDash([]);
  for (const f of roads) {
    if (!f.geometry) continue;
    if (f.geometry.type === 'LineString') line(f.geometry.coordinates);
    if (f.geometry.type === 'MultiLineString') f.geometry.coordinates.forEach(line);
  }
  if (way.length > 1) {
    // The van's way to the home: along the roads, or dashed when the service could only draw it straight.
    ctx.strokeStyle = '#0b63ce'; ctx.lineWidth = 5; ctx.setLineDash(state.approachStraight ? [10, 8] : []);
    line(way);
    ctx.setLineDash([]);
  }
  if (home) {
    ctx.fillStyle = '#222';
    ctx.fillRect(px(home[0]) - 8, py(home[1]) - 8, 16, 16);
  }
  ctx.fillStyle = '#0b63ce'; ctx.strokeStyle = '#fff'; ctx.lineWidth = 3;
  ctx.beginPath(); ctx.arc(px(van[0]), py(van[1]), 10, 0, 2 * Math.PI); ctx.fill(); ctx.stroke();
}

// The way left, in km by road, beside the van's position time.
function away(s) {
  const way = s.approach || [];
  let m = 0;
  for (let i = 1; i < way.length; i++) m += metres(way[i - 1], way[i]);
  return way.length > 1 && WORDS.away ? WORDS.away.replace('{0}', (m / 1000).toLocaleString(lang,
    { maximumFractionDigits: 1, minimumFractionDigits: 1 })) : '';
}

// The streets around the home and the van; asked again when the van has left the area they were drawn for.
function loadRoads(s) {
  const van = s.lat != null ? [s.lon, s.lat] : null;
  if (roadsFor && (!van || (roadsFor.van && metres(roadsFor.van, van) < 300))) return;
  roadsFor = { van };
  fetch(base + '/roads').then(r => r.ok ? r.json() : { features: [] })
    .then(g => { roads = g.features || []; draw(); }).catch(() => {});
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
  state = s;
  text('seen', s.positionAt ? (WORDS.positionAt || '{0}').replace('{0}', s.positionAt) : '');
  text('away', away(s));
  showManage(s.manageUrl);
  loadRoads(s);
  draw();
}

const events = new EventSource(base + '/events?lang=' + encodeURIComponent(lang));
events.onmessage = e => show(JSON.parse(e.data));
window.addEventListener('resize', draw);
draw();
