// "Where is my technician?": find a customer's visits in this territory by phone or name, open one.
'use strict';

$('find').addEventListener('submit', async e => {
    e.preventDefault();
    const q = $('find-q').value.trim();
    const list = $('find-results');
    if (q.length < 2) { list.hidden = true; return; }
    try {
        const page = await Api.get(`/api/appointments?territory=${encodeURIComponent(state.territory)}`
            + `&q=${encodeURIComponent(q)}&size=20`);
        const day = new Intl.DateTimeFormat('en-GB', {timeZone: zone(), weekday: 'short', day: 'numeric',
            month: 'short'});
        list.innerHTML = page.items.length === 0 ? '<li class="muted">no visit found</li>' : page.items
            .sort((a, b) => Date.parse(b.windowStart) - Date.parse(a.windowStart))
            .map(a => `<li data-appointment="${a.id}" data-date="${a.serviceDate}" data-testid="find-result">
                <span>${day.format(Date.parse(a.windowStart))} ${fmtTime(a.windowStart)}–${fmtTime(a.windowEnd)}</span>
                <span class="grow">${esc(a.address)}</span><span class="badge">${esc(STATUS_LABEL[a.status] || a.status)}</span></li>`)
            .join('');
        list.hidden = false;
    } catch (err) {
        list.innerHTML = `<li class="error">${esc(err.message)}</li>`;
        list.hidden = false;
    }
});

$('find-results').addEventListener('click', async e => {
    const li = e.target.closest('[data-appointment]');
    if (!li) return;
    $('find-results').hidden = true;
    const date = li.getAttribute('data-date');
    if (date !== state.date) await chooseDate(date);
    select(li.getAttribute('data-appointment'));
});

document.addEventListener('click', e => {
    if (!e.target.closest('#find')) $('find-results').hidden = true;
});
