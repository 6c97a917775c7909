// The public booking page: job and its intake questions, address, a real window, a texted code, book.
'use strict';

(() => {
    const {t, pick, call, when, el, say, header, slotChoices} = Portal;
    const $ = id => document.getElementById(id);
    const state = {jobs: [], job: null, place: null, slots: [], zone: 'UTC', from: null, codeId: null};

    function translate() {
        document.title = t('bookTitle') + ' · Fieldcast';
        $('title').textContent = t('bookTitle');
        document.querySelectorAll('[data-t]').forEach(n => { n.textContent = t(n.dataset.t); });
        header();
    }

    async function loadJobs() {
        state.jobs = await call('GET', '/job-types');
        const box = $('jobs');
        state.jobs.forEach(job => box.append(el('label', {class: 'choice'},
            el('input', {type: 'radio', name: 'job', value: job.code, 'data-testid': 'job-' + job.code}),
            job.name)));
        box.addEventListener('change', () => {
            state.job = state.jobs.find(j => j.code === box.querySelector('input:checked').value);
            say($('job-error'), '');
            renderQuestions();
            loadSlots();
        });
    }

    function renderQuestions() {
        const box = $('questions');
        box.replaceChildren();
        const questions = state.job ? state.job.intake : [];
        $('questions-step').hidden = questions.length === 0;
        for (const q of questions) {
            const id = 'q-' + q.id;
            const wrap = el('div', {id: id + '-wrap', 'data-question': q.id});
            const hint = q.hint && pick(q.hint) ? el('span', {class: 'hint', id: id + '-hint', text: pick(q.hint)}) : null;
            const error = el('p', {class: 'error', id: id + '-error', role: 'alert'});
            if (q.kind === 'YES_NO' || q.kind === 'CHOICE') {
                const options = q.kind === 'YES_NO'
                    ? [{value: 'yes', label: {en: 'Yes', es: 'Sí'}}, {value: 'no', label: {en: 'No', es: 'No'}}]
                    : q.options;
                const set = el('fieldset', {'aria-describedby': hint ? id + '-hint' : null},
                    el('legend', {text: pick(q.label) + (q.required ? '' : ' ' + t('optional'))}));
                if (hint) set.append(hint);
                options.forEach(o => set.append(el('label', {class: 'choice'},
                    el('input', {type: 'radio', name: id, value: o.value, required: q.required || null}), pick(o.label))));
                wrap.append(set);
            } else {
                wrap.append(el('label', {for: id, text: pick(q.label) + (q.required ? '' : ' ' + t('optional'))}));
                if (hint) wrap.append(hint);
                wrap.append(q.kind === 'NUMBER'
                    ? el('input', {id, type: 'number', inputmode: 'numeric', min: '0', required: q.required || null,
                        'aria-describedby': hint ? id + '-hint' : null})
                    : el('input', {id, type: 'text', maxlength: '300', required: q.required || null,
                        'aria-describedby': hint ? id + '-hint' : null}));
            }
            wrap.append(error);
            box.append(wrap);
        }
        box.oninput = box.onchange = showConditional;
        showConditional();
    }

    function answerOf(q) {
        const id = 'q-' + q.id;
        if (q.kind === 'YES_NO' || q.kind === 'CHOICE') {
            const checked = document.querySelector(`input[name="${id}"]:checked`);
            return checked ? checked.value : '';
        }
        return ($(id).value || '').trim();
    }

    /** A question shown only when an earlier one has the answer it depends on. */
    function showConditional() {
        if (!state.job) return;
        const answers = {};
        for (const q of state.job.intake) {
            const visible = !q.showIf || answers[q.showIf.question] === q.showIf.equals;
            $('q-' + q.id + '-wrap').hidden = !visible;
            if (visible) answers[q.id] = answerOf(q);
        }
        updateBookButton();
    }

    function answers() {
        const kept = {};
        let firstMissing = null;
        for (const q of state.job.intake) {
            if ($('q-' + q.id + '-wrap').hidden) continue;
            const value = answerOf(q);
            say($('q-' + q.id + '-error'), '');
            if (value) kept[q.id] = value;
            else if (q.required) {
                say($('q-' + q.id + '-error'), t('required'), 'error');
                firstMissing = firstMissing || q;
            }
        }
        return {kept, firstMissing};
    }

    async function findAddress() {
        const q = $('address-q').value.trim();
        if (q.length < 2) return;
        say($('address-status'), t('searching'));
        const found = await call('GET', '/addresses?q=' + encodeURIComponent(q) + '&limit=6');
        const list = $('address-list');
        list.replaceChildren();
        found.forEach((a, i) => list.append(el('label', {class: 'choice'},
            el('input', {type: 'radio', name: 'address', value: String(i)}), a.label)));
        $('addresses').hidden = found.length === 0;
        say($('address-status'), found.length === 0 ? t('noAddress') : '', found.length === 0 ? 'error' : '');
        list.onchange = () => {
            const a = found[Number(list.querySelector('input:checked').value)];
            state.place = {label: a.label, lat: a.lat, lon: a.lon};
            loadSlots();
        };
    }

    function useLocation() {
        if (!navigator.geolocation) return say($('address-status'), t('noAddress'), 'error');
        navigator.geolocation.getCurrentPosition(p => {
            state.place = {label: $('address-q').value.trim() || t('myLocation'), lat: p.coords.latitude,
                lon: p.coords.longitude};
            say($('address-status'), t('myLocation'), 'ok');
            loadSlots();
        }, () => say($('address-status'), t('noAddress'), 'error'));
    }

    async function loadSlots(later = false) {
        if (!state.job || !state.place) return;
        say($('slots-status'), t('searching'));
        let path = `/slots?lat=${state.place.lat}&lon=${state.place.lon}&jobType=${encodeURIComponent(state.job.code)}`;
        if (later && state.slots.length) {
            const last = state.slots[state.slots.length - 1].date;
            const next = new Date(last + 'T00:00:00Z');
            next.setUTCDate(next.getUTCDate() + 1);
            path += '&from=' + next.toISOString().slice(0, 10);
        }
        try {
            const answer = await call('GET', path);
            state.zone = answer.timeZone;
            state.slots = answer.slots;
            slotChoices($('slot-list'), state.slots, state.zone, 'slot');
            $('slots').hidden = state.slots.length === 0;
            $('slots-later').hidden = false;
            say($('slots-status'), state.slots.length === 0 ? t('noSlots') : '');
        } catch (e) {
            say($('slots-status'), t('error', e.message), 'error');
        }
        updateBookButton();
    }

    function chosenSlot() {
        const checked = document.querySelector('input[name="slot"]:checked');
        return checked ? state.slots[Number(checked.value)] : null;
    }

    async function sendCode() {
        say($('form-error'), '');
        try {
            const sent = await call('POST', '/codes', {phone: $('phone').value.trim(), language: Portal.lang});
            state.codeId = sent.codeId;
            $('code-step').hidden = false;
            say($('code-sent'), t('codeSent', $('phone').value.trim()), 'muted');
            $('code').focus();
        } catch (e) {
            say($('form-error'), e.message, 'error');
        }
        updateBookButton();
    }

    function updateBookButton() {
        $('book').disabled = !(state.codeId && state.job && state.place && chosenSlot());
    }

    async function book(event) {
        event.preventDefault();
        say($('form-error'), '');
        if (!state.job) return say($('job-error'), t('chooseJob'), 'error');
        const {kept, firstMissing} = answers();
        if (firstMissing) return document.querySelector(`[data-question="${firstMissing.id}"] input`).focus();
        if (!state.place) return say($('form-error'), t('chooseAddress'), 'error');
        const slot = chosenSlot();
        if (!slot) return say($('form-error'), t('chooseSlot'), 'error');
        $('book').disabled = true;
        try {
            const booked = await call('POST', '/bookings', {
                jobType: state.job.code, answers: kept, address: state.place.label, lat: state.place.lat,
                lon: state.place.lon, windowStart: slot.windowStart, windowEnd: slot.windowEnd,
                name: $('name').value.trim(), phone: $('phone').value.trim(), email: $('email').value.trim() || null,
                language: Portal.lang, codeId: state.codeId, code: $('code').value.trim(),
                note: $('note').value.trim() || null});
            $('booking').hidden = true;
            $('done-when').textContent = when(booked.windowStart, booked.windowEnd, booked.timeZone);
            $('done-manage').href = '/manage/?lang=' + Portal.lang + '#' + booked.manageToken;
            $('done').hidden = false;
            $('done').focus();
        } catch (e) {
            say($('form-error'), e.message, 'error');
            if (e.status === 409) loadSlots();
            updateBookButton();
        }
    }

    translate();
    $('address-find').addEventListener('click', () => findAddress().catch(e => say($('address-status'), e.message, 'error')));
    $('address-q').addEventListener('keydown', e => {
        if (e.key === 'Enter') {
            e.preventDefault();
            findAddress().catch(err => say($('address-status'), err.message, 'error'));
        }
    });
    $('address-here').addEventListener('click', useLocation);
    $('slots-later').addEventListener('click', () => loadSlots(true));
    $('slot-list').addEventListener('change', updateBookButton);
    $('send-code').addEventListener('click', sendCode);
    $('booking').addEventListener('submit', book);
    loadJobs().catch(e => say($('job-error'), t('error', e.message), 'error'));
})();
