// Draws GeoJSON (roads, the route line, the visits) into an SVG: no tile server, no library, works offline.
'use strict';

const RouteMap = (() => {
    const NS = 'http://www.w3.org/2000/svg';
    const COLORS = {road: '#cfd8dc', route: '#0b5394', PLANNED: '#0b5394', EN_ROUTE: '#ef6c00', ARRIVED: '#6a1b9a',
        COMPLETED: '#2e7d32', CANNOT_COMPLETE: '#b71c1c'};

    const MAIN_ROADS = ['motorway', 'trunk', 'primary', 'secondary'];

    function coordinates(geometry) {
        switch (geometry.type) {
            case 'Point': return [geometry.coordinates];
            case 'LineString': return geometry.coordinates;
            case 'MultiLineString': return geometry.coordinates.flat();
            default: return [];
        }
    }

    function draw(container, geojson) {
        container.textContent = '';
        // Fit the route; the roads around it fill the view and are cut at its edge.
        const route = geojson.features.filter(f => f.properties?.kind !== 'road');
        const all = (route.length ? route : geojson.features).flatMap(f => coordinates(f.geometry));
        if (all.length === 0) {
            container.textContent = I18n.t('nothingToDraw');
            return;
        }
        const lons = all.map(c => c[0]), lats = all.map(c => c[1]);
        const minLon = Math.min(...lons), maxLon = Math.max(...lons);
        const minLat = Math.min(...lats), maxLat = Math.max(...lats);
        // Equirectangular, with longitude shrunk by cos(latitude): right enough for a city.
        const kx = Math.cos((minLat + maxLat) / 2 * Math.PI / 180);
        const w = Math.max((maxLon - minLon) * kx, 1e-4), h = Math.max(maxLat - minLat, 1e-4);
        const size = 1000, pad = 40, scale = (size - 2 * pad) / Math.max(w, h);
        const x = lon => pad + (lon - minLon) * kx * scale;
        const y = lat => pad + (maxLat - lat) * scale;
        const svg = document.createElementNS(NS, 'svg');
        svg.setAttribute('viewBox', `0 0 ${pad * 2 + w * scale} ${pad * 2 + h * scale}`);
        // One picture for a screen reader, named by its stops; the list view says the same in words.
        svg.setAttribute('role', 'img');
        svg.setAttribute('aria-label', I18n.t('mapLabel',
            geojson.features.filter(f => f.properties?.kind === 'visit').length));
        const order = f => ({road: 0, route: 1, visit: 2}[f.properties.kind] ?? 0);
        [...geojson.features].sort((a, b) => order(a) - order(b)).forEach(f => svg.appendChild(shape(f, x, y)));
        container.appendChild(svg);
    }

    function shape(feature, x, y) {
        const p = feature.properties || {};
        if (feature.geometry.type === 'Point') {
            const [lon, lat] = feature.geometry.coordinates;
            const g = document.createElementNS(NS, 'g');
            const c = document.createElementNS(NS, 'circle');
            c.setAttribute('cx', x(lon)); c.setAttribute('cy', y(lat)); c.setAttribute('r', 24);
            c.setAttribute('fill', COLORS[p.status] || COLORS.PLANNED);
            const t = document.createElementNS(NS, 'text');
            t.setAttribute('x', x(lon)); t.setAttribute('y', y(lat) + 9); t.setAttribute('text-anchor', 'middle');
            t.setAttribute('fill', '#fff'); t.setAttribute('font-size', '26');
            t.textContent = p.position ?? p.sequence ?? '';
            g.append(c, t);
            return g;
        }
        const lines = feature.geometry.type === 'MultiLineString' ? feature.geometry.coordinates
            : [feature.geometry.coordinates];
        const path = document.createElementNS(NS, 'path');
        path.setAttribute('d', lines.map(line => line.map((c, i) => `${i ? 'L' : 'M'}${x(c[0])},${y(c[1])}`)
            .join('')).join(''));
        path.setAttribute('fill', 'none');
        path.setAttribute('stroke', COLORS[p.kind] || COLORS.road);
        path.setAttribute('stroke-width', p.kind === 'route' ? 5 : MAIN_ROADS.includes(p.level) ? 4 : 2);
        path.dataset.kind = p.kind || 'road';
        if (p.kind === 'route' && p.straight) path.setAttribute('stroke-dasharray', '10 6');
        return path;
    }

    return {draw};
})();
