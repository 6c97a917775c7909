// The notifications page: sign in (or paste a dispatcher token), then the latest texts and e-mails.
'use strict';

const tokenInput = document.getElementById('token');
tokenInput.value = localStorage.getItem('fieldcast.token') || '';
document.getElementById('token-form').onsubmit = (event) => {
  event.preventDefault();
  localStorage.setItem('fieldcast.token', tokenInput.value.trim());
  load();
};
// dispatch-service issues the tokens; it allows this page's origin (quarkus.http.cors.origins there).
const dispatchUrl = document.getElementById('dispatch-url');
dispatchUrl.value = location.protocol + '//' + location.hostname + ':8081';
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
    localStorage.setItem('fieldcast.token', body.token);
    tokenInput.value = body.token;
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
  const token = localStorage.getItem('fieldcast.token');
  const status = document.getElementById('status');
  if (!token) { status.textContent = 'no token yet'; return; }
  const res = await fetch('/api/outbox?limit=200', { headers: { Authorization: 'Bearer ' + token } });
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
