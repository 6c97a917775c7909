// The booking form: place (typed or picked on the map), slot suggestions best first, book the chosen one.
'use strict';

// ---- booking ----------------------------------------------------------------------------------------------------

function mapClicked(at) {
    if (!$('map').classList.contains('picking')) return;
    $('b-lat').value = at.lat.toFixed(6);
    $('b-lon').value = at.lon.toFixed(6);
    state.map.setPicking(false);
    $('b-message').textContent = 'Place set from the map.';
}

$('b-pick').addEventListener('click', () => {
    state.map.setPicking(true);
    $('b-message').textContent = 'Click the map where the customer is.';
});

// The address as the caller says it, found on the map (the same search as the customers' booking page): choosing
// one sets the place; the map pick stays for a place no address names.
async function findAddress() {
    const q = $('b-address').value.trim();
    if (q.length < 2) { bookingMessage('Type the street (and number) first.', 'error'); return; }
    try {
        const found = await Api.get('/portal/api/addresses?limit=8&q=' + encodeURIComponent(q));
        bookingMessage(found.length ? '' : 'No address on the map matches; check it, or pick the place on the map.',
            found.length ? '' : 'error');
        $('b-addresses').innerHTML = found.map((a, i) => `<li><button type="button" class="link" data-index="${i}"
            data-testid="b-address-option">${esc(a.label)}</button></li>`).join('');
        $('b-addresses').querySelectorAll('button').forEach(b => b.addEventListener('click', () => {
            const a = found[Number(b.getAttribute('data-index'))];
            $('b-address').value = a.label;
            $('b-lat').value = a.lat.toFixed(6);
            $('b-lon').value = a.lon.toFixed(6);
            $('b-addresses').innerHTML = '';
            bookingMessage('Place set from the address.');
            $('b-job').focus();
        }));
    } catch (err) {
        bookingMessage(err.message, 'error');
    }
}

$('b-address-find').addEventListener('click', findAddress);
$('b-address').addEventListener('keydown', e => { if (e.key === 'Enter') { e.preventDefault(); findAddress(); } });

// A caller who booked before: find them by phone or name and book for them (their address comes along).
let knownCustomer = null;

async function lookUpCaller() {
    const q = $('b-search').value.trim();
    if (q.length < 2) { bookingMessage('Type at least two characters of the phone or name.', 'error'); return; }
    try {
        const found = await Api.get('/api/customers?q=' + encodeURIComponent(q));
        bookingMessage(found.length ? '' : 'No customer matches; fill in a new one.');
        $('callers').innerHTML = found.slice(0, 8).map((c, i) => `<li data-index="${i}" data-testid="caller">
            <span class="grow">${esc(c.name)}</span><span class="muted">${esc(c.phone)}</span></li>`).join('');
        $('callers').querySelectorAll('li').forEach(li => li.addEventListener('click',
            () => useCustomer(found[Number(li.getAttribute('data-index'))])));
    } catch (err) {
        bookingMessage(err.message, 'error');
    }
}

function useCustomer(c) {
    knownCustomer = c;
    $('callers').innerHTML = '';
    $('b-name').value = c.name;
    $('b-phone').value = c.phone;
    $('b-address').value = c.address || '';
    if (c.lat || c.lon) { $('b-lat').value = c.lat; $('b-lon').value = c.lon; }
    $('b-known').hidden = false;
    $('b-known').innerHTML = `Booking for ${esc(c.name)} (known customer) <button type="button" class="link" id="b-forget">new customer instead</button>`;
    $('b-forget').onclick = forgetCustomer;
}

function forgetCustomer() {
    knownCustomer = null;
    $('b-known').hidden = true;
}

$('b-lookup').addEventListener('click', lookUpCaller);
$('b-search').addEventListener('keydown', e => { if (e.key === 'Enter') { e.preventDefault(); lookUpCaller(); } });

function addDays(date, days) {
    const d = new Date(date + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
}

function bookingMessage(text, kind) {
    $('b-message').textContent = text || '';
    $('b-message').className = 'message' + (kind ? ' ' + kind : '');
}

$('booking').addEventListener('submit', async e => {
    e.preventDefault();
    bookingMessage('looking for slots…');
    $('slots').innerHTML = '';
    const from = $('b-date').value;
    const days = Math.max(1, Math.min(14, Number($('b-days').value) || 3));
    const query = new URLSearchParams({lat: $('b-lat').value, lon: $('b-lon').value, jobType: $('b-job').value,
        from, to: addDays(from, days - 1), territory: state.territory});
    try {
        showSlots(await Api.get('/api/slots?' + query));
    } catch (err) {
        bookingMessage(err.message, 'error');
    }
});

function showSlots(slots) {
    bookingMessage(slots.length ? 'Pick a window:' : 'No window can be served in these days.', slots.length ? '' : 'error');
    const day = new Intl.DateTimeFormat('en-GB', {timeZone: zone(), weekday: 'short', day: 'numeric', month: 'short'});
    $('slots').innerHTML = slots.map((s, i) => `<li data-testid="slot" data-index="${i}">
        <span class="grow">${day.format(Date.parse(s.windowStart))} ${fmtTime(s.windowStart)}–${fmtTime(s.windowEnd)}</span>
        <span class="muted" title="comfort 0–100">${Math.round(s.score)}</span>
        <button type="button" class="primary" data-testid="slot-book">Book</button></li>`).join('');
    $('slots').querySelectorAll('li').forEach(li => li.querySelector('button')
        .addEventListener('click', () => book(slots[Number(li.getAttribute('data-index'))])));
}

async function book(slot) {
    const body = {
        ...(knownCustomer ? {customerId: knownCustomer.id}
            : {customer: {name: $('b-name').value.trim(), phone: $('b-phone').value.trim()}}),
        address: $('b-address').value.trim(), lat: Number($('b-lat').value), lon: Number($('b-lon').value),
        jobType: $('b-job').value, windowStart: slot.windowStart, windowEnd: slot.windowEnd, territoryId: state.territory,
    };
    bookingMessage('booking…');
    try {
        const a = await Api.post('/api/appointments', body);
        bookingMessage(`Booked ${fmtTime(a.windowStart)}–${fmtTime(a.windowEnd)} on ${a.serviceDate}.`, 'ok');
        $('booking').setAttribute('data-booked', a.id);
        forgetCustomer();
        $('slots').innerHTML = '';
        if (String(a.serviceDate) !== state.date) await chooseDate(String(a.serviceDate));
        else await loadTimeline(true);
        select(a.id);
    } catch (err) {
        bookingMessage(err.message, 'error');
        if (err.status === 409 && err.body?.details?.nextSlots) showSlots(err.body.details.nextSlots);
    }
}
