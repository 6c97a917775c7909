// The evaluation report: figures from /api/report (dispatcher/admin token kept in this tab's sessionStorage), or
// embedded by the benchmark as window.FIELDCAST_REPORT; pictures drawn as SVG, nothing loaded from elsewhere.
'use strict';

(() => {
    const KEY = 'fieldcast.report.token';
    const SVG = 'http://www.w3.org/2000/svg';
    const TARGET = 0.9;
    const $ = id => document.getElementById(id);

    // ---- data ----

    /** The one sign-in of the origin (behind the gateway: the console's, or this page's own). */
    const SESSION = 'fieldcast.session';

    function shared() {
        try { return (JSON.parse(localStorage.getItem(SESSION) || 'null') || {}).token || null; } catch (e) { return null; }
    }

    function token() { return shared() || sessionStorage.getItem(KEY); }

    function setToken(value) {
        // The shared session is not copied into this tab: when it ends (signed out anywhere), so does this page's.
        if (value && value !== shared()) sessionStorage.setItem(KEY, value);
        else if (!value) sessionStorage.removeItem(KEY);
        if (!value) localStorage.removeItem(SESSION);
        $('auth-view').hidden = !!value;
        $('range-view').hidden = !value;
        if (!value) $('report').hidden = true;
    }

    async function load() {
        const params = new URLSearchParams();
        if ($('from').value) params.set('from', $('from').value);
        if ($('to').value) params.set('to', $('to').value);
        $('range-error').textContent = 'loading…';
        const response = await fetch('/api/report?' + params, {headers: {Authorization: 'Bearer ' + token()}});
        if (response.status === 401 || response.status === 403) {
            setToken(null);
            $('auth-error').textContent = response.status === 401
                ? 'The token was refused (expired or not a platform token); please give a new one.'
                : 'This token has neither the dispatcher nor the admin role.';
            return;
        }
        const body = await response.json().catch(() => null);
        if (!response.ok) {
            $('range-error').textContent = body?.message || `HTTP ${response.status}`;
            return;
        }
        $('range-error').textContent = '';
        render(body);
    }

    async function login(event) {
        event.preventDefault();
        const url = $('dispatch-url').value.replace(/\/+$/, '') + '/api/auth/login';
        try {
            const response = await fetch(url, {
                method: 'POST', headers: {'Content-Type': 'application/json'},
                body: JSON.stringify({username: $('login-user').value, password: $('login-password').value}),
            });
            const body = await response.json().catch(() => null);
            if (!response.ok) {
                $('auth-error').textContent = body?.message || `log-in refused (HTTP ${response.status})`;
                return;
            }
            localStorage.setItem(SESSION, JSON.stringify({token: body.token, username: body.username,
                roles: body.roles, expiresAt: body.expiresAt}));
            setToken(body.token);
            await load();
        } catch (e) {
            // fetch throws (no status) when the browser blocks the cross-origin answer.
            $('auth-error').textContent = 'dispatch-service did not answer this page (not running, or it does not '
                + 'allow cross-origin log-in); get a token with the command below and paste it.';
        }
    }

    // ---- headline ----

    function pct(x) { return x == null ? '—' : (100 * x).toFixed(1) + ' %'; }
    function minutes(x) { return x == null ? '—' : x.toFixed(x < 10 ? 1 : 0) + ' min'; }

    function card(label, value, ok) {
        const div = document.createElement('div');
        div.className = 'card';
        if (ok !== undefined) div.dataset.ok = String(ok);
        div.innerHTML = '<div class="value"></div><div class="label"></div>';
        div.querySelector('.value').textContent = value;
        div.querySelector('.label').textContent = label;
        return div;
    }

    function render(r) {
        const h = r.headline;
        $('report').hidden = false;
        // Show the range the service chose when none was asked for.
        if (r.from && !$('from').value) $('from').value = r.from;
        if (r.to && !$('to').value) $('to').value = r.to;
        $('model').textContent = 'model ' + (r.modelVersion || '—');
        const versions = (r.forecastModelVersions || []).join(', ') || 'none';
        const days = r.from ? `route days ${r.from} to ${r.to}` : 'generated days';
        $('source').textContent = `${r.source}: ${days}, computed ${r.generatedAt}; forecasts made with model `
            + `version(s) ${versions}.`;
        const cards = $('headline');
        cards.replaceChildren(
            card('visits with a known arrival', String(h.visits)),
            card(`coverage (window ≥ ${h.minLeadMinutes} min ahead; ${h.covered} visits)`, pct(h.coverage),
                h.visits ? h.coverage >= 0.8 : undefined),
            card('hit rate of the first window' + (h.hitRateLow95 == null ? ''
                : ` (95 % interval ${pct(h.hitRateLow95)}–${pct(h.hitRateHigh95)})`), pct(h.hitRate),
                h.hitRate == null ? undefined : h.hitRate >= TARGET),
            card('MAE of the first p50', minutes(h.maeMinutes)),
            card('lead time p50', minutes(h.leadMinutesP50)),
            card('first windows sent too late', String(h.sentTooLate)),
            ...(r.comparisons || []).map(c => card(c.label, c.unit && c.unit !== 'share' ? c.value.toFixed(1) + ' ' + c.unit : pct(c.value))));
        calibration($('calibration'), r.calibration);
        bars($('by-hour'), r.byHour.map(g => ({label: g.key + 'h', value: g.hitRate, note: 'n=' + g.n})),
            {max: 1, target: TARGET, format: v => (100 * v).toFixed(0) + '%'});
        bars($('by-horizon'), r.byHorizon.map(b => ({
            label: b.toMinutes == null ? `${b.fromMinutes}+` : `${b.fromMinutes}–${b.toMinutes}`,
            value: b.maeMinutes, note: `n=${b.n} · ${(100 * b.hitRate).toFixed(0)}% hit`,
        })), {format: v => v.toFixed(0) + ' min', xTitle: 'minutes before arrival'});
        technicians($('by-technician'), r.byTechnician);
        notCovered($('not-covered'), r.notCovered || []);
        bars($('by-jobs-ahead'), (r.byJobsAhead || []).map(b => ({
            label: b.key, value: b.hitRate,
            note: `n=${b.n} · announced ${(100 * b.announced).toFixed(0)}%`,
        })), {max: 1, target: TARGET, format: v => (100 * v).toFixed(0) + '%', xTitle: 'jobs ahead when told'});
    }

    /** Why visits got no window an hour ahead: a table, since the reasons are words. */
    function notCovered(container, counts) {
        if (!counts.length) {
            container.innerHTML = '<div class="empty">every visit with a known arrival was told an hour ahead</div>';
            return;
        }
        const table = document.createElement('table');
        const head = table.createTHead().insertRow();
        for (const title of ['why the first window was held back', 'visits']) {
            const th = document.createElement('th');
            th.scope = 'col';
            th.textContent = title;
            head.append(th);
        }
        const body = table.createTBody();
        for (const c of counts) {
            const row = body.insertRow();
            row.insertCell().textContent = c.key;
            const n = row.insertCell();
            n.textContent = String(c.n);
            n.className = 'num';
        }
        container.replaceChildren(table);
    }

    // ---- SVG ----

    function el(name, attrs, text) {
        const e = document.createElementNS(SVG, name);
        for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
        if (text !== undefined) e.textContent = text;
        return e;
    }

    // One picture each, named by its figure's caption; the bars' and dots' figures are in their tooltips.
    function svg(container, width, height) {
        const s = el('svg', {viewBox: `0 0 ${width} ${height}`, role: 'img',
            'aria-labelledby': container.id + '-caption'});
        container.replaceChildren(s);
        return s;
    }

    function empty(container) {
        container.innerHTML = '<div class="empty">no covered visits in this range</div>';
    }

    function calibration(container, bins) {
        if (!bins.length) return empty(container);
        const W = 460, H = 320, L = 46, B = 36, T = 10, R = 14;
        // Zoomed on the data (first windows are all near or above the target), never above 0.8.
        const lo = Math.min(0.8, Math.floor(10 * Math.min(...bins.map(b => Math.min(b.announced, b.observed)))) / 10);
        const x = p => L + (p - lo) / (1 - lo) * (W - L - R);
        const y = p => H - B - (p - lo) / (1 - lo) * (H - B - T);
        const s = svg(container, W, H);
        const step = 1 - lo > 0.3 ? 0.1 : 0.05;
        for (let p = lo; p <= 1.0001; p += step) {
            s.append(el('line', {class: 'grid', x1: x(p), x2: x(p), y1: y(lo), y2: y(1)}),
                el('line', {class: 'grid', x1: x(lo), x2: x(1), y1: y(p), y2: y(p)}),
                el('text', {x: x(p), y: H - B + 14, 'text-anchor': 'middle'}, p.toFixed(2)),
                el('text', {x: L - 6, y: y(p) + 4, 'text-anchor': 'end'}, p.toFixed(2)));
        }
        s.append(el('line', {class: 'ideal', x1: x(lo), y1: y(lo), x2: x(1), y2: y(1)}),
            el('line', {class: 'axis', x1: L, x2: W - R, y1: H - B, y2: H - B}),
            el('line', {class: 'axis', x1: L, x2: L, y1: T, y2: H - B}),
            el('text', {x: (L + W - R) / 2, y: H - 4, 'text-anchor': 'middle'}, 'announced probability'),
            el('text', {x: 12, y: (T + H - B) / 2, transform: `rotate(-90 12 ${(T + H - B) / 2})`,
                'text-anchor': 'middle'}, 'observed hit frequency'),
            el('polyline', {class: 'curve', points: bins.map(b => `${x(b.announced)},${y(b.observed)}`).join(' ')}));
        const most = Math.max(...bins.map(b => b.n));
        for (const b of bins) {
            const dot = el('circle', {class: 'dot', cx: x(b.announced), cy: y(b.observed),
                r: 3 + 9 * Math.sqrt(b.n / most)});
            dot.append(el('title', {}, `announced ${b.announced.toFixed(3)}, observed ${b.observed.toFixed(3)}, `
                + `n=${b.n}`));
            const right = x(b.announced) > W - 70;
            s.append(dot, el('text', {class: 'note', x: x(b.announced) + (right ? -14 : 8), y: y(b.observed) + 16,
                'text-anchor': right ? 'end' : 'start'}, 'n=' + b.n));
        }
    }

    /** Vertical bars; opts.max (else the data's), opts.target line, opts.format for the value labels. */
    function bars(container, items, opts) {
        if (!items.length) return empty(container);
        const W = 460, H = 260, L = 52, B = opts.xTitle ? 44 : 30, T = 24, R = 8;
        const max = opts.max || Math.max(...items.map(i => i.value)) * 1.15 || 1;
        const band = (W - L - R) / items.length;
        const y = v => H - B - v / max * (H - B - T);
        const s = svg(container, W, H);
        for (let k = 0; k <= 4; k++) {
            const v = max * k / 4;
            s.append(el('line', {class: 'grid', x1: L, x2: W - R, y1: y(v), y2: y(v)}),
                el('text', {x: L - 4, y: y(v) + 4, 'text-anchor': 'end'}, opts.format(v)));
        }
        items.forEach((item, i) => {
            const bx = L + i * band + band * 0.12;
            const low = opts.target !== undefined && item.value < opts.target;
            const rect = el('rect', {class: 'bar' + (low ? ' low' : ''), x: bx, width: band * 0.76, y: y(item.value),
                height: Math.max(0, H - B - y(item.value))});
            rect.append(el('title', {}, `${item.label}: ${opts.format(item.value)} (${item.note})`));
            s.append(rect,
                el('text', {x: bx + band * 0.38, y: H - B + 13, 'text-anchor': 'middle'}, item.label),
                el('text', {class: 'note', x: bx + band * 0.38, y: y(item.value) - 4, 'text-anchor': 'middle'},
                    band > 34 ? opts.format(item.value) : ''));
        });
        if (opts.target !== undefined) {
            s.append(el('line', {class: 'target', x1: L, x2: W - R, y1: y(opts.target), y2: y(opts.target)}));
        }
        s.append(el('line', {class: 'axis', x1: L, x2: W - R, y1: H - B, y2: H - B}));
        if (opts.xTitle) {
            s.append(el('text', {x: (L + W - R) / 2, y: H - 6, 'text-anchor': 'middle'}, opts.xTitle));
        }
    }

    function technicians(container, groups) {
        if (!groups.length) return empty(container);
        const row = 18, W = 460, L = 110, R = 80, T = 6;
        const H = T + groups.length * row + 20;
        const x = v => L + v * (W - L - R);
        const s = svg(container, W, H);
        groups.forEach((g, i) => {
            const top = T + i * row;
            const rect = el('rect', {class: 'bar' + (g.hitRate < TARGET ? ' low' : ''), x: L, y: top + 2,
                width: x(g.hitRate) - L, height: row - 5});
            rect.append(el('title', {}, `${g.key}: ${g.hits}/${g.n}`));
            s.append(el('text', {x: L - 6, y: top + row - 5, 'text-anchor': 'end'}, g.key), rect,
                el('text', {class: 'note', x: x(g.hitRate) + 4, y: top + row - 5},
                    `${(100 * g.hitRate).toFixed(0)}% (${g.hits}/${g.n})`));
        });
        const bottom = T + groups.length * row;
        s.append(el('line', {class: 'target', x1: x(TARGET), x2: x(TARGET), y1: T, y2: bottom}),
            el('line', {class: 'axis', x1: L, x2: L, y1: T, y2: bottom}),
            el('text', {x: x(TARGET), y: bottom + 14, 'text-anchor': 'middle'}, '90% target'));
    }

    // ---- start ----

    if (window.FIELDCAST_REPORT) {
        $('auth-view').hidden = true;
        render(window.FIELDCAST_REPORT);
        return;
    }
    $('token-form').addEventListener('submit', event => {
        event.preventDefault();
        const value = $('token').value.trim().replace(/^Bearer\s+/i, '');
        if (!value) { $('auth-error').textContent = 'paste a token first'; return; }
        $('auth-error').textContent = '';
        localStorage.removeItem(SESSION); // a pasted token is the one this page uses
        setToken(value);
        load();
    });
    // Behind the gateway dispatch-service is on this origin; on eta-service's own port it is on its own.
    if (location.port !== '8082' && location.protocol.startsWith('http')) $('dispatch-url').value = location.origin;
    $('login-form').addEventListener('submit', login);
    $('range-form').addEventListener('submit', event => { event.preventDefault(); load(); });
    $('forget').addEventListener('click', () => setToken(null));
    setToken(token());
    if (token()) load();
})();
