// The day on paper: each technician's route with the customers' names and phones, the windows, the notes and intake
// answers, one technician per printed page. Reads GET /api/plans/{territory}/{date}/day-sheet with the console's
// one sign-in; the page's address keeps the choice (?territory=&date=&technician=), so it can be bookmarked.
'use strict';

const $ = id => document.getElementById(id);
const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;',
    "'": '&#39;'})[c]);
const params = new URLSearchParams(location.search);

Api.onUnauthorized(() => { location.href = 'index.html'; });

function time(iso, zone) {
    return iso ? new Intl.DateTimeFormat('en-GB', {hour: '2-digit', minute: '2-digit', timeZone: zone})
        .format(new Date(iso)) : '–';
}

function span(from, to, zone) {
    return from ? `${time(from, zone)}–${time(to, zone)}` : '–';
}

function rows(stops, zone) {
    return stops.map(s => `<tr data-testid="sheet-stop">
        <td>${s.position ?? ''}</td><td>${time(s.plannedArrival, zone)}<br><span class="muted">${s.durationMinutes} min</span></td>
        <td>${esc(s.customerName)}<br><a href="tel:${esc(s.customerPhone)}">${esc(s.customerPhone)}</a></td>
        <td>${esc(s.address)}</td><td>${esc(s.jobType)}${s.priority >= 5 ? ' <b>(emergency)</b>' : ''}</td>
        <td>${span(s.windowStart, s.windowEnd, zone)}</td><td>${span(s.toldStart, s.toldEnd, zone)}</td>
        <td class="notes">${esc(s.notes)}</td><td>${esc(s.status.toLowerCase())}</td></tr>`).join('');
}

function table(caption, stops, zone) {
    return `<table><caption class="sr-only">${esc(caption)}</caption><thead><tr><th scope="col">#</th>
        <th scope="col">Arrive</th><th scope="col">Customer</th><th scope="col">Address</th><th scope="col">Job</th>
        <th scope="col">Booked window</th><th scope="col">Told window</th><th scope="col">Notes and answers</th>
        <th scope="col">Status</th></tr></thead><tbody>${rows(stops, zone)}</tbody></table>`;
}

function draw(sheet) {
    const date = new Intl.DateTimeFormat('en-GB', {weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
        timeZone: 'UTC'}).format(new Date(sheet.date + 'T00:00:00Z'));
    $('sheet-title').textContent = `Day sheet · ${sheet.territoryName || sheet.territoryId} · ${date}`;
    const parts = sheet.technicians.map(t => `<section data-testid="sheet-technician" data-technician="${esc(t.technicianId)}">
        <h3>${esc(t.name)} <span class="muted">(${esc(t.technicianId)})</span>
            ${t.phone ? `· <a href="tel:${esc(t.phone)}">${esc(t.phone)}</a>` : ''} · ${t.stops.length} ${t.stops.length === 1 ? "visit" : "visits"}</h3>
        ${t.stops.length ? table(`Visits of ${t.name}`, t.stops, sheet.zone) : '<p>No visits.</p>'}</section>`);
    if (sheet.unassigned.length) {
        parts.push(`<section data-testid="sheet-unassigned"><h3>Not assigned · ${sheet.unassigned.length} visits</h3>
            ${table('Visits nobody is assigned to', sheet.unassigned, sheet.zone)}</section>`);
    }
    $('sheet').innerHTML = parts.join('') || '<p>Nothing planned on this day.</p>';
}

async function show() {
    const territory = $('sheet-territory').value, date = $('sheet-date').value;
    const technician = $('sheet-technician').value;
    if (!territory || !date) return;
    history.replaceState(null, '', `?territory=${encodeURIComponent(territory)}&date=${date}`
        + (technician ? `&technician=${encodeURIComponent(technician)}` : ''));
    try {
        const sheet = await Api.get(`/api/plans/${encodeURIComponent(territory)}/${date}/day-sheet`
            + (technician ? `?technicianId=${encodeURIComponent(technician)}` : ''));
        draw(sheet);
        $('status').textContent = '';
    } catch (err) {
        $('status').textContent = err.message;
    }
}

async function technicians() {
    const list = await Api.get('/api/technicians?territory=' + encodeURIComponent($('sheet-territory').value));
    $('sheet-technician').innerHTML = '<option value="">everyone</option>' + list.map(t =>
        `<option value="${esc(t.id)}">${esc(t.name || t.id)}</option>`).join('');
    $('sheet-technician').value = params.get('technician') || '';
}

async function start() {
    if (!Api.session()) { location.href = 'index.html'; return; }
    const territories = await Api.get('/api/territories');
    $('sheet-territory').innerHTML = territories.map(t => `<option value="${esc(t.id)}">${esc(t.name || t.id)}</option>`)
        .join('');
    if (params.get('territory')) $('sheet-territory').value = params.get('territory');
    $('sheet-date').value = params.get('date') || new Date().toISOString().slice(0, 10);
    await technicians();
    await show();
}

$('sheet-form').addEventListener('submit', e => { e.preventDefault(); show(); });
$('sheet-territory').addEventListener('change', () => technicians().then(show));
$('print').addEventListener('click', () => window.print());
start().catch(err => { $('status').textContent = err.message; });
