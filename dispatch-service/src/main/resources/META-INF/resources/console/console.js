// The dispatcher console: login, territory and day, map, timeline, unassigned work, booking with slot suggestions,
// solve / stop / publish with live score, explanation, manual dispatch by drag and drop, visit details and KPIs.
'use strict';

const $ = id => document.getElementById(id);
const esc = s => Timeline.escapeHtml(s);
const PALETTE = ['#1e88e5', '#e53935', '#43a047', '#8e24aa', '#fb8c00', '#00897b', '#3949ab', '#c0ca33', '#6d4c41',
    '#d81b60', '#00acc1', '#5e35b1', '#7cb342', '#f4511e', '#546e7a', '#fdd835'];
const STATUS_LABEL = {BOOKED: 'booked', SCHEDULED: 'scheduled', EN_ROUTE: 'en route', ON_SITE: 'arrived',
    COMPLETED: 'done', CANNOT_COMPLETE: 'cannot complete', CANCELED: 'canceled'};

const state = {
    territories: [], territory: null, date: null, technicians: [], colors: {}, jobTypes: [],
    timeline: null, selected: null, solving: false, solveSeconds: 30, events: null,
    clock: null, timers: [], map: null, loadingTimeline: false,
};

// ---- login ----------------------------------------------------------------------------------------------------

function showLogin(message) {
    state.timers.forEach(clearInterval);
    state.timers = [];
    state.events?.abort();
    $('app').hidden = true;
    $('login').hidden = false;
    $('login-message').textContent = message || '';
    $('login-user').focus();
}

$('login-form').addEventListener('submit', async e => {
    e.preventDefault();
    $('login-message').textContent = '';
    try {
        await Api.login($('login-user').value.trim(), $('login-password').value);
        $('login-password').value = '';
        await showApp();
    } catch (err) {
        $('login-message').textContent = err.status === 401 ? 'Wrong user name or password.' : err.message;
    }
});

$('logout').addEventListener('click', async () => {
    await Api.signOut();
    showLogin('Signed out everywhere.');
});

// ---- the app --------------------------------------------------------------------------------------------------

async function showApp() {
    $('login').hidden = true;
    $('app').hidden = false;
    $('user').textContent = Api.session()?.username || '';
    // A supervisor reads: what would change the plan or a booking is not offered (the server refuses it anyway).
    const readOnly = !Api.canChange();
    $('readonly').hidden = !readOnly;
    ['solve', 'stop', 'publish', 'replan'].forEach(id => { $(id).hidden = readOnly; });
    $('booking').hidden = readOnly;
    $('account-link').textContent = Api.hasRole('admin') ? 'Password & users' : 'Password';
    if (!state.map) {
        state.map = ConsoleMap.create($('map'), {onVisit: select, onClick: mapClicked, onView: loadStreets,
            path: via => Api.get('/api/roads/path?via=' + encodeURIComponent(via)).then(p => p.coordinates)});
        $('legend').innerHTML = Object.entries(ConsoleMap.STATUS_COLORS)
            .map(([s, c]) => `<span><i style="background:${c}"></i>${STATUS_LABEL[s]}</span>`).join('')
            + `<span><i style="border:2px solid ${ConsoleMap.RISK_COLORS.LATE}"></i>late</span>`
            + `<span><i style="border:2px solid ${ConsoleMap.RISK_COLORS.AT_RISK}"></i>at risk</span>`;
    }
    try {
        const [territories, jobTypes, settings] = await Promise.all([Api.get('/api/territories'),
            Api.get('/api/job-types'), Api.get('/api/console/settings').catch(() => ({}))]);
        state.territories = territories;
        state.jobTypes = jobTypes;
        $('territory').innerHTML = territories.map(t => `<option value="${esc(t.id)}">${esc(t.name)}</option>`).join('');
        $('b-job').innerHTML = jobTypes.map(j => `<option value="${esc(j.code)}">${esc(j.name)}</option>`).join('');
        if (settings.tileUrl) {
            state.map.setTiles(settings.tileUrl);
            $('attribution').hidden = false;
            $('attribution').textContent = settings.tileAttribution || '';
        }
        const remembered = sessionStorage.getItem('fieldcast.console.territory');
        const chosen = territories.find(t => t.id === remembered) || territories[0];
        if (!chosen) { status('No territory is configured yet.'); return; }
        $('territory').value = chosen.id;
        await syncClock();
        await chooseTerritory(chosen.id, today());
        // In the demo the clock runs 60x: positions every 2 s, the day every 15 s (it costs a road matrix).
        state.timers.push(setInterval(syncClock, 5000), setInterval(tickClock, 1000),
            setInterval(loadPositions, 2000), setInterval(() => loadTimeline(false), 15000),
            setInterval(loadWeek, 60000));
    } catch (err) {
        if (err.status !== 401) status(err.message, true);
    }
}

function zone() {
    return state.territories.find(t => t.id === state.territory)?.timeZone || 'UTC';
}

function status(text, error) {
    $('status').textContent = text || '';
    $('status').classList.toggle('error', !!error);
}

// ---- server clock (simulated time in the demo) ------------------------------------------------------------------

async function syncClock() {
    const before = performance.now();
    const answer = await Api.get('/api/clock');
    const local = (before + performance.now()) / 2;
    const previous = state.clock;
    let rate = previous?.rate ?? 1;
    if (previous && local - previous.local > 500) {
        rate = (answer.epochMillis - previous.server) / (local - previous.local);
        rate = Math.max(0, Math.min(rate, 10000));
    }
    state.clock = {server: answer.epochMillis, local, rate};
    tickClock();
}

/** Server time now, run forward from the last answer at the rate the server's clock has been going. */
function serverNow() {
    if (!state.clock) return Date.now();
    return state.clock.server + (performance.now() - state.clock.local) * state.clock.rate;
}

function today() {
    return new Intl.DateTimeFormat('en-CA', {timeZone: zone(), year: 'numeric', month: '2-digit', day: '2-digit'})
        .format(serverNow());
}

function tickClock() {
    Timeline.tick(serverNow());
    const fmt = new Intl.DateTimeFormat('en-GB', {timeZone: zone(), weekday: 'short', hour: '2-digit',
        minute: '2-digit', second: '2-digit', hourCycle: 'h23'});
    const rate = state.clock?.rate ?? 1;
    $('clock').textContent = fmt.format(serverNow())
        + (rate < 0.05 ? ' (stopped)' : Math.abs(rate - 1) > 0.05 ? ` ×${Math.round(rate)}` : '');
}

// ---- territory and day ------------------------------------------------------------------------------------------

async function chooseTerritory(id, date) {
    state.territory = id;
    sessionStorage.setItem('fieldcast.console.territory', id);
    state.streets = null;
    state.map.setDetail(null);
    // The other territory's week is not this one's: gone until this one's arrives.
    $('week').innerHTML = '';
    state.technicians = await Api.get('/api/technicians?territory=' + encodeURIComponent(id));
    state.colors = {};
    state.technicians.forEach((t, i) => { state.colors[t.id] = PALETTE[i % PALETTE.length]; });
    Api.get('/api/roads?territory=' + encodeURIComponent(id)).then(state.map.setRoads)
        .catch(err => status('Roads: ' + err.message, true));
    tickClock();
    // A date chosen meanwhile (or for the territory before) stays: switching territory keeps the day in view.
    await chooseDate(date || state.date || today());
    loadPositions();
}

async function chooseDate(date) {
    state.date = date;
    $('date').value = date;
    $('day-sheet-link').href = `day-sheet.html?territory=${encodeURIComponent(state.territory)}&date=${date}`;
    if (!$('b-date').value) $('b-date').value = date;
    state.selected = null;
    $('details').hidden = true;
    $('plan-message').textContent = '';
    await loadTimeline(true);
    await loadPlanStatus();
    loadWeek();
}

/**
 * Moving a visit to another day is a reschedule: the windows that day can absorb (the same capacity check as a booking),
 * then the customer's new window, which re-checks capacity under the day's lock and texts the customer.
 */
async function offerOtherDay(v, date) {
    if (!date) return;
    try {
        const query = new URLSearchParams({lat: v.lat, lon: v.lon, jobType: v.jobType, from: date, to: date,
            territory: state.territory});
        const free = (await Api.get('/api/slots?' + query)).sort((a, b) => a.windowStart.localeCompare(b.windowStart));
        $('move-windows').innerHTML = free.length === 0 ? '<li class="muted">no free window that day</li>'
            : free.map((f, i) => `<li><button type="button" class="link" data-index="${i}" data-testid="move-window">
                ${fmtTime(f.windowStart)}–${fmtTime(f.windowEnd)}</button></li>`).join('');
        $('move-windows').querySelectorAll('button').forEach(b => b.addEventListener('click', async () => {
            const f = free[Number(b.getAttribute('data-index'))];
            try {
                await Api.put(`/api/appointments/${v.appointmentId}/window`, {windowStart: f.windowStart,
                    windowEnd: f.windowEnd, reason: 'moved to another day by the dispatcher'});
                planMessage(`Moved to ${date} ${fmtTime(f.windowStart)}–${fmtTime(f.windowEnd)}; the customer is told.`, 'ok');
                await loadTimeline(true);
                loadWeek();
            } catch (err) {
                planMessage(err.message, 'error');
            }
        }));
    } catch (err) {
        planMessage(err.message, 'error');
    }
}

// ---- week board ------------------------------------------------------------------------------------------------

/** The week from the shown date's Monday: per technician and day the share of the shift the plan takes. */
async function loadWeek() {
    if (!state.territory || !state.date) return;
    const shown = new Date(state.date + 'T00:00:00Z');
    const monday = new Date(shown);
    monday.setUTCDate(shown.getUTCDate() - ((shown.getUTCDay() + 6) % 7));
    const from = monday.toISOString().slice(0, 10);
    try {
        const week = await Api.get(`/api/slots/week?territory=${encodeURIComponent(state.territory)}&from=${from}&days=7`);
        if (week.territoryId !== state.territory) return;
        drawWeek(week);
    } catch (err) {
        if (err.status !== 401) status('Week: ' + err.message, true);
    }
}

function drawWeek(week) {
    const dayName = new Intl.DateTimeFormat('en-GB', {weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC'});
    const pct = (busy, shift) => shift > 0 ? Math.round(100 * busy / shift) : 0;
    const head = `<thead><tr><th scope="col">Technician</th>${week.days.map(d => `<th scope="col"><button type="button"
        class="link" data-day="${d.date}" data-testid="week-day"${d.date === state.date ? ' aria-current="date"' : ''}>
        ${esc(dayName.format(Date.parse(d.date + 'T00:00:00Z')))}</button><div class="muted">${d.visits} visits ·
        ${pct(d.busyMinutes, d.shiftMinutes)} %${d.unassigned ? ` · <b class="error">${d.unassigned} unassigned</b>` : ''}</div></th>`)
        .join('')}</tr></thead>`;
    const ids = Object.keys(week.technicianNames);
    const body = ids.map(id => `<tr><th scope="row">${esc(week.technicianNames[id])}</th>${week.days.map(d => {
        const c = d.technicians.find(t => t.technicianId === id);
        if (!c) return '<td class="muted">off</td>';
        const p = pct(c.busyMinutes, c.shiftMinutes);
        return `<td class="${p > 90 || c.broken ? 'full' : ''}" data-testid="week-cell" data-technician="${esc(id)}"
            data-day="${d.date}">${c.visits} · ${p} %<div class="bar" aria-hidden="true"><div style="width:${Math.min(100, p)}%"></div></div></td>`;
    }).join('')}</tr>`).join('');
    $('week').innerHTML = `<caption class="sr-only">Week of ${esc(week.days[0].date)}</caption>${head}<tbody>${body}</tbody>`;
    $('week').querySelectorAll('button[data-day]').forEach(b =>
        b.addEventListener('click', () => chooseDate(b.getAttribute('data-day'))));
}

$('territory').addEventListener('change', e => chooseTerritory(e.target.value, null));
$('date').addEventListener('change', e => e.target.value && chooseDate(e.target.value));
$('map-fit').addEventListener('click', () => state.map.fit());

const planPath = suffix => `/api/plans/${encodeURIComponent(state.territory)}/${state.date}${suffix || ''}`;

async function loadTimeline(force) {
    if (!state.territory || (state.loadingTimeline && !force) || Timeline.dragging()) return;
    state.loadingTimeline = true;
    try {
        const t = await Api.get(planPath('/timeline'));
        if (t.territoryId !== state.territory || String(t.date) !== state.date) return;
        state.timeline = t;
        state.reserve = await Api.get(`/api/slots/reserve?territory=${encodeURIComponent(state.territory)}`
            + `&date=${state.date}`).catch(() => null);
        drawDay();
    } catch (err) {
        if (err.status !== 401) status('Timeline: ' + err.message, true);
    } finally {
        state.loadingTimeline = false;
    }
}

function drawDay() {
    const t = state.timeline;
    // Never redraw under a visit being dragged; the next refresh shows the new day.
    if (!t || Timeline.dragging()) return;
    const rows = t.rows.map(r => ({...r, color: state.colors[r.technicianId] || '#455a64'}));
    state.map.setPlan(rows, t.visits);
    state.map.select(state.selected);
    Timeline.render($('timeline'), t, {colors: state.colors, now: serverNow(), selected: state.selected,
        onSelect: select, onDrop: pin, onTechnician: showTechnician});
    $('plan-source').textContent = t.source === 'SOLVE' ? `solve (${(t.solveStatus || '').toLowerCase()}), not yet published`
        : 'plan of record';
    if (t.score) $('score').textContent = t.score;
    drawUnassigned();
    drawKpis();
    if (state.selected) drawDetails();
}

/**
 * A large territory's map starts with its through roads only; zoomed in to a few kilometres, the streets of the view
 * are loaded too (the server caches them by a 0.01° grid).
 */
async function loadStreets(view) {
    const t = state.territories.find(x => x.id === state.territory);
    if (!t || t.radiusKm <= 12) return;
    if (view.widthKm > 8) { state.map.setDetail(null); state.streets = null; return; }
    const pad = (view.maxLon - view.minLon) * 0.25;
    const bbox = [view.minLon - pad, view.minLat - pad, view.maxLon + pad, view.maxLat + pad].map(v => v.toFixed(4)).join(',');
    if (state.streets && state.streets.inside(view)) return;
    try {
        const geojson = await Api.get(`/api/roads?territory=${encodeURIComponent(t.id)}&level=residential&bbox=${bbox}`);
        const [a, b, c, d] = bbox.split(',').map(Number);
        state.streets = {inside: v => v.minLon >= a && v.minLat >= b && v.maxLon <= c && v.maxLat <= d};
        state.map.setDetail(geojson);
    } catch (err) { /* the through roads are still there */ }
}

async function loadPositions() {
    if (!state.territory) return;
    try {
        const positions = await Api.get('/api/positions?territory=' + encodeURIComponent(state.territory));
        state.map.setPositions(positions, state.colors);
    } catch (err) { /* shown by the next timeline load */ }
}

// ---- KPI tiles ----------------------------------------------------------------------------------------------

function drawKpis() {
    const t = state.timeline;
    const live = t.visits.filter(v => v.status !== 'CANCELED');
    const done = live.filter(v => v.status === 'COMPLETED');
    const arrived = live.filter(v => v.actualArrival);
    const onTime = arrived.filter(v => Date.parse(v.actualArrival) <= Date.parse(v.windowEnd));
    const late = live.filter(v => v.risk === 'LATE').length;
    const atRisk = live.filter(v => v.risk === 'AT_RISK').length;
    const runningLong = live.filter(v => v.timeLeft?.pastPlannedEnd).length;
    const tiles = [
        ['visits', 'Visits', live.length],
        ['assigned', 'Assigned', t.kpis.assigned],
        ['unassigned', 'Unassigned', t.unassigned.length, t.unassigned.length > 0],
        ['late', 'Late', late, late > 0],
        ['at-risk', 'At risk', atRisk, atRisk > 0],
        ['running-long', 'Running long (technician\'s word)', runningLong, runningLong > 0],
        ['done', 'Done', done.length],
        ['on-time', 'On time so far', arrived.length ? Math.round(100 * onTime.length / arrived.length) + ' %' : '–'],
        ['travel', 'Travel h', t.kpis.travelHours.toFixed(1)],
        ['overtime', 'Overtime h', t.kpis.overtimeHours.toFixed(1), t.kpis.overtimeHours > 0.05],
        ['technicians', 'Technicians', t.rows.length],
        ['canceled', 'Canceled', t.visits.length - live.length],
        ['no-shows', 'Nobody home', live.filter(v => v.notDoneReason === 'CUSTOMER_NOT_HOME').length],
        ['online', 'Booked online', live.filter(v => v.channel === 'portal').length],
    ];
    const r = state.reserve;
    if (r && r.territoryId === state.territory && String(r.date) === state.date && r.reserveMinutes > 0) {
        // Only emergencies book into the reserve: what is left of it is what the next emergency can have.
        const hm = m => Math.floor(m / 60) + ' h ' + String(m % 60).padStart(2, '0');
        tiles.push(['reserve', `Emergency reserve left (of ${hm(r.reserveMinutes)}, ${r.emergencies} emergencies)`,
            hm(r.leftMinutes), r.leftMinutes < r.reserveMinutes / 4]);
    }
    $('kpis').innerHTML = tiles.map(([id, label, value, bad]) =>
        `<div class="kpi${bad ? ' bad' : ''}" data-testid="kpi-${id}"><b>${esc(value)}</b><span>${esc(label)}</span></div>`).join('');
}

// ---- unassigned, details and audit -------------------------------------------------------------------------------

function fmtTime(iso) {
    if (!iso) return '–';
    return new Intl.DateTimeFormat('en-GB', {timeZone: zone(), hour: '2-digit', minute: '2-digit', hourCycle: 'h23'})
        .format(Date.parse(iso));
}

function visitById(id) {
    return state.timeline?.visits.find(v => v.appointmentId === id);
}

function drawUnassigned() {
    const items = state.timeline.unassigned.map(visitById).filter(Boolean);
    $('unassigned-count').textContent = items.length;
    $('unassigned').innerHTML = items.length === 0 ? '<li class="muted">none</li>' : items.map(v =>
        `<li data-appointment="${v.appointmentId}" data-testid="unassigned-item"><span class="grow">${esc(v.address)}</span>
         <span>${esc(v.jobType)}</span><span class="muted">${fmtTime(v.windowStart)}–${fmtTime(v.windowEnd)}</span></li>`).join('');
}

// Click for details, or drag onto a technician's row to assign it there by hand.
$('unassigned').addEventListener('pointerdown', e => {
    const li = e.target.closest('[data-appointment]');
    if (li && e.button === 0) Timeline.drag(li, li.getAttribute('data-appointment'), e);
});

function select(id) {
    state.selected = id;
    state.map.select(id);
    document.querySelectorAll('.tl-visit').forEach(b => b.classList.toggle('selected',
        b.getAttribute('data-appointment') === id));
    drawDetails();
}

async function drawDetails() {
    const v = visitById(state.selected);
    if (!v) { $('details').hidden = true; return; }
    $('details').hidden = false;
    const tech = state.technicians.find(t => t.id === v.technicianId);
    const why = (state.analysis?.issues || []).filter(i => i.appointmentId === v.appointmentId)
        .flatMap(i => i.reasons.map(r => `${i.kind.toLowerCase().replaceAll('_', ' ')}: ${r}`));
    $('details-body').innerHTML = `<dl>
        <dt>Address</dt><dd data-testid="details-address">${esc(v.address)}</dd>
        <dt>Job</dt><dd>${esc(v.jobType)} · ${v.durationMinutes} min · priority ${v.priority}</dd>
        <dt>Status</dt><dd data-testid="details-status">${esc(STATUS_LABEL[v.status] || v.status)}${v.risk ? ' · <b class="error">' + esc(v.risk.replace('_', ' ').toLowerCase()) + '</b>' : ''}</dd>
        <dt>Window</dt><dd>${fmtTime(v.windowStart)}–${fmtTime(v.windowEnd)}</dd>
        ${v.told ? `<dt>Told</dt><dd data-testid="details-told">${fmtTime(v.told.windowStart)}–${fmtTime(v.told.windowEnd)}
            (texted ${fmtTime(v.told.toldAt)}; no ring before ${fmtTime(v.told.windowStart)})${v.told.broken
                ? ' · <b class="error">broken told window</b>' : ''}</dd>` : ''}
        <dt>Technician</dt><dd data-testid="details-technician">${esc(tech?.name || v.technicianId || 'unassigned')}${v.sequence != null && v.technicianId ? ' · stop ' + (v.sequence + 1) : ''}${v.pinned ? ' · pinned' : ''}</dd>
        <dt>Planned</dt><dd>arrive ${fmtTime(v.plannedArrival)}, leave ${fmtTime(v.plannedDeparture)}</dd>
        <dt>Actual</dt><dd>${v.actualArrival ? 'arrived ' + fmtTime(v.actualArrival) : '–'}${v.actualDeparture ? ', left ' + fmtTime(v.actualDeparture) : ''}</dd>
        ${v.timeLeft ? `<dt>Time left</dt><dd data-testid="details-time-left">${esc(Timeline.timeLeftText(v, zone()))}${v.timeLeft.pastPlannedEnd
            ? ' · <b class="error" data-testid="details-overrun">' + esc(Timeline.overrunText(v, zone())) + '</b>' : ''}
            <span class="muted">(the technician's word)</span></dd>` : ''}
        <dt>Forecast</dt><dd>${v.forecast ? `${fmtTime(v.forecast.p50Arrival)} (${fmtTime(v.forecast.windowStart)}–${fmtTime(v.forecast.windowEnd)}, ${Math.round(100 * v.forecast.probabilityInWindow)} %)${v.forecast.reason ? ' — ' + esc(v.forecast.reason) : ''}` : '–'}</dd>
        ${why.length ? `<dt>Why</dt><dd>${why.map(esc).join('<br>')}</dd>` : ''}
      </dl>
      ${['BOOKED', 'SCHEDULED'].includes(v.status) && Api.canChange() ? `<form class="row" id="move" data-testid="move">
        <label class="inline">Move to <select id="move-tech" data-testid="move-tech">${state.technicians
            .filter(t => state.timeline.rows.some(r => r.technicianId === t.id))
            .map(t => `<option value="${esc(t.id)}"${t.id === v.technicianId ? ' selected' : ''}>${esc(t.name)}</option>`)
            .join('')}</select></label>
        <label class="inline">as stop <input id="move-position" data-testid="move-position" type="number" min="1"
            max="60" value="${(v.sequence ?? 0) + 1}" style="width:4rem"></label>
        <button type="submit" data-testid="move-submit">Move and pin</button></form>` : ''}
      ${['BOOKED', 'SCHEDULED'].includes(v.status) && Api.canChange() ? `<form class="row" id="move-day" data-testid="move-day">
        <label class="inline">Another day <input id="move-date" data-testid="move-date" type="date" value="${state.date}"></label>
        <button type="submit" data-testid="move-day-find">Free windows</button></form>
        <ul id="move-windows" class="list" data-testid="move-windows" aria-label="Free windows that day"></ul>` : ''}
      <div class="row">
        ${v.pinned ? '<button type="button" id="unpin" data-testid="unpin">Unpin</button>' : ''}
        ${['BOOKED', 'SCHEDULED'].includes(v.status) ? `<input id="cancel-reason" data-testid="cancel-reason"
            placeholder="why (for the customer's record)" maxlength="500" style="flex:1">
          <button type="button" id="cancel-visit" data-testid="cancel-visit">Cancel visit</button>` : ''}
      </div>
      <h4>History</h4><ul class="list audit" id="audit" data-testid="audit"><li class="muted">loading…</li></ul>`;
    if (v.pinned) $('unpin').onclick = () => unpin(v.appointmentId);
    if ($('move-day')) $('move-day').onsubmit = e => {
        e.preventDefault();
        offerOtherDay(v, $('move-date').value);
    };
    // The keyboard's way to do what dragging on the timeline does: the same pin, then a solve around it.
    if ($('move')) $('move').onsubmit = e => {
        e.preventDefault();
        pin(v.appointmentId, $('move-tech').value, Math.max(0, Number($('move-position').value) - 1));
    };
    if ($('cancel-visit')) $('cancel-visit').onclick = () => cancelVisit(v.appointmentId, $('cancel-reason').value.trim());
    try {
        const trail = await Api.get('/api/audit?entity=appointment&id=' + v.appointmentId);
        if (state.selected !== v.appointmentId) return;
        const stamp = new Intl.DateTimeFormat('en-GB', {timeZone: zone(), month: 'short', day: 'numeric',
            hour: '2-digit', minute: '2-digit', hourCycle: 'h23'});
        $('audit').innerHTML = trail.length === 0 ? '<li class="muted">no changes recorded</li>' : trail.map(a =>
            `<li data-testid="audit-entry"><b>${esc(a.action)}</b> ${stamp.format(Date.parse(a.at))} by ${esc(a.actor)}${a.reason ? ' — ' + esc(a.reason) : ''}</li>`).join('');
    } catch (err) {
        $('audit').innerHTML = `<li class="error">${esc(err.message)}</li>`;
    }
}

$('details-close').addEventListener('click', () => select(null));

/** A technician's day in the details panel, with "out sick" for the exceptions of a morning. */
function showTechnician(id) {
    const t = state.technicians.find(x => x.id === id);
    const row = state.timeline?.rows.find(r => r.technicianId === id);
    if (!t) return;
    state.selected = null;
    state.map.select(null);
    $('details').hidden = false;
    const skills = Object.entries(typeof t.skills === 'string' ? JSON.parse(t.skills) : (t.skills || {})).map(([k, v]) => `${k} ${v}`).join(', ') || '–';
    $('details-body').innerHTML = `<dl>
        <dt>Technician</dt><dd data-testid="technician-name">${esc(t.name)} (${esc(t.id)})</dd>
        <dt>Phone</dt><dd>${esc(t.phone)}</dd>
        <dt>Skills</dt><dd>${esc(skills)}</dd>
        <dt>Shift</dt><dd>${row ? `${fmtTime(row.shiftStart)}–${fmtTime(row.shiftEnd)}, back ${fmtTime(row.back)}` : 'not working'}</dd>
        <dt>Visits</dt><dd>${row ? row.stops.length : 0}</dd>
      </dl>
      <button type="button" id="out-sick" data-testid="out-sick">Out sick on ${esc(state.date)}</button>`;
    $('out-sick').onclick = async () => {
        try {
            await Api.post(`/api/technicians/${encodeURIComponent(id)}/absences`,
                {firstDay: state.date, lastDay: state.date, kind: 'SICK', note: 'reported in the console'});
            planMessage(`${t.name} is out on ${state.date}: solve again (a published day re-plans by itself).`, 'ok');
            await loadTimeline(true);
        } catch (err) {
            planMessage(err.message, 'error');
        }
    };
}

// ---- start ------------------------------------------------------------------------------------------------------

Api.onUnauthorized(message => showLogin(message));
// After every script of the page has run (plan.js, booking.js define what the app calls).
window.addEventListener('DOMContentLoaded', () => { if (Api.session()?.token) showApp(); else showLogin(Api.endedMessage()); });
