// The outbox of the phone: every status change, time-left read and GPS batch goes into IndexedDB first and is sent
// from there in order, so nothing is lost offline, in a basement or when the app is closed before the network comes
// back. A tap keeps the clientId it was given when queued, so a replay is recognised by the server.
'use strict';

const Outbox = (() => {
    const DB = 'fieldcast';
    const STORE = 'outbox';
    let dbPromise;

    function db() {
        if (!dbPromise) {
            dbPromise = new Promise((resolve, reject) => {
                const open = indexedDB.open(DB, 1);
                open.onupgradeneeded = () => open.result.createObjectStore(STORE, {keyPath: 'seq', autoIncrement: true});
                open.onsuccess = () => resolve(open.result);
                open.onerror = () => reject(open.error);
            });
        }
        return dbPromise;
    }

    async function tx(mode, work) {
        const database = await db();
        return new Promise((resolve, reject) => {
            const t = database.transaction(STORE, mode);
            const result = work(t.objectStore(STORE));
            t.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
            t.onerror = () => reject(t.error);
        });
    }

    return {
        /** item: {kind ('status', 'timeLeft', 'pings'), label, url, body, appointmentId?} */
        add: item => tx('readwrite', s => s.add({...item, queuedAt: new Date().toISOString()})),
        all: () => tx('readonly', s => s.getAll()),
        remove: seq => tx('readwrite', s => s.delete(seq)),
        clear: () => tx('readwrite', s => s.clear()),
    };
})();
