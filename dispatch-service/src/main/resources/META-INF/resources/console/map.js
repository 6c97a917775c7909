// The console's map: roads (GeoJSON from /api/roads) drawn in SVG in Web Mercator, so optional OpenStreetMap
// tiles line up under them; routes, homes, visits and live positions on top. Pan by dragging, zoom with the wheel.
'use strict';

const ConsoleMap = (() => {
    const NS = 'http://www.w3.org/2000/svg';
    const WORLD = 256;
    const STATUS_COLORS = {BOOKED: '#78909c', SCHEDULED: '#0b5394', EN_ROUTE: '#ef6c00', ON_SITE: '#6a1b9a',
        COMPLETED: '#2e7d32', CANNOT_COMPLETE: '#b71c1c', CANCELED: '#bdbdbd'};
    const RISK_COLORS = {LATE: '#d50000', AT_RISK: '#ff9100'};
    const ROAD_STYLE = {motorway: ['#f9a825', 3], trunk: ['#fbc02d', 2.6], primary: ['#ffd54f', 2.2],
        secondary: ['#b0bec5', 1.8], tertiary: ['#cfd8dc', 1.5], residential: ['#dfe5e8', 1], all: ['#e6eaec', .8]};

    const x = lon => (lon + 180) / 360 * WORLD;
    const y = lat => {
        const s = Math.sin(lat * Math.PI / 180);
        return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * WORLD;
    };
    const lonOf = px => px / WORLD * 360 - 180;
    const latOf = py => {
        const n = Math.PI - 2 * Math.PI * py / WORLD;
        return 180 / Math.PI * Math.atan(0.5 * (Math.exp(n) - Math.exp(-n)));
    };

    function el(name, attrs, parent) {
        const e = document.createElementNS(NS, name);
        for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
        if (parent) parent.appendChild(e);
        return e;
    }

    function create(container, handlers) {
        const svg = el('svg', {'data-testid': 'map-svg'}, container);
        const world = el('g', {}, svg);
        const tiles = el('g', {}, world);
        const detail = el('g', {}, world);
        const roads = el('g', {}, world);
        const routes = el('g', {}, world);
        const overlay = el('g', {}, svg);
        const view = {k: 1, tx: 0, ty: 0};
        const state = {visits: [], homes: [], positions: [], tileUrl: null, picking: false, selected: null,
            bounds: null};

        function size() {
            const r = svg.getBoundingClientRect();
            return {w: r.width || 800, h: r.height || 500};
        }

        function apply() {
            world.setAttribute('transform', `translate(${view.tx},${view.ty}) scale(${view.k})`);
            drawOverlay();
            scheduleTiles();
            scheduleView();
        }

        /** What is on screen, for loading the small streets of a zoomed-in view. */
        function visible() {
            const {w, h} = size();
            const minLon = lonOf(-view.tx / view.k), maxLon = lonOf((w - view.tx) / view.k);
            const maxLat = latOf(-view.ty / view.k), minLat = latOf((h - view.ty) / view.k);
            const widthKm = (maxLon - minLon) * 111.32 * Math.cos((minLat + maxLat) / 2 * Math.PI / 180);
            return {minLon, minLat, maxLon, maxLat, widthKm};
        }

        let viewTimer = null;

        function scheduleView() {
            if (!handlers.onView) return;
            clearTimeout(viewTimer);
            viewTimer = setTimeout(() => handlers.onView(visible()), 400);
        }

        const screen = (lat, lon) => [x(lon) * view.k + view.tx, y(lat) * view.k + view.ty];

        function fit(bounds) {
            if (!bounds) bounds = state.bounds;
            if (!bounds) return;
            state.bounds = bounds;
            const {w, h} = size();
            const x0 = x(bounds.minLon), x1 = x(bounds.maxLon), y0 = y(bounds.maxLat), y1 = y(bounds.minLat);
            view.k = Math.min((w - 30) / Math.max(x1 - x0, 1e-9), (h - 30) / Math.max(y1 - y0, 1e-9));
            view.tx = w / 2 - (x0 + x1) / 2 * view.k;
            view.ty = h / 2 - (y0 + y1) / 2 * view.k;
            apply();
        }

        function setRoads(geojson) {
            drawRoads(roads, geojson);
            const b = extent(geojson);
            if (b) fit(b);
        }

        /** The small streets of the current view (null clears them). */
        function setDetail(geojson) {
            if (geojson) drawRoads(detail, geojson); else detail.textContent = '';
        }

        function extent(geojson) {
            let minLat = 90, maxLat = -90, minLon = 180, maxLon = -180;
            for (const f of geojson.features || []) {
                for (const [lon, lat] of f.geometry?.coordinates || []) {
                    minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
                    minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon);
                }
            }
            return minLat <= maxLat ? {minLat, maxLat, minLon, maxLon} : null;
        }

        function drawRoads(layer, geojson) {
            layer.textContent = '';
            const byLevel = {};
            for (const f of geojson.features || []) {
                if (f.geometry?.type !== 'LineString') continue;
                const level = f.properties?.level || 'all';
                const coords = f.geometry.coordinates;
                (byLevel[level] ||= []).push(coords.map((c, i) => `${i ? 'L' : 'M'}${x(c[0]).toFixed(6)},${y(c[1]).toFixed(6)}`).join(''));
            }
            // Small roads first, big roads over them; one path per level keeps the DOM small.
            for (const level of ['all', 'residential', 'tertiary', 'secondary', 'primary', 'trunk', 'motorway']) {
                if (!byLevel[level]) continue;
                const [color, width] = ROAD_STYLE[level];
                el('path', {d: byLevel[level].join(''), fill: 'none', stroke: color, 'stroke-width': width,
                    'vector-effect': 'non-scaling-stroke', 'stroke-linecap': 'round', 'data-level': level}, layer);
            }
        }

        /** rows: [{technicianId, name, color, homeLat, homeLon, stops: [id]}]; visits: [{appointmentId, lat, lon, status, risk}] */
        /** Road paths by the places they pass through, fetched once each (a route drawn again costs nothing). */
        const paths = new Map();

        function setPlan(rows, visits) {
            routes.textContent = '';
            const byId = new Map(visits.map(v => [v.appointmentId, v]));
            for (const row of rows) {
                const points = [[row.homeLat, row.homeLon], ...row.stops.map(id => byId.get(id)).filter(Boolean)
                    .map(v => [v.lat, v.lon]), [row.homeLat, row.homeLon]];
                if (points.length <= 2) continue;
                // Straight between stops at once, then along the roads the van takes when the path arrives.
                const key = points.map(([la, lo]) => la.toFixed(6) + ',' + lo.toFixed(6)).join(';');
                const line = el('polyline', {points: draw(paths.get(key) || points), fill: 'none',
                    stroke: row.color, 'stroke-width': 2.5, 'stroke-opacity': .8, 'vector-effect': 'non-scaling-stroke',
                    'data-technician': row.technicianId, 'data-roads': paths.has(key) ? 'yes' : 'no'}, routes);
                if (!paths.has(key) && handlers.path) {
                    handlers.path(key).then(coordinates => {
                        if (paths.size > 500) paths.clear();
                        paths.set(key, coordinates);
                        line.setAttribute('points', draw(coordinates));
                        line.setAttribute('data-roads', 'yes');
                    }).catch(() => {});
                }
            }
            state.homes = rows.map(r => ({lat: r.homeLat, lon: r.homeLon, color: r.color, name: r.name}));
            state.visits = visits;
            drawOverlay();
        }

        function draw(points) {
            return points.map(([la, lo]) => `${x(lo)},${y(la)}`).join(' ');
        }

        function setPositions(positions, colors) {
            state.positions = positions.map(p => ({...p, color: colors[p.technicianId] || '#263238'}));
            drawOverlay();
        }

        function select(id) {
            state.selected = id;
            drawOverlay();
        }

        function drawOverlay() {
            overlay.textContent = '';
            for (const h of state.homes) {
                const [sx, sy] = screen(h.lat, h.lon);
                const r = el('rect', {x: sx - 5, y: sy - 5, width: 10, height: 10, fill: '#fff', stroke: h.color,
                    'stroke-width': 2.5}, overlay);
                el('title', {}, r).textContent = 'Home of ' + h.name;
            }
            for (const v of state.visits) {
                const [sx, sy] = screen(v.lat, v.lon);
                const selected = v.appointmentId === state.selected;
                const c = el('circle', {cx: sx, cy: sy, r: selected ? 9 : 6, fill: STATUS_COLORS[v.status] || '#455a64',
                    stroke: RISK_COLORS[v.risk] || (selected ? '#000' : '#fff'), 'stroke-width': v.risk || selected ? 3 : 1.5,
                    'data-appointment': v.appointmentId, 'data-status': v.status, class: 'visit'}, overlay);
                c.style.cursor = 'pointer';
                el('title', {}, c).textContent = `${v.address} · ${v.status}${v.risk ? ' · ' + v.risk : ''}`;
            }
            for (const p of state.positions) {
                const [sx, sy] = screen(p.lat, p.lon);
                const g = el('g', {'data-technician': p.technicianId, class: 'position',
                    opacity: p.ageSeconds > 600 ? .45 : 1}, overlay);
                el('circle', {cx: sx, cy: sy, r: 8, fill: p.color, stroke: '#fff', 'stroke-width': 2.5}, g);
                el('circle', {cx: sx, cy: sy, r: 2.5, fill: '#fff'}, g);
                el('title', {}, g).textContent = `${p.name} · ${Math.round(p.ageSeconds)} s ago`;
            }
        }

        // ---- tiles (only when configured) ----
        let tileTimer = null;

        function scheduleTiles() {
            if (!state.tileUrl) return;
            clearTimeout(tileTimer);
            tileTimer = setTimeout(drawTiles, 120);
        }

        function drawTiles() {
            tiles.textContent = '';
            const {w, h} = size();
            const z = Math.max(0, Math.min(19, Math.round(Math.log2(view.k))));
            const n = 2 ** z, tile = WORLD / n;
            const wx0 = -view.tx / view.k, wy0 = -view.ty / view.k;
            const wx1 = (w - view.tx) / view.k, wy1 = (h - view.ty) / view.k;
            const tx0 = Math.max(0, Math.floor(wx0 / tile)), tx1 = Math.min(n - 1, Math.floor(wx1 / tile));
            const ty0 = Math.max(0, Math.floor(wy0 / tile)), ty1 = Math.min(n - 1, Math.floor(wy1 / tile));
            if ((tx1 - tx0 + 1) * (ty1 - ty0 + 1) > 80) return;
            for (let tx = tx0; tx <= tx1; tx++) {
                for (let ty = ty0; ty <= ty1; ty++) {
                    el('image', {href: state.tileUrl.replace('{z}', z).replace('{x}', tx).replace('{y}', ty),
                        x: tx * tile, y: ty * tile, width: tile, height: tile, opacity: .7}, tiles);
                }
            }
        }

        function setTiles(url) {
            state.tileUrl = url || null;
            tiles.textContent = '';
            scheduleTiles();
        }

        // ---- interaction ----
        let drag = null;
        svg.addEventListener('pointerdown', e => {
            drag = {x: e.clientX, y: e.clientY, tx: view.tx, ty: view.ty, moved: false};
            svg.setPointerCapture(e.pointerId);
        });
        svg.addEventListener('pointermove', e => {
            if (!drag) return;
            const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
            if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
            if (!drag.moved) return;
            view.tx = drag.tx + dx;
            view.ty = drag.ty + dy;
            apply();
        });
        svg.addEventListener('pointerup', e => {
            const wasDrag = drag?.moved;
            drag = null;
            if (wasDrag) return;
            const target = document.elementFromPoint(e.clientX, e.clientY);
            const visit = target?.closest?.('[data-appointment]');
            if (visit && !state.picking) {
                handlers.onVisit?.(visit.getAttribute('data-appointment'));
                return;
            }
            const r = svg.getBoundingClientRect();
            const wx = (e.clientX - r.left - view.tx) / view.k, wy = (e.clientY - r.top - view.ty) / view.k;
            handlers.onClick?.({lat: latOf(wy), lon: lonOf(wx)});
        });
        svg.addEventListener('wheel', e => {
            e.preventDefault();
            const r = svg.getBoundingClientRect();
            const mx = e.clientX - r.left, my = e.clientY - r.top;
            const f = Math.exp(-e.deltaY * 0.0015);
            view.tx = mx - (mx - view.tx) * f;
            view.ty = my - (my - view.ty) * f;
            view.k *= f;
            apply();
        }, {passive: false});
        window.addEventListener('resize', () => apply());

        return {setRoads, setDetail, setPlan, setPositions, select, fit: () => fit(), setTiles,
            setPicking: on => { state.picking = on; container.classList.toggle('picking', on); }};
    }

    return {create, STATUS_COLORS, RISK_COLORS};
})();
