// HTTP for the console: the token from the one sign-in of this origin (localStorage, shared with the report and the
// outbox behind the gateway; another tab's sign-out ends this one too), JSON both ways, errors as readable messages, and a
// 401 anywhere sends the dispatcher back to the login form.
'use strict';

const Api = (() => {
    /** The one session of the origin: the console, the report and the outbox read it (see the gateway). */
    const KEY = 'fieldcast.session';
    /** Why the last session ended, kept until the next login: a reload of the page still says it. */
    const ENDED = 'fieldcast.console.ended';
    const ENDED_MESSAGE = 'Your session has ended; please log in again.';
    let onUnauthorized = () => {};

    function session() {
        return JSON.parse(localStorage.getItem(KEY) || 'null');
    }

    function save(value) {
        if (value) localStorage.setItem(KEY, JSON.stringify(value));
        else localStorage.removeItem(KEY);
        if (value) sessionStorage.removeItem(ENDED);
    }

    /** The server refused the token: forget it, remember why, and go to the login form. */
    function ended() {
        save(null);
        sessionStorage.setItem(ENDED, ENDED_MESSAGE);
        onUnauthorized(ENDED_MESSAGE);
    }

    function endedMessage() {
        return sessionStorage.getItem(ENDED) || '';
    }

    class ApiError extends Error {
        constructor(status, body) {
            super(message(status, body));
            this.status = status;
            this.body = body;
        }
    }

    function message(status, body) {
        if (!body) return `HTTP ${status}`;
        const fields = (body.fields || []).map(f => `${f.field}: ${f.message}`).join('; ');
        return [body.message || body.error || `HTTP ${status}`, fields].filter(Boolean).join(' — ');
    }

    function headers(extra) {
        const h = {...extra};
        const s = session();
        if (s?.token) h.Authorization = 'Bearer ' + s.token;
        return h;
    }

    async function request(method, path, body) {
        return requestWith(method, path, body, {});
    }

    async function requestWith(method, path, body, extraHeaders) {
        const response = await fetch(path, {
            method,
            headers: headers({...(body === undefined ? {} : {'Content-Type': 'application/json'}), ...extraHeaders}),
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        if (response.status === 401) {
            ended();
            throw new ApiError(401, {message: 'not logged in'});
        }
        const text = await response.text();
        let data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = {message: text}; }
        if (!response.ok) throw new ApiError(response.status, data);
        return data;
    }

    async function login(username, password) {
        const response = await fetch('/api/auth/login', {
            method: 'POST', headers: {'Content-Type': 'application/json'},
            body: JSON.stringify({username, password}),
        });
        const data = await response.json().catch(() => null);
        if (!response.ok) throw new ApiError(response.status, data);
        save({token: data.token, username: data.username, roles: data.roles, expiresAt: data.expiresAt});
        return data;
    }

    /** Server-sent events over fetch (EventSource cannot send the token); calls onData per JSON event. */
    async function stream(path, onData, signal) {
        const response = await fetch(path, {headers: headers({Accept: 'text/event-stream'}), signal});
        if (response.status === 401) { ended(); return; }
        if (!response.ok || !response.body) return;
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
            const {value, done} = await reader.read();
            if (done) return;
            buffer += decoder.decode(value, {stream: true});
            let end;
            while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
                const chunk = buffer.slice(0, end);
                buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
                const data = chunk.split(/\r?\n/).filter(l => l.startsWith('data:')).map(l => l.slice(5).trim()).join('\n');
                if (data) {
                    try { onData(JSON.parse(data)); } catch (e) { /* a partial or non-JSON event */ }
                }
            }
        }
    }

    // Signed out in another tab or page of this origin: this one is signed out too.
    window.addEventListener('storage', e => {
        if (e.key === KEY && !e.newValue) onUnauthorized('Signed out.');
    });

    /** Ends the session everywhere: every service refuses this user's earlier tokens (the server's part), then here. */
    async function signOut() {
        try {
            if (session()) await request('POST', '/api/auth/sign-out', {});
        } catch (err) {
            // Signed out here anyway: an expired token has nothing left to end.
        }
        save(null);
    }

    return {
        session, save, login, stream, ApiError, endedMessage, signOut,
        get: path => request('GET', path),
        post: (path, body) => request('POST', path, body ?? {}),
        put: (path, body) => request('PUT', path, body),
        patch: (path, body, extraHeaders) => requestWith('PATCH', path, body, extraHeaders),
        del: path => request('DELETE', path),
        onUnauthorized: fn => { onUnauthorized = fn; },
        hasRole: role => (session()?.roles || []).includes(role),
        /** Supervisors read only: the pages hide what would change something. */
        canChange: () => ['dispatcher', 'admin'].some(r => (session()?.roles || []).includes(r)),
    };
})();
