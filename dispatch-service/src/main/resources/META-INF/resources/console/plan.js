// The plan card: solve / stop / publish with live progress, the explanation, and manual dispatch (pin, unpin).
'use strict';

// ---- solve, stop, publish, analysis ------------------------------------------------------------------------------

function planMessage(text, kind) {
    $('plan-message').textContent = text || '';
    $('plan-message').className = 'message' + (kind ? ' ' + kind : '');
}

function showProgress(p) {
    state.solving = p.status === 'SOLVING';
    $('solve').disabled = state.solving;
    $('stop').disabled = !state.solving;
    $('publish').disabled = state.solving;
    $('replan').disabled = state.solving;
    $('score').textContent = p.score || '–';
    const share = state.solving ? Math.min(100, p.elapsedMs / (state.solveSeconds * 10)) : 100;
    $('progress').innerHTML = `<div style="width:${share}%"></div>`;
    $('progress').setAttribute('data-status', p.status);
    if (p.status === 'FAILED') planMessage('The solve failed: ' + (p.error || 'see the service log'), 'error');
    status(`${p.status.toLowerCase()} · ${p.assigned} assigned, ${p.unassigned} unassigned, ${p.late} late · `
        + `${p.travelHours} h travel · ${p.improvements} improvements`);
}

async function loadPlanStatus() {
    try {
        const p = await Api.get(planPath());
        showProgress(p);
        if (p.status === 'SOLVING') follow();
    } catch (err) {
        state.solving = false;
        $('solve').disabled = false;
        $('stop').disabled = true;
        $('publish').disabled = false;
        $('progress').innerHTML = '';
        $('progress').removeAttribute('data-status');
        status(err.status === 404 ? 'not solved since the service started' : err.message, err.status !== 404);
    }
}

/** Follows the solve's server-sent events until it ends; the timeline follows the best plan every few seconds. */
function follow() {
    state.events?.abort();
    const controller = new AbortController();
    state.events = controller;
    let lastDraw = 0;
    Api.stream(planPath('/events'), p => {
        showProgress(p);
        if (p.status !== 'SOLVING') {
            loadTimeline(true).then(() => $('analysis').open && loadAnalysis());
        } else if (performance.now() - lastDraw > 3000) {
            lastDraw = performance.now();
            loadTimeline(false);
        }
    }, controller.signal).catch(() => {}).finally(() => {
        if (state.events === controller) loadPlanStatus().then(() => loadTimeline(true));
    });
}

async function solve(keepMessage) {
    const seconds = Number($('solve-seconds').value) || 30;
    state.solveSeconds = seconds;
    if (keepMessage !== true) planMessage('');
    try {
        showProgress(await Api.post(planPath('/solve'), {seconds}));
        state.solves = (state.solves || 0) + 1;
        $('progress').setAttribute('data-solves', state.solves);
        follow();
    } catch (err) {
        planMessage(err.message, 'error');
    }
}

$('solve').addEventListener('click', () => solve());
$('stop').addEventListener('click', async () => {
    try { await Api.post(planPath('/stop')); } catch (err) { planMessage(err.message, 'error'); }
});
// A plan that breaks windows told to customers is published only once the dispatcher confirms, knowing who will be
// texted a new window.
function brokenPromisesText(broken) {
    const time = iso => iso ? new Date(iso).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'}) : '–';
    return broken.map(b => `• visit ${b.appointmentId.slice(0, 8)} (told ${time(b.toldStart)}–${time(b.toldEnd)}): `
        + b.why + (b.technicianAfter && b.technicianAfter !== b.technicianBefore
            ? `, moves from ${b.technicianBefore || 'nobody'} to ${b.technicianAfter}` : '')).join('\n');
}

async function publish(confirmed) {
    planMessage('publishing…');
    try {
        const r = await Api.post(planPath('/publish' + (confirmed ? '?confirm=true' : '')));
        planMessage(`Published version ${r.version}: ${r.routesPublished} routes sent, ${r.assigned} visits assigned, `
            + `${r.unassigned} unassigned.`, 'ok');
        await loadTimeline(true);
    } catch (err) {
        const broken = err.status === 409 && err.body && err.body.details && err.body.details.brokenPromises;
        if (broken && !confirmed) {
            const ok = window.confirm(`${err.body.message}\n\nThese customers will be texted a new window:\n`
                + brokenPromisesText(broken) + '\n\nPublish anyway?');
            if (ok) return publish(true);
            planMessage(`Not published: ${broken.length} told window(s) would break.`, 'error');
            return;
        }
        planMessage(err.message, 'error');
    }
}

$('publish').addEventListener('click', () => publish(false));

$('replan').addEventListener('click', async () => {
    planMessage('re-planning the rest of the day…');
    try {
        const o = await Api.post(planPath('/replan'), {reason: 'asked by dispatcher'});
        planMessage(o.error ? 'Re-plan failed: ' + o.error : `Re-planned in ${(o.latencyMs / 1000).toFixed(1)} s: `
            + `version ${o.version}, ${o.routesPublished} changed routes sent.`, o.error ? 'error' : 'ok');
        await loadTimeline(true);
    } catch (err) {
        planMessage(err.message, 'error');
    }
});

$('analysis').addEventListener('toggle', () => $('analysis').open && loadAnalysis());

async function loadAnalysis() {
    $('analysis-body').innerHTML = '<span class="muted">explaining…</span>';
    try {
        const a = await Api.get(planPath('/analysis'));
        state.analysis = a;
        const rows = a.constraints.filter(c => c.amount !== 0 || c.matches !== 0);
        const issues = a.issues.map(i => {
            const v = visitById(i.appointmentId);
            return `<div class="issue" data-testid="issue"><b>${esc(i.kind.toLowerCase().replaceAll('_', ' '))}</b>
                <button type="button" class="link" data-appointment="${i.appointmentId}">${esc(v?.address || i.appointmentId)}</button>:
                ${i.reasons.map(esc).join('; ')}</div>`;
        }).join('');
        $('analysis-body').innerHTML = `<div>${a.feasible ? 'Feasible' : '<b class="error">Infeasible</b>'} · ${esc(a.score)}</div>
            <table><tr><th>Constraint</th><th>Level</th><th>Amount</th><th>Matches</th></tr>
            ${rows.map(c => `<tr><td>${esc(c.constraint)}</td><td>${esc(c.level.toLowerCase())}</td><td>${c.amount}</td><td>${c.matches}</td></tr>`).join('')}
            </table>${issues || '<div class="muted">Every visit is assigned and on time.</div>'}`;
        $('analysis-body').querySelectorAll('button[data-appointment]').forEach(b =>
            b.addEventListener('click', () => select(b.getAttribute('data-appointment'))));
    } catch (err) {
        $('analysis-body').innerHTML = `<span class="error">${esc(err.message)}</span>`;
    }
}

// ---- manual dispatch --------------------------------------------------------------------------------------------

async function pin(appointmentId, technicianId, position) {
    const tech = state.technicians.find(t => t.id === technicianId);
    try {
        if (state.solving) {
            await Api.post(planPath('/stop')).catch(() => {});
            await waitUntilNotSolving();
        }
        await Api.put(planPath(`/visits/${appointmentId}/pin`), {technicianId, position});
        planMessage(`Pinned to ${tech?.name || technicianId} as stop ${position + 1}; solving around it…`, 'ok');
        state.selected = appointmentId;
        await solve(true);
    } catch (err) {
        planMessage(err.message, 'error');
        loadTimeline(true);
    }
}

async function cancelVisit(appointmentId, reason) {
    try {
        await Api.post(`/api/appointments/${appointmentId}/cancel`, {reason: reason || 'canceled by dispatcher'});
        planMessage('Visit canceled; the customer is told.', 'ok');
        await loadTimeline(true);
    } catch (err) {
        planMessage(err.message, 'error');
    }
}

async function unpin(appointmentId) {
    try {
        await Api.del(planPath(`/visits/${appointmentId}/pin`));
        planMessage('Unpinned; the next solve may move it.', 'ok');
        await loadTimeline(true);
    } catch (err) {
        planMessage(err.message, 'error');
    }
}

async function waitUntilNotSolving() {
    for (let i = 0; i < 100; i++) {
        const p = await Api.get(planPath()).catch(() => null);
        if (!p || p.status !== 'SOLVING') return;
        await new Promise(r => setTimeout(r, 200));
    }
}
