// Every word the phone app shows, in English and Spanish: the one place to change or add a text. The language is
// ?lang= (saved), else the one chosen with the header's switch, else the phone's (navigator.languages), else English.
'use strict';

const I18n = (() => {
    const WORDS = {
        en: {
            title: 'Fieldcast — my day', switchTo: 'Español', languageName: 'English',
            online: 'online', offline: 'offline', waiting: '{0} waiting', waitingTitle: 'Waiting to be sent',
            signIn: 'Sign in', technicianId: 'Technician id', secret: 'Code or PIN', logIn: 'Log in',
            loginFailed: 'Login failed', loginOffline: 'No network: log in once you are online',
            dayNav: 'Today', list: 'List', map: 'Map', startShift: 'Start shift (GPS)', onShift: 'On shift (GPS on)',
            visitsHeading: "Today's visits", dayTitle: '{0} · plan {1} · {2} visits',
            noRoute: 'No route published for today yet.', routeFailed: 'Could not load the route',
            offlineRoute: 'Offline: showing the route as last loaded.', gps: 'GPS: {0}',
            logOut: 'Log out',
            status: {PLANNED: 'Planned', EN_ROUTE: 'On my way', ARRIVED: 'Arrived', COMPLETED: 'Completed',
                CANNOT_COMPLETE: "Can't complete", CANCELED: 'Canceled'},
            action: {EN_ROUTE: 'On my way', ARRIVED: 'Arrived', COMPLETED: 'Completed',
                CANNOT_COMPLETE: "Can't complete"},
            waitingToSend: '(waiting to send)', window: 'window {0}–{1}', planned: 'planned {0}',
            told: "Customer told {0}–{1} — don't ring before {0}", notes: 'Notes:',
            call: 'Call', navigate: 'Navigate', osm: 'Route in OSM', opensNewTab: '(opens a new tab)',
            gpsPoints: '{0} GPS points',
            timeLeft: 'Time left', timeLeftButton: '{0} min', timeLeftSaid: 'About {0} min left, said at {1}',
            timeLeftItem: 'about {0} min left',
            timeLeftAsked: 'Your next customer is waiting for a time. About how long is left here?',
            cantComplete: "Can't complete", reason: 'Reason', note: 'Note (optional)', back: 'Back',
            reasons: {CUSTOMER_NOT_HOME: 'Customer not home', NO_ACCESS: 'No access', PARTS_MISSING: 'Parts missing',
                WRONG_SKILL: 'Needs another skill', UNSAFE: 'Unsafe', CUSTOMER_DECLINED: 'Customer declined',
                OUT_OF_TIME: 'Out of time', OTHER: 'Other'},
            mapNotLoaded: 'Map not loaded yet', nothingToDraw: 'Nothing to draw',
            mapLabel: "Map of today's route: {0} stops in driving order",
        },
        es: {
            title: 'Fieldcast — mi día', switchTo: 'English', languageName: 'Español',
            online: 'en línea', offline: 'sin conexión', waiting: '{0} pendientes', waitingTitle: 'Pendientes de envío',
            signIn: 'Iniciar sesión', technicianId: 'Id de técnico', secret: 'Código o PIN', logIn: 'Entrar',
            loginFailed: 'No se pudo iniciar sesión',
            loginOffline: 'Sin red: inicie sesión cuando tenga conexión',
            dayNav: 'Hoy', list: 'Lista', map: 'Mapa', startShift: 'Empezar turno (GPS)',
            onShift: 'En turno (GPS activo)',
            visitsHeading: 'Visitas de hoy', dayTitle: '{0} · plan {1} · {2} visitas',
            noRoute: 'Todavía no hay ruta publicada para hoy.', routeFailed: 'No se pudo cargar la ruta',
            offlineRoute: 'Sin conexión: se muestra la ruta cargada por última vez.', gps: 'GPS: {0}',
            logOut: 'Cerrar sesión',
            status: {PLANNED: 'Planificada', EN_ROUTE: 'En camino', ARRIVED: 'En el sitio', COMPLETED: 'Hecha',
                CANNOT_COMPLETE: 'No se puede hacer', CANCELED: 'Anulada'},
            action: {EN_ROUTE: 'Voy de camino', ARRIVED: 'He llegado', COMPLETED: 'Terminada',
                CANNOT_COMPLETE: 'No se puede hacer'},
            waitingToSend: '(pendiente de envío)', window: 'franja {0}–{1}', planned: 'prevista {0}',
            told: 'Al cliente se le dijo {0}–{1}: no llame antes de las {0}', notes: 'Notas:',
            call: 'Llamar', navigate: 'Navegar', osm: 'Ruta en OSM', opensNewTab: '(se abre en otra pestaña)',
            gpsPoints: '{0} puntos GPS',
            timeLeft: 'Tiempo restante', timeLeftButton: '{0} min',
            timeLeftSaid: 'Quedan unos {0} min, dicho a las {1}', timeLeftItem: 'quedan unos {0} min',
            timeLeftAsked: 'Su próximo cliente espera que le digamos una hora. ¿Cuánto falta aquí, más o menos?',
            cantComplete: 'No se puede hacer', reason: 'Motivo', note: 'Nota (opcional)', back: 'Volver',
            reasons: {CUSTOMER_NOT_HOME: 'El cliente no está', NO_ACCESS: 'Sin acceso', PARTS_MISSING: 'Faltan piezas',
                WRONG_SKILL: 'Hace falta otro oficio', UNSAFE: 'No es seguro', CUSTOMER_DECLINED: 'El cliente no quiere',
                OUT_OF_TIME: 'Sin tiempo', OTHER: 'Otro'},
            mapNotLoaded: 'El mapa aún no se ha cargado', nothingToDraw: 'Nada que dibujar',
            mapLabel: 'Mapa de la ruta de hoy: {0} paradas en orden',
        },
    };
    const SUPPORTED = Object.keys(WORDS);
    const KEY = 'fieldcast.lang';

    function supported(tag) {
        const base = String(tag || '').toLowerCase().split('-')[0];
        return SUPPORTED.includes(base) ? base : null;
    }

    function initial() {
        const asked = supported(new URLSearchParams(location.search).get('lang'));
        if (asked) localStorage.setItem(KEY, asked);
        return asked || supported(localStorage.getItem(KEY))
            || (navigator.languages || [navigator.language]).map(supported).find(Boolean) || 'en';
    }

    let lang = initial();

    /** The text for a key ("status.EN_ROUTE" reaches into a group), {0}, {1}… filled in. */
    function t(key, ...args) {
        const find = words => key.split('.').reduce((o, k) => (o == null ? undefined : o[k]), words);
        const text = find(WORDS[lang]) ?? find(WORDS.en) ?? key;
        return String(text).replace(/\{(\d)}/g, (m, i) => args[Number(i)] ?? '');
    }

    /** Fills every [data-i18n] element's text (and [data-i18n-label]'s aria-label) in the page's language. */
    function apply(root = document) {
        document.documentElement.lang = lang;
        document.title = t('title');
        root.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
        root.querySelectorAll('[data-i18n-label]').forEach(e => e.setAttribute('aria-label', t(e.dataset.i18nLabel)));
        root.querySelectorAll('[data-i18n-placeholder]').forEach(e => { e.placeholder = t(e.dataset.i18nPlaceholder); });
    }

    function other() {
        return SUPPORTED.find(l => l !== lang);
    }

    /** Switches language, remembers it on this phone, and re-fills the page. */
    function use(next) {
        lang = supported(next) || 'en';
        localStorage.setItem(KEY, lang);
        apply();
    }

    return {t, apply, use, other, get lang() { return lang; }};
})();
