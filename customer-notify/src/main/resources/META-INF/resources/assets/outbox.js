// The notifications page: sign in (or paste a dispatcher token), then the latest texts and e-mails.
'use strict';

// Behind the gateway every page is on one origin and shares one sign-in ('fieldcast.session', written by the console
// and by this page's own sign-in); a token pasted here is used too.
const SESSION = 'fieldcast.session';
function sharedToken() {
  try { return (JSON.parse(localStorage.getItem(SESSION) || 'null') || {}).token || null; } catch (e) { return null; }
}
function currentToken() { return sharedToken() || localStorage.getItem('fieldcast.token'); }
const tokenInput = document.getElementById('token');
tokenInput.value = localStorage.getItem('fieldcast.token') || '';
document.getElementById('token-form').onsubmit = (event) => {
  event.preventDefault();
  localStorage.removeItem(SESSION);
  localStorage.setItem('fieldcast.token', tokenInput.value.trim());
  load();
};
// dispatch-service issues the tokens: on this origin behind the gateway; else on its own port, which allows this
// page's origin (quarkus.http.cors.origins there).
const dispatchUrl = document.getElementById('dispatch-url');
dispatchUrl.value = location.port === '8084' ? location.protocol + '//' + location.hostname + ':8081'
  : location.origin;
document.getElementById('login').onsubmit = async (event) => {
  event.preventDefault();
  const error = document.getElementById('login-error');
  error.textContent = '';
  try {
    const res = await fetch(dispatchUrl.value.replace(/\/+$/, '') + '/api/auth/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: document.getElementById('user').value,
                             password: document.getElementById('password').value }) });
    const body = await res.json().catch(() => null);
    if (!res.ok) { error.textContent = (body && body.message) || 'log-in refused (HTTP ' + res.status + ')'; return; }
    localStorage.setItem(SESSION, JSON.stringify({ token: body.token, username: body.username, roles: body.roles,
      expiresAt: body.expiresAt }));
    localStorage.removeItem('fieldcast.token');
    load();
  } catch (e) {
    error.textContent = 'dispatch-service did not answer this page (not running, or it does not allow this origin)';
  }
};
function cell(text, cls) {
  const td = document.createElement('td');
  td.textContent = text == null ? '' : text;
  if (cls) td.className = cls;
  return td;
}
async function load() {
  const token = currentToken();
  const status = document.getElementById('status');
  if (!token) { status.textContent = 'no token yet'; return; }
  const res = await fetch('/api/outbox?limit=200', { headers: { Authorization: 'Bearer ' + token } });
  if (res.status === 401 && sharedToken()) {
    localStorage.removeItem(SESSION); // signed out, or the session ended: sign in again
    status.textContent = 'your session has ended; please sign in again';
    return;
  }
  if (!res.ok) { status.textContent = 'error ' + res.status; return; }
  status.textContent = 'updated ' + new Date().toLocaleTimeString();
  const body = document.getElementById('rows');
  body.replaceChildren();
  for (const m of await res.json()) {
    const tr = document.createElement('tr');
    tr.append(cell(m.id), cell(m.appointmentId), cell(m.kind), cell(m.recipient), cell(m.channel),
      cell(m.state + (m.lastError ? ' (' + m.lastError + ')' : ''), m.state), cell(m.body), cell(m.handedAt));
    body.append(tr);
  }
}
load();
setInterval(load, 5000);
