// Your password (everyone) and, for admins, the users and integration clients: roles, territories, disable,
// password reset. Secrets appear once, in a dialog.
'use strict';

const $ = id => document.getElementById(id);
const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;',
    "'": '&#39;'})[c]);
const page = {users: [], territories: [], editing: null};

Api.onUnauthorized(() => { location.href = 'index.html'; });

function say(id, text, error) {
    $(id).textContent = text;
    $(id).classList.toggle('error', Boolean(error));
}

function showSecret(what, secret) {
    $('secret-what').textContent = what;
    $('secret').textContent = secret;
    $('secret-dialog').showModal();
}

$('password-form').addEventListener('submit', async e => {
    e.preventDefault();
    if ($('pw-new').value !== $('pw-repeat').value) {
        say('pw-message', 'The two new passwords differ.', true);
        return;
    }
    try {
        const answer = await Api.post('/api/auth/password', {currentPassword: $('pw-current').value,
            newPassword: $('pw-new').value});
        Api.save({token: answer.token, username: answer.username, roles: answer.roles, expiresAt: answer.expiresAt});
        e.target.reset();
        say('pw-message', 'Password changed. Your other sessions have ended.');
    } catch (err) {
        say('pw-message', err.message, true);
    }
});

// ---- admins ---------------------------------------------------------------------------------------------------

function territoryNames(u) {
    if (u.allTerritories) return 'every territory';
    return u.territories.map(id => page.territories.find(t => t.id === id)?.name || id).join(', ') || '–';
}

function render() {
    $('users').innerHTML = page.users.map(u => `<tr data-user="${esc(u.username)}">
        <th scope="row">${esc(u.username)}<br><span class="muted">${esc(u.displayName)}</span></th>
        <td>${esc(u.kind)}${u.seeded ? ' <span class="badge" title="created from the start-up configuration">seeded</span>' : ''}</td>
        <td>${esc(u.roles.join(', '))}</td>
        <td>${esc(territoryNames(u))}</td>
        <td>${u.active ? 'active' : '<strong>disabled</strong>'}</td>
        <td class="actions">
            <button type="button" data-action="edit">Edit</button>
            <button type="button" data-action="toggle">${u.active ? 'Disable' : 'Enable'}</button>
            <button type="button" data-action="reset">${u.kind === 'integration' ? 'New secret' : 'Reset password'}</button>
        </td></tr>`).join('');
}

function territoryBoxes(selected) {
    $('u-territories').innerHTML = page.territories.map(t => `<label class="inline"><input type="checkbox"
        name="territory" value="${esc(t.id)}" ${selected.includes(t.id) ? 'checked' : ''}> ${esc(t.name)}</label>`)
        .join('');
}

function formValues() {
    const roles = [...document.querySelectorAll('input[name=role]:checked')].map(i => i.value);
    const territories = $('u-all').checked ? ['*']
        : [...document.querySelectorAll('input[name=territory]:checked')].map(i => i.value);
    return {roles, territories};
}

function resetForm() {
    page.editing = null;
    $('user-form').reset();
    $('u-name').disabled = false;
    $('u-kind').disabled = false;
    $('user-form-title').textContent = 'New user';
    $('u-submit').textContent = 'Create';
    $('u-cancel').hidden = true;
    $('u-password-label').hidden = false;
    territoryBoxes([]);
    kindChanged();
}

function kindChanged() {
    const integration = $('u-kind').value === 'integration';
    $('role-admin').hidden = integration;
    if (integration) document.querySelector('input[name=role][value=admin]').checked = false;
    $('u-password-label').hidden = integration || page.editing !== null;
}

$('u-kind').addEventListener('change', kindChanged);
$('u-cancel').addEventListener('click', resetForm);

function edit(u) {
    page.editing = u;
    $('user-form-title').textContent = 'Edit ' + u.username;
    $('u-name').value = u.username;
    $('u-name').disabled = true;
    $('u-display').value = u.displayName;
    $('u-kind').value = u.kind;
    $('u-kind').disabled = true;
    document.querySelectorAll('input[name=role]').forEach(i => { i.checked = u.roles.includes(i.value); });
    $('u-all').checked = u.allTerritories;
    territoryBoxes(u.territories);
    $('u-submit').textContent = 'Save';
    $('u-cancel').hidden = false;
    kindChanged();
    $('u-display').focus();
}

$('user-form').addEventListener('submit', async e => {
    e.preventDefault();
    const {roles, territories} = formValues();
    try {
        if (page.editing) {
            const u = page.editing;
            await Api.patch('/api/admin/users/' + encodeURIComponent(u.username),
                {displayName: $('u-display').value || null, roles, territories}, {'If-Match': `"${u.version}"`});
            say('u-message', `${u.username} saved.`);
        } else {
            const body = {username: $('u-name').value.trim(), displayName: $('u-display').value || null,
                kind: $('u-kind').value, roles, territories};
            if ($('u-password').value && body.kind === 'person') body.password = $('u-password').value;
            const created = await Api.post('/api/admin/users', body);
            say('u-message', `${created.user.username} created.`);
            if (!body.password) {
                showSecret(created.user.kind === 'integration'
                    ? `Client secret of ${created.user.username}:` : `Password of ${created.user.username}:`,
                created.secret);
            }
        }
        resetForm();
        await load();
    } catch (err) {
        say('u-message', err.message, true);
    }
});

$('users').addEventListener('click', async e => {
    const button = e.target.closest('button[data-action]');
    if (!button) return;
    const u = page.users.find(x => x.username === button.closest('tr').getAttribute('data-user'));
    const path = '/api/admin/users/' + encodeURIComponent(u.username);
    try {
        if (button.dataset.action === 'edit') {
            edit(u);
        } else if (button.dataset.action === 'toggle') {
            if (u.active && !confirm(`Disable ${u.username}? Their sessions end at once in every service.`)) return;
            await Api.patch(path, {active: !u.active}, {'If-Match': `"${u.version}"`});
            say('u-message', `${u.username} ${u.active ? 'disabled' : 'enabled'}.`);
            await load();
        } else if (button.dataset.action === 'reset') {
            if (!confirm(`Give ${u.username} a new ${u.kind === 'integration' ? 'secret' : 'password'}? `
                + 'The old one stops working and their sessions end.')) return;
            const answer = await Api.post(path + '/password-reset');
            showSecret(`New ${u.kind === 'integration' ? 'client secret' : 'password'} of ${u.username}:`,
                answer.secret);
            await load();
        }
    } catch (err) {
        say('u-message', err.message, true);
    }
});

$('u-all').addEventListener('change', () => {
    document.querySelectorAll('input[name=territory]').forEach(i => { i.disabled = $('u-all').checked; });
});

async function load() {
    [page.users, page.territories] = await Promise.all([Api.get('/api/admin/users'), Api.get('/api/territories')]);
    render();
}

(async () => {
    const session = Api.session();
    if (!session) { location.href = 'index.html'; return; }
    $('user').textContent = session.username;
    if (Api.hasRole('admin')) {
        $('users-card').hidden = false;
        try {
            await load();
            resetForm();
        } catch (err) {
            say('status', err.message, true);
        }
    }
})();
