/*
 * Home: who is signed in, with what roles, languages and queues, and changing
 * one's own password. Also the smallest complete example of a console screen.
 */
(function () {
  'use strict';

  SahayConsole.screen('home', {
    render: function (el, ctx) {
      var h = ctx.h, t = ctx.t, a = ctx.account;
      var list = function (items, prefix) {
        return items.length ? items.map(function (x) { return h('span', { class: 'badge' }, prefix ? t(prefix + x) : x); }) : t('home.none');
      };
      el.appendChild(h('h1', {}, t('home.welcome', { name: a.displayName })));
      el.appendChild(h('div', { class: 'card' },
        h('p', {}, h('span', { class: 'muted' }, t('home.username') + ': '), h('span', { class: 'mono' }, a.username)),
        h('p', {}, h('span', { class: 'muted' }, t('home.roles') + ': '), list(a.roles, 'roles.')),
        h('p', {}, h('span', { class: 'muted' }, t('home.languages') + ': '), list(a.languages, 'languages.')),
        h('p', {}, h('span', { class: 'muted' }, t('home.queues') + ': '), list(a.queues))));

      var notice = h('p', { class: 'notice', role: 'status', hidden: true });
      var error = h('p', { class: 'error', role: 'alert', hidden: true });
      var form = h('form', { class: 'card', novalidate: true },
        h('h2', {}, t('home.change_password')),
        notice,
        h('label', {}, h('span', {}, t('home.current_password')),
          h('input', { name: 'current', type: 'password', autocomplete: 'current-password', required: true, maxlength: 200 })),
        h('label', {}, h('span', {}, t('home.new_password')),
          h('input', { name: 'password', type: 'password', autocomplete: 'new-password', required: true, maxlength: 200 }),
          h('span', { class: 'hint' }, t('password.rules'))),
        h('label', {}, h('span', {}, t('home.repeat_password')),
          h('input', { name: 'again', type: 'password', autocomplete: 'new-password', required: true, maxlength: 200 })),
        error,
        h('button', { type: 'submit', class: 'primary' }, t('home.save_password')));
      form.addEventListener('submit', function (ev) {
        ev.preventDefault();
        notice.hidden = error.hidden = true;
        var f = form.elements;
        if (f.password.value !== f.again.value) {
          error.textContent = t('home.passwords_differ');
          error.hidden = false;
          return;
        }
        var button = form.querySelector('button');
        button.disabled = true;
        ctx.api('PUT', '/api/console/password', { current: f.current.value, password: f.password.value }).then(function () {
          form.reset();
          notice.textContent = t('home.password_changed');
          notice.hidden = false;
        }, function (err) {
          var wrongCurrent = err.status === 400 && Array.isArray(err.details) && err.details.some(function (d) { return d.path === 'current'; });
          error.textContent = wrongCurrent ? t('home.wrong_current') : err.status === 400 ? t('password.rules') : ctx.errorText(err);
          error.hidden = false;
        }).then(function () { button.disabled = false; });
      });
      el.appendChild(form);
    }
  });
})();
