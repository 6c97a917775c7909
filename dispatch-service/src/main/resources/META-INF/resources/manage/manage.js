// The manage page: what the link in a text opens. See the appointment, change its time or cancel it before the
// cut-off, wait for an earlier time and take one offered, or book again after a missed or canceled visit.
'use strict';

(() => {
    const {t, call, when, moment, el, say, header, slotChoices} = Portal;
    const $ = id => document.getElementById(id);
    const token = decodeURIComponent(location.hash.slice(1));
    const link = {'X-Manage-Link': token};
    let current = null;
    let slots = [];
    let zone = 'UTC';
    let mode = null;

    function translate() {
        document.title = t('manageTitle') + ' · Fieldcast';
        $('title').textContent = t('manageTitle');
        document.querySelectorAll('[data-t]').forEach(n => { n.textContent = t(n.dataset.t); });
        header();
    }

    function render(a) {
        current = a;
        zone = a.timeZone;
        $('what').textContent = a.jobName;
        $('when').textContent = when(a.windowStart, a.windowEnd, a.timeZone);
        $('where').textContent = a.address;
        $('state').textContent = t('states')[a.status] || a.status;
        $('appointment').hidden = false;
        say($('status-line'), '');
        const open = a.status === 'BOOKED' || a.status === 'SCHEDULED';
        $('actions').hidden = !open;
        $('reschedule').disabled = !a.canChange;
        $('cancel').disabled = !a.canChange;
        $('cutoff').textContent = open ? t('cutoff', moment(a.changeUntil, a.timeZone)) : '';
        const waiting = a.waitlist === 'WAITING' || a.waitlist === 'OFFERED';
        $('waitlist').textContent = waiting ? t('waitlistLeave') : t('waitlistJoin');
        $('waiting').hidden = !waiting;
        renderOffers(a);
        if (a.canRebook && mode !== 'rebook') {
            choose('rebook');
        } else if (!a.canRebook && mode === 'rebook') {
            $('choose').hidden = true;
        }
    }

    function renderOffers(a) {
        const box = $('offers');
        box.replaceChildren();
        for (const o of a.offers || []) {
            box.append(el('p', {text: t('offer', when(o.windowStart, o.windowEnd, a.timeZone),
                moment(o.expiresAt, a.timeZone))}),
                el('button', {type: 'button', class: 'primary', 'data-offer': o.id, text: t('accept'),
                    onclick: () => act(() => call('POST', '/manage/offers/' + o.id + '/accept', undefined, link),
                        x => t('moved', when(x.windowStart, x.windowEnd, x.timeZone)))}));
        }
        box.hidden = !(a.offers && a.offers.length);
    }

    async function choose(kind) {
        mode = kind;
        const heading = kind === 'rebook'
            ? (current.missed ? t('rebookMissed') : t('rebookCanceled')) : t('reschedule');
        $('choose-heading').textContent = heading;
        $('choose-legend').textContent = heading;
        $('choose-go').textContent = kind === 'rebook' ? t('bookAgain') : t('moveHere');
        const answer = await call('GET', '/manage/slots', undefined, link);
        zone = answer.timeZone;
        slots = answer.slots.filter(s => kind === 'rebook' || s.windowStart !== current.windowStart);
        slotChoices($('slot-list'), slots, zone, 'slot');
        if (slots.length === 0) $('slot-list').append(el('p', {text: t('noSlots')}));
        $('choose').hidden = false;
        $('choose-heading').focus?.();
    }

    async function go() {
        const checked = document.querySelector('input[name="slot"]:checked');
        if (!checked) return say($('result'), t('chooseSlot'), 'error');
        const slot = slots[Number(checked.value)];
        const body = {windowStart: slot.windowStart, windowEnd: slot.windowEnd};
        if (mode === 'rebook') {
            try {
                const booked = await call('POST', '/manage/rebook', body, link);
                // The new appointment's own link: the page follows it (a new fragment reloads, see below).
                location.replace('/manage/?lang=' + Portal.lang + '#' + booked.manageToken);
            } catch (e) {
                say($('result'), e.message, 'error');
            }
            return;
        }
        await act(() => call('POST', '/manage/reschedule', body, link),
            x => t('moved', when(x.windowStart, x.windowEnd, x.timeZone)));
        $('choose').hidden = true;
    }

    /** Runs one change, shows the appointment as it is now and says what happened (or why not). */
    async function act(change, done) {
        say($('result'), '');
        try {
            const after = await change();
            render(after);
            say($('result'), done(after), 'ok');
        } catch (e) {
            say($('result'), e.message, 'error');
            load();
        }
    }

    async function load() {
        if (!token) {
            say($('status-line'), t('badLink'), 'error');
            return;
        }
        try {
            render(await call('GET', '/manage', undefined, link));
        } catch (e) {
            say($('status-line'), e.status === 404 ? t('badLink') : t('error', e.message), 'error');
        }
    }

    translate();
    say($('status-line'), t('loading'));
    $('reschedule').addEventListener('click', () => choose('reschedule').catch(e => say($('result'), e.message, 'error')));
    $('choose-go').addEventListener('click', go);
    $('cancel').addEventListener('click', () => { $('cancel-confirm').hidden = false; $('cancel-yes').focus(); });
    $('cancel-no').addEventListener('click', () => { $('cancel-confirm').hidden = true; });
    $('cancel-yes').addEventListener('click', async () => {
        $('cancel-confirm').hidden = true;
        await act(() => call('POST', '/manage/cancel', {}, link), () => t('canceled'));
    });
    $('waitlist').addEventListener('click', () => {
        const waiting = current.waitlist === 'WAITING' || current.waitlist === 'OFFERED';
        act(() => call(waiting ? 'DELETE' : 'POST', '/manage/waitlist', undefined, link),
            a => a.waitlist === 'WAITING' ? t('waiting') : '');
    });
    window.addEventListener('hashchange', () => location.reload());
    load();
})();
