// What the booking page and the manage page share: words in English and Spanish, calls to the portal API with
// readable errors, and times shown in the territory's own zone.
'use strict';

const Portal = (() => {
    const WORDS = {
        en: {
            brand: 'Fieldcast', other: 'Español', otherLang: 'es',
            bookTitle: 'Book a visit', whatJob: 'What do you need?', questions: 'A few questions',
            yes: 'Yes', no: 'No', optional: '(optional)',
            address: 'Where is the visit?', addressLabel: 'Street and number', find: 'Find address',
            addressHint: 'For example: 12 Main Street', pickAddress: 'Choose your address',
            noAddress: 'No address found. Check the spelling, or use your location.',
            useLocation: 'Use my location', myLocation: 'My current location',
            when: 'When suits you?', noSlots: 'No free windows in the next days. Try other dates or call us.',
            later: 'Later dates', searching: 'Looking…',
            contact: 'Your details', name: 'Name', phone: 'Mobile phone', phoneHint: 'With country code, e.g. +12125550100',
            email: 'E-mail', note: 'Anything else we should know?',
            sendCode: 'Text me a code', codeSent: 'We sent a 6-digit code to {0}.', code: 'Code from the text',
            book: 'Book this visit', booked: 'Booked!', bookedFor: 'We will come {0}.',
            manageIt: 'You can change or cancel it here:', manageLink: 'Manage my appointment',
            textsFollow: 'We will text you a narrower arrival window on the day.',
            required: 'Please answer this question.', chooseJob: 'Please choose what you need.',
            chooseAddress: 'Please choose your address.', chooseSlot: 'Please choose a time.',
            manageTitle: 'Your appointment', when2: 'When', where: 'Where', what: 'What', status: 'Status',
            reschedule: 'Change the time', cancel: 'Cancel the visit', cancelSure: 'Yes, cancel it',
            keep: 'Keep it', moveHere: 'Move to this time', moved: 'Done: your visit is now {0}.',
            canceled: 'Your visit is canceled.', cutoff: 'Changes after {0} are made by phone.',
            waitlistJoin: 'Tell me if an earlier time frees up', waitlistLeave: 'Stop looking for an earlier time',
            waiting: 'You are on the waiting list for an earlier time.',
            offer: 'An earlier time is free: {0}. Offer holds until {1}.', accept: 'Take this time',
            rebookMissed: 'We missed you. Choose a new time:', rebookCanceled: 'Book this visit again:',
            bookAgain: 'Book this time', badLink: 'This link is not valid or has expired.',
            states: {BOOKED: 'Booked', SCHEDULED: 'Scheduled', EN_ROUTE: 'On the way', ON_SITE: 'Technician there',
                COMPLETED: 'Done', CANCELED: 'Canceled', CANNOT_COMPLETE: 'Not done'},
            loading: 'Loading…', error: 'Something went wrong: {0}'
        },
        es: {
            brand: 'Fieldcast', other: 'English', otherLang: 'en',
            bookTitle: 'Pedir una visita', whatJob: '¿Qué necesita?', questions: 'Unas preguntas',
            yes: 'Sí', no: 'No', optional: '(opcional)',
            address: '¿Dónde es la visita?', addressLabel: 'Calle y número', find: 'Buscar dirección',
            addressHint: 'Por ejemplo: Calle Mayor 12', pickAddress: 'Elija su dirección',
            noAddress: 'No encontramos la dirección. Revísela o use su ubicación.',
            useLocation: 'Usar mi ubicación', myLocation: 'Mi ubicación actual',
            when: '¿Cuándo le viene bien?', noSlots: 'No hay franjas libres en los próximos días. Pruebe otras fechas o llámenos.',
            later: 'Fechas posteriores', searching: 'Buscando…',
            contact: 'Sus datos', name: 'Nombre', phone: 'Teléfono móvil', phoneHint: 'Con prefijo, p. ej. +34600111222',
            email: 'Correo electrónico', note: '¿Algo más que debamos saber?',
            sendCode: 'Enviarme un código', codeSent: 'Enviamos un código de 6 cifras al {0}.', code: 'Código del SMS',
            book: 'Reservar la visita', booked: '¡Reservado!', bookedFor: 'Iremos {0}.',
            manageIt: 'Puede cambiarla o anularla aquí:', manageLink: 'Gestionar mi cita',
            textsFollow: 'El día de la visita le enviaremos una franja de llegada más corta.',
            required: 'Responda a esta pregunta, por favor.', chooseJob: 'Elija qué necesita, por favor.',
            chooseAddress: 'Elija su dirección, por favor.', chooseSlot: 'Elija una franja, por favor.',
            manageTitle: 'Su cita', when2: 'Cuándo', where: 'Dónde', what: 'Qué', status: 'Estado',
            reschedule: 'Cambiar la hora', cancel: 'Anular la visita', cancelSure: 'Sí, anularla',
            keep: 'Mantenerla', moveHere: 'Pasar a esta hora', moved: 'Hecho: su visita es ahora {0}.',
            canceled: 'Su visita está anulada.', cutoff: 'Los cambios después del {0} se hacen por teléfono.',
            waitlistJoin: 'Avísenme si queda libre una hora antes', waitlistLeave: 'Dejar de buscar una hora antes',
            waiting: 'Está en la lista de espera para una hora antes.',
            offer: 'Hay una hora antes libre: {0}. La oferta vale hasta {1}.', accept: 'Quedarme esta hora',
            rebookMissed: 'No le encontramos en casa. Elija otra hora:', rebookCanceled: 'Pedir esta visita de nuevo:',
            bookAgain: 'Reservar esta hora', badLink: 'Este enlace no es válido o ha caducado.',
            states: {BOOKED: 'Reservada', SCHEDULED: 'Programada', EN_ROUTE: 'En camino', ON_SITE: 'Técnico en casa',
                COMPLETED: 'Hecha', CANCELED: 'Anulada', CANNOT_COMPLETE: 'No realizada'},
            loading: 'Cargando…', error: 'Algo salió mal: {0}'
        }
    };

    const params = new URLSearchParams(location.search);
    const lang = (params.get('lang') || (navigator.language || 'en')).toLowerCase().startsWith('es') ? 'es' : 'en';
    document.documentElement.lang = lang;

    function t(key, ...args) {
        const text = WORDS[lang][key] ?? WORDS.en[key] ?? key;
        return typeof text === 'string' ? text.replace(/\{(\d)}/g, (m, i) => args[Number(i)] ?? '') : text;
    }

    /** A label in the page's language from a {en: …, es: …} map. */
    function pick(map) {
        return map ? (map[lang] || map.en || '') : '';
    }

    class ApiError extends Error {
        constructor(status, body) {
            super(body && body.message ? body.message : 'HTTP ' + status);
            this.status = status;
            this.body = body;
        }
    }

    async function call(method, path, body, headers = {}) {
        const init = {method, headers: {...headers}};
        if (body !== undefined) {
            init.headers['Content-Type'] = 'application/json';
            init.body = JSON.stringify(body);
        }
        const response = await fetch('/portal/api' + path, init);
        const text = await response.text();
        const json = text ? JSON.parse(text) : null;
        if (!response.ok) throw new ApiError(response.status, json);
        return json;
    }

    function when(start, end, zone) {
        const day = new Intl.DateTimeFormat(lang, {weekday: 'long', day: 'numeric', month: 'long', timeZone: zone});
        const time = new Intl.DateTimeFormat(lang, {hour: '2-digit', minute: '2-digit', timeZone: zone});
        return day.format(new Date(start)) + ', ' + time.format(new Date(start)) + '–' + time.format(new Date(end));
    }

    function dayOf(start, zone) {
        return new Intl.DateTimeFormat(lang, {weekday: 'long', day: 'numeric', month: 'long', timeZone: zone})
            .format(new Date(start));
    }

    function hours(start, end, zone) {
        const time = new Intl.DateTimeFormat(lang, {hour: '2-digit', minute: '2-digit', timeZone: zone});
        return time.format(new Date(start)) + '–' + time.format(new Date(end));
    }

    function moment(instant, zone) {
        return new Intl.DateTimeFormat(lang, {weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit',
            minute: '2-digit', timeZone: zone}).format(new Date(instant));
    }

    /** An element with attributes and children (text or nodes). */
    function el(tag, attrs = {}, ...children) {
        const node = document.createElement(tag);
        for (const [k, v] of Object.entries(attrs)) {
            if (v === false || v == null) continue;
            if (k === 'text') node.textContent = v;
            else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
            else node.setAttribute(k, v === true ? '' : v);
        }
        for (const c of children) node.append(c);
        return node;
    }

    /** Says something to the customer (and to screen readers, through the live region it is in). */
    function say(node, text, kind = '') {
        node.textContent = text;
        node.className = kind;
    }

    /** The page's header: brand, and a link to the same page in the other language. */
    function header() {
        const other = new URL(location.href);
        other.searchParams.set('lang', t('otherLang'));
        document.getElementById('brand').textContent = t('brand');
        const link = document.getElementById('other-language');
        link.textContent = t('other');
        link.href = other.pathname + other.search + other.hash;
        link.lang = t('otherLang');
    }

    /** Radio choices of slots grouped by day, under a fieldset; calls onPick with the chosen slot. */
    function slotChoices(container, slots, zone, name) {
        container.replaceChildren();
        let day = null;
        slots.forEach((slot, i) => {
            const label = dayOf(slot.windowStart, zone);
            if (label !== day) {
                day = label;
                container.append(el('p', {class: 'day', text: label}));
            }
            container.append(el('label', {class: 'choice'},
                el('input', {type: 'radio', name, value: String(i), 'data-start': slot.windowStart}),
                hours(slot.windowStart, slot.windowEnd, zone)));
        });
    }

    return {t, pick, call, when, moment, el, say, header, slotChoices, lang, ApiError};
})();
