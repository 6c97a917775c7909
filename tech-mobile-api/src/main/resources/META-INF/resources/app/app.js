// The technician's phone app: log in, today's route (list and map), status taps, time left on site and GPS, all
// through the IndexedDB outbox (queue.js) so that it works offline and replays in order when the network is back.
'use strict';

const NEXT = {
    PLANNED: ['EN_ROUTE', 'CANNOT_COMPLETE'],
    EN_ROUTE: ['ARRIVED', 'CANNOT_COMPLETE'],
    ARRIVED: ['COMPLETED', 'CANNOT_COMPLETE'],
};
const t = I18n.t;
const PING_BATCH = 20;
const PING_FLUSH_MS = 15000;
// The "time left" choices while on site, in minutes (the server takes 1..480).
const TIME_LEFT = [15, 30, 45, 60, 90, 120];
// While a visit is on site the route is read again this often: eta-service may ask how long is left there.
const ON_SITE_REFRESH_MS = 60000;
const $ = id => document.getElementById(id);

const state = {
    session: JSON.parse(localStorage.getItem('fieldcast.session') || 'null'),
    route: JSON.parse(localStorage.getItem('fieldcast.route') || 'null'),
    geojson: JSON.parse(localStorage.getItem('fieldcast.map') || 'null'),
    roads: JSON.parse(localStorage.getItem('fieldcast.roads') || 'null'),
    pings: [],
    watch: null,
    flushing: false,
    reasonFor: null,
    // The asks of time left already announced to screen readers ("appointmentId@askedAt"): each is said once.
    announced: new Set(),
};

function newId() {
    if (crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 12);
}

function deviceId() {
    let id = localStorage.getItem('fieldcast.device');
    if (!id) {
        id = 'web-' + newId().replace(/[^A-Za-z0-9-]/g, '').slice(0, 20);
        localStorage.setItem('fieldcast.device', id);
    }
    return id;
}

function saveSession(session) {
    state.session = session;
    if (session) localStorage.setItem('fieldcast.session', JSON.stringify(session));
    else localStorage.removeItem('fieldcast.session');
}

// ---- HTTP with token refresh -------------------------------------------------------------------------------

async function refreshTokens() {
    if (!state.session?.refreshToken) return false;
    const response = await fetch('/api/auth/refresh', {
        method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({refreshToken: state.session.refreshToken}),
    });
    if (!response.ok) {
        if (response.status === 401) { saveSession(null); show(); }
        return false;
    }
    const tokens = await response.json();
    saveSession({...state.session, token: tokens.token, refreshToken: tokens.refreshToken});
    return true;
}

async function api(path, options = {}, retried = false) {
    const headers = {...(options.headers || {}), Authorization: 'Bearer ' + state.session.token};
    if (options.body) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, {...options, headers});
    if (response.status === 401 && !retried && await refreshTokens()) {
        return api(path, options, true);
    }
    return response;
}

// ---- Login -------------------------------------------------------------------------------------------------

$('login-form').addEventListener('submit', async event => {
    event.preventDefault();
    $('login-error').textContent = '';
    try {
        const response = await fetch('/api/auth/device', {
            method: 'POST', headers: {'Content-Type': 'application/json'},
            body: JSON.stringify({technicianId: $('login-tech').value.trim(), secret: $('login-secret').value,
                deviceId: deviceId()}),
        });
        const body = await response.json();
        if (!response.ok) {
            $('login-error').textContent = body.message || t('loginFailed');
            return;
        }
        saveSession({token: body.token, refreshToken: body.refreshToken, technicianId: body.technicianId});
        $('login-secret').value = '';
        show();
        await loadRoute();
    } catch (e) {
        $('login-error').textContent = t('loginOffline');
    }
});

$('logout').addEventListener('click', async () => {
    stopShift();
    try { await api('/api/auth/logout', {method: 'POST'}); } catch (e) { /* offline: the token expires anyway */ }
    saveSession(null);
    localStorage.removeItem('fieldcast.route');
    localStorage.removeItem('fieldcast.map');
    localStorage.removeItem('fieldcast.roads');
    localStorage.removeItem('fieldcast.timeLeft');
    state.route = null;
    state.roads = null;
    show();
});

// ---- Route -------------------------------------------------------------------------------------------------

// The route alone, kept on the phone for offline use.
async function fetchRoute() {
    const response = await api('/api/me/route');
    if (response.ok) {
        state.route = await response.json();
        localStorage.setItem('fieldcast.route', JSON.stringify(state.route));
        forgetTimeLeftOffRoute(state.route);
        $('day-error').textContent = '';
    } else if (response.status === 404) {
        state.route = null;
        $('day-error').textContent = t('noRoute');
    } else {
        $('day-error').textContent = (await response.json()).message || t('routeFailed');
    }
}

async function loadRoute() {
    try {
        await fetchRoute();
        const map = await api('/api/me/route/map');
        if (map.ok) {
            state.geojson = await map.json();
            localStorage.setItem('fieldcast.map', JSON.stringify(state.geojson));
        }
        await loadRoads();
    } catch (e) {
        $('day-error').textContent = t('offlineRoute');
    }
    await render();
}

// While the server has a visit on site, its route is read again (not the map, unless the plan changed), so an ask of
// the time left shows within a minute. The list is redrawn only when the route changed.
async function refreshOnSite() {
    if (!state.session || !navigator.onLine || !state.route?.visits.some(v => v.status === 'ARRIVED')) return;
    const before = JSON.stringify(state.route);
    try {
        await fetchRoute();
    } catch (e) {
        return; // offline after all: the next round tries again
    }
    if (state.route?.planVersion !== JSON.parse(before).planVersion) await loadRoute();
    else if (JSON.stringify(state.route) !== before) await render();
}

// The roads under the map; optional: without them (no road network, no network) the map shows the route alone.
async function loadRoads() {
    try {
        const roads = await api('/api/me/route/roads');
        if (!roads.ok) return;
        state.roads = await roads.json();
        try {
            localStorage.setItem('fieldcast.roads', JSON.stringify(state.roads));
        } catch (e) { /* storage full: roads are drawn now and reloaded next time */ }
    } catch (e) { /* offline: keep the roads as last loaded */ }
}

async function render() {
    const list = $('visits');
    list.textContent = '';
    const route = state.route;
    $('day-title').textContent = route ? t('dayTitle', route.date, route.planVersion, route.visits.length) : '';
    if (!route) return;
    // A time-left button keeps the keyboard focus: the list is rebuilt after every tap and every answer.
    const active = document.activeElement;
    const keep = active?.dataset?.minutes ? [active.closest('li.visit')?.dataset.appointment, active.dataset.minutes]
        : null;
    const queued = await Outbox.all();
    const localStatus = {};
    queued.filter(q => q.kind === 'status').forEach(q => { localStatus[q.appointmentId] = q.body.status; });
    const unsent = new Set(queued.filter(q => q.kind === 'timeLeft').map(q => q.body.clientId));
    for (const visit of route.visits) {
        const status = localStatus[visit.appointmentId] || visit.status;
        list.appendChild(visitCard(visit, status, Boolean(localStatus[visit.appointmentId]), unsent));
    }
    if (keep) {
        list.querySelector(`li.visit[data-appointment="${keep[0]}"] button[data-minutes="${keep[1]}"]`)?.focus();
    }
    announceAsks(route.visits.filter(v => (localStatus[v.appointmentId] || v.status) === 'ARRIVED'));
    if (!$('map').hidden) drawMap(localStatus);
}

function time(iso) {
    return iso ? new Date(iso).toLocaleTimeString(I18n.lang, {hour: '2-digit', minute: '2-digit'}) : '–';
}

// 1, 2, 3 in driving order (dispatch's sequence starts at 0).
function position(visit) {
    return (state.route?.visits.findIndex(v => v.appointmentId === visit.appointmentId) ?? -1) + 1 || '';
}

function visitCard(visit, status, waiting, unsentTimeLeft) {
    const li = document.createElement('li');
    li.className = 'visit';
    li.dataset.status = status;
    li.dataset.appointment = visit.appointmentId;
    const lat = visit.location?.lat, lon = visit.location?.lon;
    const phone = (visit.customerPhone || '').replace(/[^+0-9]/g, '');
    // Once the customer was told a window, that window is the visit's timing (dispatch does not re-send a route for
    // a planned arrival that merely follows it): the planned time is shown only before.
    li.innerHTML = `
        <span class="status">${escape(t('status.' + status))}${waiting ? ' ' + escape(t('waitingToSend')) : ''}</span>
        <h2>${position(visit)}. ${escape(visit.customerFirstName || '')}</h2>
        <div>${escape(visit.address || '')}</div>
        <div class="muted">${escape(visit.jobType || '')} · ${escape(t('window', time(visit.windowStart),
            time(visit.windowEnd)))}${visit.toldWindowStart ? ''
                : ' · ' + escape(t('planned', time(visit.plannedArrival)))}</div>
        ${visit.toldWindowStart ? `<div class="told">${escape(t('told', time(visit.toldWindowStart),
            time(visit.toldWindowEnd)))}</div>` : ''}
        ${visit.notes ? `<div><span aria-hidden="true">📝</span> <span class="visually-hidden">${escape(t('notes'))}</span>
            ${escape(visit.notes)}</div>` : ''}
        <div class="links">
            ${phone ? `<a class="call" href="tel:${phone}">${escape(t('call'))}</a>` : ''}
            ${lat != null ? `<a href="geo:${lat},${lon}?q=${lat},${lon}">${escape(t('navigate'))}</a>
            <a href="https://www.openstreetmap.org/directions?to=${lat}%2C${lon}" target="_blank" rel="noopener">${
                escape(t('osm'))}<span class="visually-hidden"> ${escape(t('opensNewTab'))}</span></a>` : ''}
        </div>
        <div class="actions"></div>`;
    if (status === 'ARRIVED') li.insertBefore(timeLeftControl(visit, unsentTimeLeft), li.querySelector('.actions'));
    const actions = li.querySelector('.actions');
    for (const next of NEXT[status] || []) {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = t('action.' + next);
        button.dataset.status = next;
        if (next === 'CANNOT_COMPLETE') button.className = 'danger';
        button.addEventListener('click', () => next === 'CANNOT_COMPLETE' ? askReason(visit)
            : changeStatus(visit, next));
        actions.appendChild(button);
    }
    return li;
}

function escape(text) {
    const div = document.createElement('div');
    div.textContent = text;
    return div.innerHTML;
}

function askReason(visit) {
    state.reasonFor = visit;
    $('reason-note').value = '';
    $('reason-dialog').showModal();
}

$('reason-dialog').addEventListener('close', () => {
    if ($('reason-dialog').returnValue === 'ok' && state.reasonFor) {
        changeStatus(state.reasonFor, 'CANNOT_COMPLETE', $('reason').value, $('reason-note').value.trim() || null);
    }
    state.reasonFor = null;
});

async function changeStatus(visit, status, reasonCode = null, note = null) {
    await Outbox.add({
        kind: 'status', appointmentId: visit.appointmentId,
        label: `${position(visit)}. ${visit.customerFirstName}: ${t('action.' + status)}`,
        url: `/api/me/visits/${visit.appointmentId}/status`,
        body: {status, reasonCode, note, deviceTime: new Date().toISOString(), clientId: newId()},
    });
    await render();
    await updatePending();
    flush();
}

// ---- Time left on site ------------------------------------------------------------------------------------

// The last read per visit, as tapped on this phone: {appointmentId: {minutesLeft, deviceTime, clientId}}.
function timeLeftReads() {
    return JSON.parse(localStorage.getItem('fieldcast.timeLeft') || '{}');
}

function saveTimeLeftReads(reads) {
    localStorage.setItem('fieldcast.timeLeft', JSON.stringify(reads));
}

// When the platform asked how long is left here (the server's timeLeftAskedAt, set only while on site), or null once a
// word said on this phone at or after the ask answers it, also while that word still waits to be sent.
function openAsk(visit) {
    const asked = visit.timeLeftAskedAt;
    if (!asked) return null;
    const read = timeLeftReads()[visit.appointmentId];
    return read && new Date(read.deviceTime) >= new Date(asked) ? null : asked;
}

// Each open ask of the visits on site is said once by the polite live region, not again on every redraw of the list.
function announceAsks(visits) {
    for (const visit of visits) {
        const asked = openAsk(visit);
        const key = visit.appointmentId + '@' + asked;
        if (!asked || state.announced.has(key)) continue;
        state.announced.add(key);
        const region = $('announcer');
        region.textContent = '';
        // Emptied first and filled a moment later, so the same words are said again for a new ask.
        setTimeout(() => { region.textContent = `${position(visit)}. ${visit.customerFirstName || ''}: ${
            t('timeLeftAsked')}`; }, 100);
    }
}

// "Time left": the platform's question while it is open, one button per choice, and what was said last (waiting to
// send while still in the outbox).
function timeLeftControl(visit, unsent) {
    const group = document.createElement('div');
    group.className = 'time-left';
    group.setAttribute('role', 'group');
    if (openAsk(visit)) {
        const ask = document.createElement('p');
        ask.className = 'ask';
        ask.id = 'time-left-ask-' + visit.appointmentId;
        ask.textContent = t('timeLeftAsked');
        group.setAttribute('aria-describedby', ask.id);
        group.appendChild(ask);
    }
    const heading = document.createElement('span');
    heading.id = 'time-left-' + visit.appointmentId;
    heading.textContent = t('timeLeft');
    group.setAttribute('aria-labelledby', heading.id);
    const choices = document.createElement('div');
    choices.className = 'choices';
    for (const minutes of TIME_LEFT) {
        const button = document.createElement('button');
        button.type = 'button';
        button.dataset.minutes = String(minutes);
        button.textContent = t('timeLeftButton', minutes);
        button.addEventListener('click', () => tellTimeLeft(visit, minutes));
        choices.appendChild(button);
    }
    const said = document.createElement('p');
    said.className = 'said';
    said.setAttribute('aria-live', 'polite');
    const read = timeLeftReads()[visit.appointmentId];
    if (read) {
        said.textContent = t('timeLeftSaid', read.minutesLeft, time(read.deviceTime))
            + (unsent.has(read.clientId) ? ' ' + t('waitingToSend') : '');
    }
    group.append(heading, choices, said);
    return group;
}

async function tellTimeLeft(visit, minutesLeft) {
    const body = {minutesLeft, deviceTime: new Date().toISOString(), clientId: newId()};
    await Outbox.add({
        kind: 'timeLeft', appointmentId: visit.appointmentId,
        label: `${position(visit)}. ${visit.customerFirstName}: ${t('timeLeftItem', minutesLeft)}`,
        url: `/api/me/visits/${visit.appointmentId}/time-left`, body,
    });
    saveTimeLeftReads({...timeLeftReads(), [visit.appointmentId]: body});
    await render();
    await updatePending();
    flush();
}

// A read the server refused (e.g. 409: the visit was done meanwhile) is no longer shown as said.
function forgetTimeLeft(item) {
    const reads = timeLeftReads();
    if (reads[item.appointmentId]?.clientId === item.body.clientId) {
        delete reads[item.appointmentId];
        saveTimeLeftReads(reads);
    }
}

// Reads of visits no longer on the route (another day, re-planned away) are not kept.
function forgetTimeLeftOffRoute(route) {
    const onRoute = new Set(route.visits.map(v => v.appointmentId));
    saveTimeLeftReads(Object.fromEntries(Object.entries(timeLeftReads()).filter(([id]) => onRoute.has(id))));
}

// ---- GPS ---------------------------------------------------------------------------------------------------

function startShift() {
    if (!navigator.geolocation || state.watch !== null) return;
    state.watch = navigator.geolocation.watchPosition(position => {
        const c = position.coords;
        state.pings.push({clientId: newId(), deviceTime: new Date(position.timestamp).toISOString(),
            lat: c.latitude, lon: c.longitude, accuracy: c.accuracy, speed: c.speed, heading: c.heading});
        if (state.pings.length >= PING_BATCH) queuePings();
    }, error => { $('day-error').textContent = t('gps', error.message); },
    {enableHighAccuracy: true, maximumAge: 5000});
    localStorage.setItem('fieldcast.shift', 'on');
    shiftButton(true);
}

function stopShift() {
    if (state.watch !== null) navigator.geolocation.clearWatch(state.watch);
    state.watch = null;
    queuePings();
    localStorage.removeItem('fieldcast.shift');
    shiftButton(false);
}

function shiftButton(on) {
    $('shift').dataset.on = String(on);
    $('shift').setAttribute('aria-pressed', String(on));
    $('shift').textContent = t(on ? 'onShift' : 'startShift');
}

async function queuePings() {
    if (state.pings.length === 0) return;
    const pings = state.pings.splice(0, state.pings.length);
    await Outbox.add({kind: 'pings', label: t('gpsPoints', pings.length), url: '/api/me/locations', body: {pings}});
    await updatePending();
    flush();
}

$('shift').addEventListener('click', () => state.watch === null ? startShift() : stopShift());

// ---- Sending the outbox in order ---------------------------------------------------------------------------

const PERMANENT = [400, 403, 404, 409, 413, 422];

async function flush() {
    if (state.flushing || !state.session) return;
    state.flushing = true;
    let sentSomething = false;
    try {
        for (const item of await Outbox.all()) {
            let response;
            try {
                response = await api(item.url, {method: 'POST', body: JSON.stringify(item.body)});
            } catch (e) {
                break; // offline: keep everything, in order, for the next attempt
            }
            if (response.ok) {
                await Outbox.remove(item.seq);
                sentSomething = true;
            } else if (PERMANENT.includes(response.status)) {
                // The server will never take it (e.g. 409: someone else's change won); drop it and say why.
                const body = await response.json().catch(() => ({}));
                $('day-error').textContent = `${item.label}: ${body.message || response.status}`;
                if (item.kind === 'timeLeft') forgetTimeLeft(item);
                await Outbox.remove(item.seq);
                sentSomething = true;
            } else {
                break; // 401 without a session, 429, 503: keep it and retry later
            }
        }
    } finally {
        state.flushing = false;
        await updatePending();
    }
    if (sentSomething) await loadRoute();
}

async function updatePending() {
    const items = await Outbox.all();
    $('pending').textContent = t('waiting', items.length);
    $('pending').dataset.count = String(items.length);
    const queue = $('queue');
    queue.textContent = '';
    for (const item of items) {
        const li = document.createElement('li');
        li.textContent = `${item.label} (${time(item.queuedAt)})`;
        queue.appendChild(li);
    }
}

$('pending').addEventListener('click', () => { $('queue-details').open = !$('queue-details').open; });
$('queue-details').addEventListener('toggle', () => {
    $('pending').setAttribute('aria-expanded', String($('queue-details').open));
});

// ---- Views -------------------------------------------------------------------------------------------------

function drawMap(localStatus = {}) {
    if (!state.geojson) {
        $('map').textContent = t('mapNotLoaded');
        return;
    }
    const route = state.geojson.features.map(f => f.properties?.kind === 'visit'
        && localStatus[f.properties.appointmentId]
        ? {...f, properties: {...f.properties, status: localStatus[f.properties.appointmentId]}} : f);
    const geojson = {...state.geojson, features: [...(state.roads?.features || []), ...route]};
    RouteMap.draw($('map'), geojson);
}

function tab(showMap) {
    $('map').hidden = !showMap;
    $('visits').hidden = showMap;
    $('tab-map').classList.toggle('active', showMap);
    $('tab-list').classList.toggle('active', !showMap);
    $('tab-map').setAttribute('aria-pressed', String(showMap));
    $('tab-list').setAttribute('aria-pressed', String(!showMap));
    render();
}

$('tab-list').addEventListener('click', () => tab(false));
$('tab-map').addEventListener('click', () => tab(true));

function network() {
    $('net').textContent = t(navigator.onLine ? 'online' : 'offline');
    $('net').dataset.online = String(navigator.onLine);
}

window.addEventListener('online', () => { network(); flush(); });
window.addEventListener('offline', network);

function show() {
    const loggedIn = Boolean(state.session);
    $('login-view').hidden = loggedIn;
    $('day-view').hidden = !loggedIn;
}

// The visible language switch: the other language's name, in that language.
function words() {
    I18n.apply();
    $('lang').textContent = t('switchTo');
    $('lang').lang = I18n.other();
    network();
    shiftButton(state.watch !== null);
}

$('lang').addEventListener('click', async () => {
    I18n.use(I18n.other());
    words();
    await updatePending();
    await render();
});

async function start() {
    words();
    show();
    await updatePending();
    if (state.session) {
        await render();
        loadRoute();
        if (localStorage.getItem('fieldcast.shift') === 'on') startShift();
        flush();
    }
    setInterval(flush, 10000);
    setInterval(refreshOnSite, ON_SITE_REFRESH_MS);
    setInterval(queuePings, PING_FLUSH_MS);
    if ('serviceWorker' in navigator) navigator.serviceWorker.register('sw.js').catch(() => {});
}

start();
