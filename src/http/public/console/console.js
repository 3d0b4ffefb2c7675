/*
 * The Sahay console shell: sign-in, language, navigation, and the screens that
 * modules plug in. Plain JavaScript, no build step, no libraries.
 *
 * A screen is a script under screens/ that registers itself:
 *
 *   SahayConsole.screen('beds', {
 *     render: function (el, ctx) {            // el: an empty element to fill
 *       el.appendChild(ctx.h('h1', {}, ctx.t('nav.beds')));
 *       return ctx.api('GET', '/api/admin/beds').then(function (data) { ... });
 *     }
 *   });
 *
 * The server decides which screens an account sees (GET /api/console/session → nav)
 * and loads nothing else; the APIs behind a screen check the roles again.
 * Everything from the server is put on the page with textContent (ctx.h does so),
 * never as HTML.
 */
(function () {
  'use strict';

  var LANG_KEY = 'sahay.console.lang';
  var LANGS = ['en', 'bn', 'hi'];

  var state = {
    lang: 'en',
    strings: {},
    fallback: {},
    session: null,   /* { account, csrfToken, nav, idleMinutes } */
    screens: {},     /* id → definition, filled by screen scripts */
    loading: {},     /* script path → Promise */
    renderSeq: 0,
    lastCall: 0      /* when the server last saw this page (ms), for the idle timeout */
  };

  var $ = function (id) { return document.getElementById(id); };

  /* ---------- DOM and text ---------- */

  /* h('p', { class: 'x', onclick: fn }, 'text', child, [more]) — text always as text nodes. */
  function h(tag, attrs) {
    var el = document.createElement(tag);
    var a = attrs || {};
    Object.keys(a).forEach(function (k) {
      var v = a[k];
      if (v === undefined || v === null || v === false) return;
      if (k.slice(0, 2) === 'on' && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (v === true) el.setAttribute(k, '');
      else el.setAttribute(k, String(v));
    });
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }

  function append(el, child) {
    if (child === undefined || child === null || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(el, c); }); return; }
    el.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }

  function lookup(tree, key) {
    return key.split('.').reduce(function (node, part) { return node && typeof node === 'object' ? node[part] : undefined; }, tree);
  }

  /* t('accounts.created', { username: 'rita' }) — this language, else English, else the key. */
  function t(key, params) {
    var s = lookup(state.strings, key);
    if (typeof s !== 'string' || s === '') s = lookup(state.fallback, key);
    if (typeof s !== 'string') return key;
    return s.replace(/\{\{\s*(\w+)\s*\}\}/g, function (m, name) {
      return params && params[name] !== undefined ? String(params[name]) : m;
    });
  }

  function translatePage(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll('[data-t]'), function (el) {
      el.textContent = t(el.getAttribute('data-t'));
    });
  }

  function fetchStrings(lang) {
    return fetch('locales/' + lang + '.json', { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) throw new Error('strings ' + r.status);
      return r.json();
    });
  }

  function setLanguage(lang) {
    if (LANGS.indexOf(lang) < 0) lang = 'en';
    return Promise.all([fetchStrings(lang), lang === 'en' ? null : fetchStrings('en')]).then(function (both) {
      state.lang = lang;
      state.strings = both[0];
      state.fallback = both[1] || both[0];
      document.documentElement.lang = lang;
      document.title = t('app.title');
      $('lang').value = lang;
      try { window.localStorage.setItem(LANG_KEY, lang); } catch (e) { /* private mode */ }
      translatePage();
    });
  }

  function initialLanguage() {
    try {
      var saved = window.localStorage.getItem(LANG_KEY);
      if (saved && LANGS.indexOf(saved) >= 0) return saved;
    } catch (e) { /* private mode */ }
    var nav = (navigator.languages || [navigator.language || 'en']).map(function (l) { return String(l).slice(0, 2).toLowerCase(); });
    for (var i = 0; i < nav.length; i++) if (LANGS.indexOf(nav[i]) >= 0) return nav[i];
    return 'en';
  }

  function formatTime(ms) {
    try {
      return new Date(ms).toLocaleString(state.lang === 'en' ? 'en-GB' : state.lang + '-IN', { dateStyle: 'medium', timeStyle: 'short' });
    } catch (e) {
      return new Date(ms).toISOString();
    }
  }

  /* ---------- API ---------- */

  function ApiError(status, body, retryAfter) {
    this.status = status;
    this.code = body && body.error ? body.error.code : 'network';
    this.message = body && body.error ? body.error.message : '';
    this.details = body && body.error ? body.error.details : undefined;
    this.retryAfter = retryAfter;
  }

  /* api('POST', '/api/admin/accounts', body) → the JSON answer; rejects with an ApiError. */
  function api(method, path, body) {
    var headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && state.session) headers['X-CSRF-Token'] = state.session.csrfToken;
    state.lastCall = Date.now();
    return fetch(path, {
      method: method,
      headers: headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (res) {
      var type = res.headers.get('Content-Type') || '';
      var parsed = type.indexOf('json') >= 0 ? res.json() : Promise.resolve(null);
      return parsed.then(function (data) {
        if (res.ok) return data;
        var err = new ApiError(res.status, data, Number(res.headers.get('Retry-After')) || 0);
        /* The session ended (idle, signed out elsewhere, account disabled): back to sign-in. */
        if (res.status === 401 && state.session && path !== '/api/console/session') {
          state.session = null;
          showSignIn('signin.ended');
        }
        throw err;
      });
    }, function () {
      throw new ApiError(0, null, 0);
    });
  }

  /* The text to show for a failed call; `known` maps codes or statuses to string keys. */
  function errorText(err, known) {
    var k = known || {};
    if (k[err.code]) return t(k[err.code]);
    if (k[err.status]) return t(k[err.status]);
    if (err.status === 0) return t('errors.network');
    if (err.status === 403) return t('errors.no_access');
    /* A wait of seconds is the server busy checking other sign-ins at that moment, not failed attempts. */
    if (err.status === 429 && err.retryAfter > 0 && err.retryAfter < 60) return t('errors.busy', { seconds: err.retryAfter });
    if (err.status === 429) return t('errors.throttled', { minutes: Math.max(1, Math.ceil(err.retryAfter / 60)) });
    if (err.status === 400 && Array.isArray(err.details)) {
      return t('errors.invalid', { fields: err.details.map(function (d) { return fieldName(d.path); }).join(', ') });
    }
    return t('errors.generic');
  }

  function fieldName(path) {
    var key = 'fields.' + String(path).split('.')[0];
    var name = t(key);
    return name === key ? String(path) : name;
  }

  /* ---------- sign-in ---------- */

  function showSignIn(noticeKey) {
    $('who').hidden = true;
    $('who-name').textContent = '';
    $('nav').hidden = true;
    $('nav').textContent = '';
    var main = $('main');
    main.textContent = '';
    var form = $('sign-in-template').content.firstElementChild.cloneNode(true);
    main.appendChild(form);
    translatePage(form);
    var notice = form.querySelector('.notice');
    if (noticeKey) { notice.textContent = t(noticeKey); notice.hidden = false; }
    var error = form.querySelector('.error');
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var button = form.querySelector('button');
      error.hidden = true;
      notice.hidden = true;
      var username = form.elements.username.value.trim();
      var password = form.elements.password.value;
      if (!username || !password) {
        error.textContent = t('signin.missing');
        error.hidden = false;
        return;
      }
      button.disabled = true;
      api('POST', '/api/console/session', { username: username, password: password }).then(function (session) {
        form.elements.password.value = '';
        startSession(session, '#/home');
      }, function (err) {
        button.disabled = false;
        form.elements.password.value = '';
        error.textContent = errorText(err, { 401: 'signin.wrong' });
        error.hidden = false;
        form.elements.password.focus();
      });
    });
    form.elements.username.focus();
  }

  /* Drafts screens keep for this tab (sessionStorage 'sahay.console.draft.…') outlive a session
     that ends on its own, so that nothing typed is lost; signing out is done with them. */
  function forgetDrafts() {
    try {
      var store = window.sessionStorage;
      for (var i = store.length - 1; i >= 0; i--) {
        var key = store.key(i);
        if (key && key.indexOf('sahay.console.draft.') === 0) store.removeItem(key);
      }
    } catch (e) { /* private mode */ }
  }

  function signOut() {
    api('DELETE', '/api/console/session').then(function () {
      state.session = null;
      forgetDrafts();
      if (location.hash !== '#/home') history.replaceState(null, '', '#/home');
      showSignIn('signin.signed_out');
    }, function (err) {
      if (err.status === 401) return; /* already signed out: api() showed the sign-in */
      window.alert(errorText(err));
    });
  }

  /* ---------- navigation and screens ---------- */

  function startSession(session, hash) {
    state.session = session;
    $('who-name').textContent = session.account.displayName;
    $('who-name').title = session.account.username;
    $('who').hidden = false;
    renderNav();
    /* Keep a deep link (#/audit) the user arrived with; otherwise start at home. */
    if (hash && !location.hash) history.replaceState(null, '', hash);
    route();
  }

  function currentId() {
    var m = /^#\/([a-z][a-z0-9-]*)/.exec(location.hash || '');
    return m ? m[1] : 'home';
  }

  function renderNav() {
    var nav = $('nav');
    nav.textContent = '';
    state.session.nav.forEach(function (item) {
      nav.appendChild(h('a', { href: '#/' + item.id, 'data-screen': item.id }, t(item.label)));
    });
    nav.hidden = false;
    markNav();
  }

  function markNav() {
    var id = currentId();
    Array.prototype.forEach.call($('nav').querySelectorAll('a'), function (a) {
      if (a.getAttribute('data-screen') === id) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
  }

  function loadScript(path) {
    if (!state.loading[path]) {
      state.loading[path] = new Promise(function (resolve, reject) {
        var s = document.createElement('script');
        s.src = path;
        s.onload = resolve;
        s.onerror = function () { delete state.loading[path]; reject(new ApiError(0, null, 0)); };
        document.head.appendChild(s);
      });
    }
    return state.loading[path];
  }

  function context() {
    return {
      h: h,
      t: t,
      api: api,
      errorText: errorText,
      formatTime: formatTime,
      account: state.session.account,
      lang: state.lang,
      /* Re-render the current screen (after a change). */
      refresh: route
    };
  }

  function route() {
    if (!state.session) return;
    markNav();
    var id = currentId();
    var seq = ++state.renderSeq;
    var main = $('main');
    main.textContent = '';
    var item = state.session.nav.filter(function (n) { return n.id === id; })[0];
    if (!item) {
      /* Not in this account's navigation: either no such screen or not for this role. */
      main.appendChild(h('section', { class: 'card', 'data-state': 'no-access' },
        h('h1', {}, t('errors.no_access_title')),
        h('p', {}, t('errors.no_access')),
        h('p', {}, h('a', { href: '#/home' }, t('nav.home')))));
      return;
    }
    main.appendChild(h('p', { class: 'muted' }, t('app.loading')));
    loadScript(item.script).then(function () {
      if (seq !== state.renderSeq) return;
      var screen = state.screens[id];
      main.textContent = '';
      var el = h('section', { 'data-screen': id });
      main.appendChild(el);
      if (!screen) throw new Error('screen ' + id + ' did not register');
      return screen.render(el, context());
    }).catch(function (err) {
      if (seq !== state.renderSeq || (err && err.status === 401)) return;
      main.textContent = '';
      main.appendChild(h('p', { class: 'error', role: 'alert' }, errorText(err instanceof ApiError ? err : new ApiError(500, null, 0))));
    });
  }

  /*
   * The server ends a session after idleMinutes without a request. Screens show patient
   * data, so the page clears itself then too, rather than leaving it on an unattended screen.
   */
  window.setInterval(function () {
    if (state.session && Date.now() - state.lastCall > state.session.idleMinutes * 60000 + 5000) {
      state.session = null;
      showSignIn('signin.ended');
    }
  }, 15000);

  window.SahayConsole = {
    /* Called by each screen script once loaded. */
    screen: function (id, definition) { state.screens[id] = definition; }
  };

  /* ---------- start ---------- */

  $('lang').addEventListener('change', function (ev) {
    setLanguage(ev.target.value).then(function () {
      if (state.session) { renderNav(); route(); } else showSignIn();
    });
  });
  $('sign-out').addEventListener('click', signOut);
  window.addEventListener('hashchange', route);

  setLanguage(initialLanguage()).then(function () {
    return api('GET', '/api/console/session').then(function (session) {
      startSession(session);
    }, function (err) {
      if (err.status === 401) showSignIn();
      else $('main').textContent = errorText(err);
    });
  }).catch(function () {
    $('main').textContent = 'The console could not load. Check the connection and reload.';
  });
})();
