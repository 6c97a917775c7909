// The operations page: figures from /api/ops/report with the console's session (localStorage fieldcast.session,
// one sign-in for every page behind the front door) or a pasted token; pictures drawn as SVG; CSV from the API.
'use strict';

(() => {
    const SESSION = 'fieldcast.session';
    const KEY = 'fieldcast.ops.token';
    const SVG = 'http://www.w3.org/2000/svg';
    const $ = id => document.getElementById(id);
    let lastTerritories = [];

    // ---- session ----

    function shared() {
        try { return (JSON.parse(localStorage.getItem(SESSION) || 'null') || {}).token || null; } catch (e) { return null; }
    }

    function token() { return shared() || sessionStorage.getItem(KEY); }

    function setToken(value) {
        if (value && value !== shared()) sessionStorage.setItem(KEY, value);
        else if (!value) sessionStorage.removeItem(KEY);
        $('auth-view').hidden = !!value;
        $('range-view').hidden = !value;
        if (!value) $('report').hidden = true;
    }

    function refused(status) {
        setToken(null);
        if (status === 401) localStorage.removeItem(SESSION);
        $('auth-error').textContent = status === 401
            ? 'The session was refused (expired or signed out); please sign in again.'
            : 'This sign-in may not see the operations page (dispatcher, supervisor or admin only).';
    }

    // ---- data ----

    function query(extra) {
        const params = new URLSearchParams();
        params.set('from', $('from').value);
        params.set('to', $('to').value);
        if ($('territory').value) params.set('territory', $('territory').value);
        for (const [k, v] of Object.entries(extra || {})) params.set(k, v);
        return params;
    }

    async function load() {
        $('range-error').textContent = 'loading…';
        const response = await fetch('/api/ops/report?' + query(), {headers: {Authorization: 'Bearer ' + token()}});
        if (response.status === 401) return refused(401);
        const body = await response.json().catch(() => null);
        if (!response.ok) {
            $('range-error').textContent = body?.message || `HTTP ${response.status}`;
            return;
        }
        $('range-error').textContent = '';
        render(body);
    }

    async function download(table) {
        $('csv-status').textContent = `preparing ${table}.csv…`;
        const response = await fetch(`/api/ops/${table}?` + query({format: 'csv'}),
            {headers: {Authorization: 'Bearer ' + token()}});
        if (response.status === 401) return refused(401);
        if (!response.ok) {
            $('csv-status').textContent = `download failed (HTTP ${response.status})`;
            return;
        }
        const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '')?.[1]
            || `ops-${table}.csv`;
        const url = URL.createObjectURL(await response.blob());
        const a = document.createElement('a');
        a.href = url;
        a.download = name;
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
        $('csv-status').textContent = `downloaded ${name}`;
    }

    // ---- formatting ----

    const pct = x => x == null ? '—' : (100 * x).toFixed(1) + ' %';
    const num = (x, d) => x == null ? '—' : Number(x).toFixed(d === undefined ? 1 : d);

    function figure(r, key) { return r.summary.find(f => f.key === key) || {}; }

    function card(label, value, title) {
        const div = document.createElement('div');
        div.className = 'card';
        div.innerHTML = '<div class="value"></div><div class="label"></div>';
        div.querySelector('.value').textContent = value;
        div.querySelector('.label').textContent = label;
        if (title) div.title = title;
        return div;
    }

    function render(r) {
        $('report').hidden = false;
        if (!r.territory) {
            lastTerritories = r.territories.map(t => t.territory);
            const select = $('territory');
            const chosen = select.value;
            select.replaceChildren(new Option('all my territories', ''),
                ...lastTerritories.map(t => new Option(t, t)));
            select.value = chosen;
        }
        $('source').textContent = `${r.from} to ${r.to}` + (r.territory ? `, territory ${r.territory}` : ', all your '
            + 'territories') + `; computed ${r.generatedAt}.`;
        const f = key => figure(r, key);
        const share = (key, label) => card(label, pct(f(key).value),
            f(key).denominator == null ? '' : `${num(f(key).numerator, 0)} of ${num(f(key).denominator, 0)}`);
        const channels = r.summary.filter(x => x.key.startsWith('bookings.'))
            .map(x => `${x.key.slice(9)} ${num(x.numerator, 0)}`).join(' · ');
        $('headline').replaceChildren(
            card('bookings' + (channels ? ` (${channels})` : ''), num(f('bookings').value, 0)),
            card('lead time p50 / p90', `${num(f('leadHoursP50').value, 0)} / ${num(f('leadHoursP90').value, 0)} h`),
            share('onTimeRate', 'on time (inside the booked window)'),
            share('promiseKeptRate', 'promise kept (inside the window texted)'),
            share('utilization', 'utilization (planned work / shift)'),
            share('firstVisitRate', 'first-visit completion'),
            share('noShowRate', 'no-shows (nobody home)'),
            share('lateCancelRate', 'late cancellations'),
            share('rescheduleRate', 'rescheduled'),
            share('adminTouchRate', 'changed by a dispatcher'),
            card('planned travel per visit', num(f('travelMinutesPerVisit').value, 1) + ' min'),
            card('overtime', num(f('overtimeMinutes').value / 60, 1) + ' h',
                `${num(f('overtimeMinutes').numerator, 0)} technician-days past their shift`),
            card('texts per visit', num(f('textsPerVisit').value, 2)),
            ...r.summary.filter(x => x.key.startsWith('conversion.')).map(x => card(
                `slot searches → bookings (${x.key.slice(11)})`, pct(x.value),
                `${num(x.numerator, 0)} bookings of ${num(x.denominator, 0)} searches`)));
        lines($('trend'), r.daily, [
            {label: 'on time', value: d => d.onTimeRate},
            {label: 'promise kept', value: d => d.promiseKeptRate},
            {label: 'utilization', value: d => d.utilization}], {max: 1, format: v => (100 * v).toFixed(0) + '%'});
        lines($('bookings'), r.daily, [
            {label: 'console', value: d => d.bookingsConsole},
            {label: 'portal', value: d => d.bookingsPortal},
            {label: 'other', value: d => d.bookingsOther}], {format: v => v.toFixed(0)});
        lines($('funnel'), r.daily, [
            {label: 'searches, booking page', value: d => d.searchesPortal},
            {label: 'bookings, booking page', value: d => d.bookingsPortal},
            {label: 'searches, console', value: d => d.searchesConsole},
            {label: 'bookings, console', value: d => d.bookingsConsole}], {format: v => v.toFixed(0)});
        technicianBars($('by-technician'), r.technicians.filter(t => t.utilization != null)
            .sort((a, b) => a.utilization - b.utilization));
        heatmap($('heatmap'), r.heatmap);
        table($('territories-table'), 'territories-heading', r.territories, [
            ['territory', 'territory'], ['technicians', 'technicians', 0], ['techDays', 'technician-days', 0],
            ['bookings', 'bookings', 0], ['searches', 'slot searches', 0], ['conversion', 'searches → bookings', 'pct'],
            ['appointments', 'appointments', 0], ['utilization', 'utilization', 'pct'],
            ['onTimeRate', 'on time', 'pct'], ['promiseKeptRate', 'promise kept', 'pct'],
            ['noShowRate', 'no-shows', 'pct'], ['lateCancelRate', 'late cancels', 'pct'],
            ['rescheduleRate', 'rescheduled', 'pct'], ['firstVisitRate', 'first visit', 'pct'],
            ['travelMinutesPerVisit', 'travel min / visit', 1], ['overtimeMinutes', 'overtime min', 0],
            ['textsPerVisit', 'texts / visit', 2], ['adminTouchRate', 'admin touch', 'pct']]);
        table($('technicians-table'), 'technicians-heading', r.technicians, [
            ['technician', 'technician'], ['territory', 'territory'], ['days', 'days', 0],
            ['plannedVisits', 'visits', 0], ['utilization', 'utilization', 'pct'],
            ['travelMinutesPerVisit', 'travel min / visit', 1], ['overtimeMinutes', 'overtime min', 0],
            ['onTimeRate', 'on time', 'pct'], ['promiseKeptRate', 'promise kept', 'pct'],
            ['firstVisitRate', 'first visit', 'pct'], ['noShows', 'no-shows', 0]]);
        table($('daily-table'), 'daily-heading', r.daily, [
            ['day', 'day'], ['bookings', 'bookings', 0], ['searchesPortal', 'searches (booking page)', 0],
            ['conversionPortal', 'booking page: searches → bookings', 'pct'], ['appointments', 'appointments', 0],
            ['canceled', 'canceled', 0], ['lateCancels', 'late cancels', 0], ['rescheduled', 'rescheduled', 0],
            ['noShows', 'no-shows', 0], ['onTimeRate', 'on time', 'pct'], ['promiseKeptRate', 'promise kept', 'pct'],
            ['utilization', 'utilization', 'pct'], ['overtimeMinutes', 'overtime min', 0],
            ['textsSent', 'texts', 0]]);
    }

    function table(container, headingId, rows, columns) {
        if (!rows.length) {
            container.innerHTML = '<div class="empty">nothing in this range</div>';
            return;
        }
        const t = document.createElement('table');
        t.setAttribute('aria-labelledby', headingId);
        const head = t.createTHead().insertRow();
        for (const [, title] of columns) {
            const th = document.createElement('th');
            th.scope = 'col';
            th.textContent = title;
            head.append(th);
        }
        const body = t.createTBody();
        for (const row of rows) {
            const tr = body.insertRow();
            for (const [key, , kind] of columns) {
                const td = tr.insertCell();
                const v = row[key];
                td.textContent = kind === 'pct' ? pct(v) : kind === undefined ? (v ?? '—') : num(v, kind);
                if (kind !== undefined) td.className = 'num';
            }
        }
        container.replaceChildren(t);
    }

    // ---- SVG ----

    function el(name, attrs, text) {
        const e = document.createElementNS(SVG, name);
        for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
        if (text !== undefined) e.textContent = text;
        return e;
    }

    function svg(container, width, height) {
        const s = el('svg', {viewBox: `0 0 ${width} ${height}`, role: 'img',
            'aria-labelledby': container.id + '-caption'});
        container.replaceChildren(s);
        return s;
    }

    function empty(container, text) {
        container.innerHTML = `<div class="empty">${text || 'nothing in this range'}</div>`;
    }

    /** One line per series over the days; a series' missing days are gaps. */
    function lines(container, days, series, opts) {
        if (!days.length) return empty(container);
        const W = 460, H = 240, L = 44, B = 30, T = 10, R = 24;
        const values = days.flatMap(d => series.map(s => s.value(d))).filter(v => v != null);
        if (!values.length) return empty(container);
        const max = opts.max || Math.ceil(Math.max(1, ...values) * 1.1 / 4) * 4;
        const x = i => L + (days.length === 1 ? 0.5 : i / (days.length - 1)) * (W - L - R);
        const y = v => H - B - v / max * (H - B - T);
        const s = svg(container, W, H);
        for (let k = 0; k <= 4; k++) {
            const v = max * k / 4;
            s.append(el('line', {class: 'grid', x1: L, x2: W - R, y1: y(v), y2: y(v)}),
                el('text', {x: L - 4, y: y(v) + 4, 'text-anchor': 'end'}, opts.format(v)));
        }
        const ticks = Math.min(days.length, 6);
        for (let k = 0; k < ticks; k++) {
            const i = ticks === 1 ? 0 : Math.round(k * (days.length - 1) / (ticks - 1));
            s.append(el('text', {x: x(i), y: H - B + 14, 'text-anchor': 'middle'}, days[i].day.slice(5)));
        }
        series.forEach((serie, n) => {
            let path = '';
            days.forEach((d, i) => {
                const v = serie.value(d);
                if (v == null) return;
                path += (path && days[i - 1] && serie.value(days[i - 1]) != null ? ' L' : ' M') + `${x(i)},${y(v)}`;
            });
            s.append(el('path', {class: `line s${n}`, d: path.trim() || 'M0,0', fill: 'none'}));
            days.forEach((d, i) => {
                const v = serie.value(d);
                if (v == null) return;
                const dot = el('circle', {class: `s${n}`, cx: x(i), cy: y(v), r: days.length > 40 ? 1.5 : 3});
                dot.append(el('title', {}, `${d.day} ${serie.label}: ${opts.format(v)}`));
                s.append(dot);
            });
        });
        s.append(el('line', {class: 'axis', x1: L, x2: W - R, y1: H - B, y2: H - B}));
        const legend = document.createElement('div');
        legend.className = 'legend';
        series.forEach((serie, n) => {
            const span = document.createElement('span');
            span.className = 's' + n;
            span.textContent = serie.label;
            legend.append(span);
        });
        container.append(legend);
    }

    function technicianBars(container, rows) {
        if (!rows.length) return empty(container, 'no planned technician-days in this range');
        const row = 18, W = 460, L = 110, R = 60, T = 6;
        const max = Math.max(1, ...rows.map(t => t.utilization));
        const H = T + rows.length * row + 20;
        const x = v => L + v / max * (W - L - R);
        const s = svg(container, W, H);
        rows.forEach((t, i) => {
            const top = T + i * row;
            const rect = el('rect', {class: 'bar', x: L, y: top + 2, width: Math.max(0, x(t.utilization) - L),
                height: row - 5});
            rect.append(el('title', {}, `${t.technician}: ${pct(t.utilization)} over ${t.days} days`));
            s.append(el('text', {x: L - 6, y: top + row - 5, 'text-anchor': 'end'}, t.technician), rect,
                el('text', {class: 'note', x: x(t.utilization) + 4, y: top + row - 5}, pct(t.utilization)));
        });
        s.append(el('line', {class: 'axis', x1: L, x2: L, y1: T, y2: T + rows.length * row}));
    }

    function heatmap(container, cells) {
        const withShift = cells.filter(c => c.shiftMinutes > 0);
        if (!withShift.length) return empty(container, 'no shifts in this range');
        const hours = withShift.map(c => c.hour);
        const first = Math.min(...hours), last = Math.max(...hours);
        const cols = last - first + 1, cw = Math.min(34, 400 / cols), ch = 24, L = 40, T = 18;
        const W = L + cols * cw + 4, H = T + 7 * ch + 4;
        const s = svg(container, W, H);
        for (let h = first; h <= last; h++) {
            s.append(el('text', {x: L + (h - first + 0.5) * cw, y: 12, 'text-anchor': 'middle'}, String(h)));
        }
        const names = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
        names.forEach((n, d) => s.append(el('text', {x: L - 6, y: T + d * ch + 16, 'text-anchor': 'end'}, n)));
        for (const c of cells) {
            if (c.hour < first || c.hour > last) continue;
            const u = c.utilization;
            const rect = el('rect', {class: 'cell', x: L + (c.hour - first) * cw, y: T + (c.weekday - 1) * ch,
                width: cw, height: ch, fill: u == null ? '#ffffff' : `rgba(11, 83, 148, ${0.08 + 0.92 * Math.min(1, u)})`});
            rect.append(el('title', {}, `${c.weekdayName} ${c.hour}:00 ${u == null ? 'no shift' : pct(u)}`));
            s.append(rect);
        }
    }

    // ---- start ----

    function preset(days) {
        const to = new Date();
        const from = new Date(to.getTime() - (days - 1) * 86400000);
        $('to').value = to.toISOString().slice(0, 10);
        $('from').value = from.toISOString().slice(0, 10);
        load();
    }

    $('token-form').addEventListener('submit', event => {
        event.preventDefault();
        const value = $('token').value.trim().replace(/^Bearer\s+/i, '');
        if (!value) { $('auth-error').textContent = 'paste a token first'; return; }
        $('auth-error').textContent = '';
        setToken(value);
        load();
    });
    $('range-form').addEventListener('submit', event => { event.preventDefault(); load(); });
    document.querySelectorAll('button.preset').forEach(b => b.addEventListener('click',
        () => preset(Number(b.dataset.days))));
    document.querySelectorAll('button.csv').forEach(b => b.addEventListener('click', () => download(b.dataset.table)));
    $('forget').addEventListener('click', () => setToken(null));
    if (!$('to').value) {
        const to = new Date();
        $('to').value = to.toISOString().slice(0, 10);
        $('from').value = new Date(to.getTime() - 27 * 86400000).toISOString().slice(0, 10);
    }
    setToken(token());
    if (token()) load();
})();
