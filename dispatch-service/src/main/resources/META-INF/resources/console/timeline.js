// The timeline (Gantt): one row per technician with travel, waiting, breaks and work, the promised windows as faint
// bands, what really happened underneath, and a "now" line. A visit dragged to another row or place is pinned there.
'use strict';

const Timeline = (() => {
    const HOUR = 3600e3;

    function formatter(zone) {
        return new Intl.DateTimeFormat('en-GB', {timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23'});
    }

    /**
     * The technician's word of the job in hand, as the console says it: "about 25 min left · said 10:05 · done ~10:30"
     * (times in the territory's zone); '' when the visit has none.
     */
    function timeLeftText(v, zone) {
        const t = v.timeLeft;
        if (!t) return '';
        const fmt = formatter(zone);
        return `about ${t.minutes} min left · said ${fmt.format(Date.parse(t.saidAt))}`
            + ` · done ~${fmt.format(Date.parse(t.expectedEnd))}`;
    }

    /** What the console says of a word that puts the end of the job after the plan's: '' when it does not. */
    function overrunText(v, zone) {
        const t = v.timeLeft;
        if (!t?.pastPlannedEnd) return '';
        return `runs past its planned end (${formatter(zone).format(Date.parse(t.plannedEnd))})`;
    }

    function div(cls, parent, attrs) {
        const e = document.createElement('div');
        if (cls) e.className = cls;
        for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
        if (parent) parent.appendChild(e);
        return e;
    }

    /** The hours to show: every shift and window, whole hours, at least 07:00–19:00 worth. */
    function range(data) {
        const times = [];
        for (const r of data.rows) times.push(Date.parse(r.shiftStart), Date.parse(r.back), Date.parse(r.shiftEnd));
        for (const v of data.visits) {
            times.push(Date.parse(v.windowStart), Date.parse(v.windowEnd));
            if (v.actualDeparture) times.push(Date.parse(v.actualDeparture));
            if (v.timeLeft) times.push(Date.parse(v.timeLeft.expectedEnd));
        }
        const valid = times.filter(t => !Number.isNaN(t));
        if (valid.length === 0) return null;
        const t0 = Math.floor(Math.min(...valid) / HOUR) * HOUR;
        const t1 = Math.ceil(Math.max(...valid) / HOUR) * HOUR;
        return [t0, Math.max(t1, t0 + 4 * HOUR)];
    }

    function render(container, data, options) {
        container.textContent = '';
        const span = range(data);
        if (!span || data.rows.length === 0) {
            div('muted', container).textContent = 'No technician works on this day.';
            return;
        }
        const [t0, t1] = span;
        const pct = t => ((t - t0) / (t1 - t0) * 100) + '%';
        const width = (a, b) => ((b - a) / (t1 - t0) * 100) + '%';
        const fmt = formatter(data.zone);
        const axis = div('tl-axis', container);
        for (let t = t0; t <= t1; t += HOUR) {
            const label = div(null, axis);
            label.outerHTML = `<span style="left:${pct(t)}">${fmt.format(t)}</span>`;
        }
        const byId = new Map(data.visits.map(v => [v.appointmentId, v]));
        for (const row of data.rows) {
            const r = div('tl-row', container, {'data-technician': row.technicianId, 'data-testid': 'tl-row'});
            const label = div('tl-label', r);
            label.style.setProperty('--c', options.colors[row.technicianId]);
            label.textContent = row.name;
            label.title = `${row.name} (${row.technicianId}): click for the technician`;
            label.setAttribute('data-testid', 'tl-label');
            label.onclick = () => options.onTechnician?.(row.technicianId);
            const track = div('tl-track', r);
            const shift = div('tl-shift', track);
            shift.style.left = pct(Date.parse(row.shiftStart));
            shift.style.width = width(Date.parse(row.shiftStart), Date.parse(row.shiftEnd));
            shift.title = `shift ${fmt.format(Date.parse(row.shiftStart))}–${fmt.format(Date.parse(row.shiftEnd))}`;
            for (const id of row.stops) {
                const v = byId.get(id);
                if (!v) continue;
                const band = div('tl-window', track);
                band.style.setProperty('--c', options.colors[row.technicianId]);
                band.style.left = pct(Date.parse(v.windowStart));
                band.style.width = width(Date.parse(v.windowStart), Date.parse(v.windowEnd));
            }
            for (const s of row.segments) {
                if (s.kind === 'WORK') continue;
                const seg = div('tl-seg ' + s.kind, track);
                seg.style.left = pct(Date.parse(s.start));
                seg.style.width = width(Date.parse(s.start), Date.parse(s.end));
                seg.title = `${s.kind.toLowerCase()} ${fmt.format(Date.parse(s.start))}–${fmt.format(Date.parse(s.end))}`;
            }
            // A job the technician says runs past its planned end: hatched on to the end they expect, under the
            // visits (the visit's own label says so in words).
            for (const id of row.stops) {
                const t = byId.get(id)?.timeLeft;
                if (!t?.pastPlannedEnd) continue;
                const over = div('tl-overrun', track, {'aria-hidden': 'true', 'data-testid': 'tl-overrun'});
                over.style.left = pct(Date.parse(t.plannedEnd));
                over.style.width = width(Date.parse(t.plannedEnd), Date.parse(t.expectedEnd));
            }
            row.stops.forEach((id, i) => {
                const v = byId.get(id);
                if (v?.plannedStart) block(track, v, i, Date.parse(v.plannedStart), Date.parse(v.plannedDeparture));
            });
            // Finished work is no longer planned: draw it where it really happened.
            for (const v of data.visits) {
                if (v.technicianId === row.technicianId && !row.stops.includes(v.appointmentId) && v.actualArrival) {
                    const end = v.actualDeparture ? Date.parse(v.actualDeparture) : options.now;
                    block(track, v, v.sequence ?? 0, Date.parse(v.actualArrival), end);
                }
            }
            for (const v of data.visits) {
                if (v.technicianId !== row.technicianId || !v.actualArrival) continue;
                const actual = div('tl-actual', track);
                const end = v.actualDeparture ? Date.parse(v.actualDeparture) : options.now;
                actual.style.left = pct(Date.parse(v.actualArrival));
                actual.style.width = width(Date.parse(v.actualArrival), Math.max(end, Date.parse(v.actualArrival)));
                actual.title = 'actually on site';
            }
        }
        div('tl-now', container, {'data-testid': 'tl-now'});
        moveNow(container, options.now, t0, t1);

        function block(track, v, index, start, end) {
            // A button for the keyboard and screen readers: Enter or Space opens the details, where a visit is moved
            // without dragging (technician and stop number).
            const left = timeLeftText(v, data.zone);
            const overrun = overrunText(v, data.zone);
            const b = div('tl-visit ' + (v.risk || ''), track, {'data-appointment': v.appointmentId,
                'data-testid': 'tl-visit', 'data-status': v.status, role: 'button', tabindex: '0',
                'aria-label': `Stop ${index + 1}, ${v.jobType}, ${v.address}, window `
                    + `${fmt.format(Date.parse(v.windowStart))} to ${fmt.format(Date.parse(v.windowEnd))}`
                    + (left ? `, ${left}` : '') + (overrun ? `, ${overrun}` : '')});
            if (v.appointmentId === options.selected) b.classList.add('selected');
            if (overrun) b.classList.add('overrun');
            b.style.setProperty('--c', ConsoleMap.STATUS_COLORS[v.status] || '#0b5394');
            b.style.left = pct(start);
            b.style.width = width(start, Math.max(end, start));
            b.innerHTML = (v.pinned ? '<span class="pin" data-testid="pin" title="pinned"></span>' : '')
                + (overrun ? '<span class="overrun-mark" data-testid="overrun-mark">!</span>' : '')
                + `${index + 1} ${escapeHtml(v.jobType)}`
                + (v.timeLeft ? ` <span data-testid="tl-time-left">~${v.timeLeft.minutes} min</span>` : '');
            b.title = `${v.address}\nwindow ${fmt.format(Date.parse(v.windowStart))}–${fmt.format(Date.parse(v.windowEnd))}`
                + (v.plannedArrival ? `\narrives ${fmt.format(Date.parse(v.plannedArrival))}` : '')
                + (left ? `\n${left}` : '') + (overrun ? `\n${overrun}` : '')
                + (v.told ? `\ntold ${fmt.format(Date.parse(v.told.windowStart))}–`
                    + `${fmt.format(Date.parse(v.told.windowEnd))}${v.told.broken ? ' (broken)' : ''}` : '')
                + (v.forecast ? `\nforecast ${fmt.format(Date.parse(v.forecast.p50Arrival))}` : '')
                + (v.risk ? `\n${v.risk}` : '');
        }

        enableDrag(container, data, options, t0, t1);
    }

    /** Puts the "now" line at {@code now}, hidden outside the day's hours. */
    function moveNow(container, now, t0, t1) {
        const line = container.querySelector('.tl-now');
        if (!line) return;
        line.hidden = !(now >= t0 && now <= t1);
        line.style.left = `calc(10rem + (100% - 10rem) * ${(now - t0) / (t1 - t0)})`;
    }

    /** The last drawn day, so that a drag can also start outside the timeline (the unassigned list). */
    let current = null;
    let dragging = false;

    function enableDrag(container, data, options, t0, t1) {
        current = {container, data, options, t0, t1};
        container.onpointerdown = e => {
            const b = e.target.closest('.tl-visit');
            if (b && e.button === 0) drag(b, b.getAttribute('data-appointment'), e);
        };
        container.onkeydown = e => {
            const b = e.target.closest('.tl-visit');
            if (b && (e.key === 'Enter' || e.key === ' ')) {
                e.preventDefault();
                options.onSelect(b.getAttribute('data-appointment'));
            }
        };
    }

    /** Follows the pointer from {@code e}; dropped on a row, calls onDrop(id, technicianId, position); else onSelect. */
    function drag(element, id, e) {
        if (!current) return;
        e.preventDefault();
        const {container, data, options, t0, t1} = current;
        const start = {x: e.clientX, y: e.clientY};
        let moved = false, target = null;
        dragging = true;
        const move = ev => {
            const dx = ev.clientX - start.x, dy = ev.clientY - start.y;
            if (!moved && Math.abs(dx) + Math.abs(dy) < 4) return;
            moved = true;
            element.classList.add('dragging');
            element.style.pointerEvents = 'none';
            element.style.transform = `translate(${dx}px, ${dy}px)`;
            const under = document.elementFromPoint(ev.clientX, ev.clientY)?.closest('.tl-row');
            if (target && target !== under) target.classList.remove('drop-target');
            target = under && container.contains(under) ? under : null;
            target?.classList.add('drop-target');
        };
        const up = ev => {
            document.removeEventListener('pointermove', move);
            document.removeEventListener('pointerup', up);
            dragging = false;
            target?.classList.remove('drop-target');
            element.classList.remove('dragging');
            element.style.pointerEvents = '';
            element.style.transform = '';
            if (!moved) { options.onSelect(id); return; }
            if (!target) return;
            const technicianId = target.getAttribute('data-technician');
            const rect = target.querySelector('.tl-track').getBoundingClientRect();
            const at = t0 + (ev.clientX - rect.left) / rect.width * (t1 - t0);
            const row = data.rows.find(r => r.technicianId === technicianId);
            const byId = new Map(data.visits.map(v => [v.appointmentId, v]));
            const position = row.stops.filter(s => s !== id)
                .filter(s => Date.parse(byId.get(s)?.plannedStart || 0) < at).length;
            options.onDrop(id, technicianId, position);
        };
        document.addEventListener('pointermove', move);
        document.addEventListener('pointerup', up);
    }

    function escapeHtml(s) {
        return String(s ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
    }

    return {render, drag, escapeHtml, timeLeftText, overrunText, dragging: () => dragging,
        tick: now => current && moveNow(current.container, now, current.t0, current.t1)};
})();
