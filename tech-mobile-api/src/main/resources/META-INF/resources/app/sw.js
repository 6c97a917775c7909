// Caches the app shell so the app opens without a network; API calls always go to the network
// (the page queues what fails in IndexedDB and replays it).
const SHELL = 'fieldcast-shell-v6';
const FILES = ['./', 'index.html', 'app.css', 'i18n.js', 'queue.js', 'map.js', 'app.js', 'manifest.webmanifest', 'icon.svg'];

self.addEventListener('install', event => {
    event.waitUntil(caches.open(SHELL).then(cache => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
    event.waitUntil(caches.keys()
        .then(keys => Promise.all(keys.filter(k => k !== SHELL).map(k => caches.delete(k))))
        .then(() => self.clients.claim()));
});

self.addEventListener('fetch', event => {
    const url = new URL(event.request.url);
    if (event.request.method !== 'GET' || !url.pathname.startsWith('/app/')) {
        return; // the API is never served from a cache
    }
    // Network first (fresh app after a deploy), the cached shell when offline.
    event.respondWith(fetch(event.request)
        .then(response => {
            const copy = response.clone();
            caches.open(SHELL).then(cache => cache.put(event.request, copy));
            return response;
        })
        .catch(() => caches.match(event.request, {ignoreSearch: true})));
});
