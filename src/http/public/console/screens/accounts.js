/*
 * Accounts (admins): list, create, edit roles/languages/queues, disable or
 * enable, reset a password. Every change is made by /api/admin/accounts, which
 * checks the admin role and records it in the audit log.
 */
(function () {
  'use strict';

  var ROLES = ['admin', 'doctor', 'operator'];
  var LANGS = ['bn', 'hi', 'en'];

  SahayConsole.screen('accounts', {
    render: function (el, ctx) {
      var h = ctx.h, t = ctx.t;
      var notice = h('p', { class: 'notice', role: 'status', hidden: true });
      var list = h('ul', { class: 'rows', 'aria-label': t('accounts.title') });
      var createBox = h('div', { hidden: true });
      var newButton = h('button', { type: 'button', class: 'primary', onclick: function () {
        createBox.hidden = !createBox.hidden;
        if (!createBox.hidden) createBox.querySelector('input').focus();
      } }, t('accounts.new'));

      el.appendChild(h('div', { class: 'toolbar' }, h('h1', {}, t('accounts.title')), newButton));
      el.appendChild(notice);
      el.appendChild(createBox);
      el.appendChild(list);

      function say(text) {
        notice.textContent = text;
        notice.hidden = false;
      }

      function checks(name, values, selected, label) {
        return h('div', { class: 'checks' }, values.map(function (v) {
          return h('label', {}, h('input', { type: 'checkbox', name: name, value: v, checked: selected.indexOf(v) >= 0 }), label(v));
        }));
      }

      function checked(form, name) {
        return Array.prototype.filter.call(form.querySelectorAll('input[name="' + name + '"]'), function (i) { return i.checked; })
          .map(function (i) { return i.value; });
      }

      function queuesOf(text) {
        return text.split(',').map(function (q) { return q.trim().toLowerCase(); }).filter(Boolean);
      }

      /* The fields shared by the create and edit forms. */
      function detailFields(a) {
        return [
          h('label', {}, h('span', {}, t('accounts.display_name')),
            h('input', { name: 'displayName', type: 'text', required: true, maxlength: 80, value: a.displayName || '' })),
          h('fieldset', {}, h('legend', {}, t('accounts.roles')), checks('roles', ROLES, a.roles || [], function (r) { return t('roles.' + r); })),
          h('fieldset', {}, h('legend', {}, t('accounts.languages')), checks('languages', LANGS, a.languages || [], function (l) { return t('languages.' + l); })),
          h('label', { class: 'wide' }, h('span', {}, t('accounts.queues')),
            h('input', { name: 'queues', type: 'text', maxlength: 500, value: (a.queues || []).join(', '), autocapitalize: 'none' }),
            h('span', { class: 'hint' }, t('accounts.queues_hint'))),
          h('label', {}, h('span', {}, t('accounts.registration')),
            h('input', { name: 'registration', type: 'text', maxlength: 40, value: a.registration || '', autocapitalize: 'characters', spellcheck: 'false' }),
            h('span', { class: 'hint' }, t('accounts.registration_hint')))
        ];
      }

      function readDetails(form) {
        return {
          displayName: form.elements.displayName.value.trim(),
          roles: checked(form, 'roles'),
          languages: checked(form, 'languages'),
          queues: queuesOf(form.elements.queues.value),
          registration: form.elements.registration.value.trim()
        };
      }

      function submitting(form, call, known, done) {
        var error = form.querySelector('.error');
        var buttons = form.querySelectorAll('button');
        error.hidden = true;
        Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
        return call().then(done, function (err) {
          error.textContent = ctx.errorText(err, known);
          error.hidden = false;
        }).then(function () {
          Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
        });
      }

      /* ----- create ----- */
      var createForm = h('form', { class: 'card grid-form', novalidate: true, 'aria-label': t('accounts.new') },
        h('h2', { class: 'wide' }, t('accounts.new')),
        h('label', {}, h('span', {}, t('accounts.username')),
          h('input', { name: 'username', type: 'text', required: true, maxlength: 32, autocapitalize: 'none', spellcheck: 'false', autocomplete: 'off' }),
          h('span', { class: 'hint' }, t('accounts.username_hint'))),
        detailFields({}),
        h('label', {}, h('span', {}, t('accounts.password')),
          h('input', { name: 'password', type: 'password', required: true, maxlength: 200, autocomplete: 'new-password' }),
          h('span', { class: 'hint' }, t('password.rules'))),
        h('p', { class: 'error wide', role: 'alert', hidden: true }),
        h('div', { class: 'actions wide' },
          h('button', { type: 'submit', class: 'primary' }, t('accounts.create')),
          h('button', { type: 'button', onclick: function () { createForm.reset(); createBox.hidden = true; } }, t('accounts.cancel'))));
      createForm.addEventListener('submit', function (ev) {
        ev.preventDefault();
        var body = readDetails(createForm);
        body.username = createForm.elements.username.value.trim().toLowerCase();
        body.password = createForm.elements.password.value;
        submitting(createForm, function () { return ctx.api('POST', '/api/admin/accounts', body); }, { conflict: 'accounts.taken' }, function (res) {
          createForm.reset();
          createBox.hidden = true;
          say(t('accounts.created', { username: res.account.username }));
          load();
        });
      });
      createBox.appendChild(createForm);

      /* ----- list ----- */
      function row(a) {
        var li = h('li', { 'data-username': a.username });
        var me = a.id === ctx.account.id;
        function show() {
          li.textContent = '';
          li.appendChild(h('div', { class: 'row-title' }, a.displayName, me ? ' (' + t('accounts.you') + ')' : ''));
          li.appendChild(h('div', { class: 'row-sub mono' }, a.username));
          li.appendChild(h('div', {},
            h('span', { class: 'badge ' + (a.active ? 'on' : 'off') }, t(a.active ? 'accounts.active' : 'accounts.disabled')),
            a.roles.map(function (r) { return h('span', { class: 'badge' }, t('roles.' + r)); }),
            a.languages.map(function (l) { return h('span', { class: 'badge', lang: l }, t('languages.' + l)); })));
          if (a.queues.length) li.appendChild(h('div', { class: 'row-sub' }, t('accounts.queues') + ': ' + a.queues.join(', ')));
          if (a.registration) li.appendChild(h('div', { class: 'row-sub' }, t('accounts.registration') + ': ' + a.registration));
          li.appendChild(h('div', { class: 'actions' },
            h('button', { type: 'button', onclick: edit }, t('accounts.edit')),
            h('button', { type: 'button', onclick: resetPassword }, t('accounts.reset_password')),
            a.active
              ? h('button', { type: 'button', class: 'danger', onclick: function () { setActive(false); } }, t('accounts.disable'))
              : h('button', { type: 'button', onclick: function () { setActive(true); } }, t('accounts.enable'))));
        }
        function setActive(active) {
          if (!active && !window.confirm(t('accounts.confirm_disable', { name: a.displayName }))) return;
          ctx.api('PATCH', '/api/admin/accounts/' + encodeURIComponent(a.id), { active: active }).then(function (res) {
            a = res.account;
            say(t(active ? 'accounts.enabled_done' : 'accounts.disabled_done', { name: a.displayName }));
            show();
          }, function (err) {
            window.alert(ctx.errorText(err, { conflict: 'accounts.last_admin' }));
          });
        }
        function edit() {
          li.textContent = '';
          var form = h('form', { class: 'grid-form', novalidate: true },
            h('h2', { class: 'wide' }, a.displayName, ' ', h('span', { class: 'mono muted' }, a.username)),
            detailFields(a),
            h('p', { class: 'error wide', role: 'alert', hidden: true }),
            h('div', { class: 'actions wide' },
              h('button', { type: 'submit', class: 'primary' }, t('accounts.save')),
              h('button', { type: 'button', onclick: show }, t('accounts.cancel'))));
          form.addEventListener('submit', function (ev) {
            ev.preventDefault();
            submitting(form, function () {
              return ctx.api('PATCH', '/api/admin/accounts/' + encodeURIComponent(a.id), readDetails(form));
            }, { conflict: 'accounts.last_admin' }, function (res) {
              a = res.account;
              say(t('accounts.saved'));
              show();
            });
          });
          li.appendChild(form);
          form.elements.displayName.focus();
        }
        function resetPassword() {
          li.textContent = '';
          var form = h('form', { novalidate: true },
            h('h2', {}, t('accounts.reset_password'), ': ', a.displayName),
            h('label', {}, h('span', {}, t('accounts.new_password')),
              h('input', { name: 'password', type: 'password', required: true, maxlength: 200, autocomplete: 'new-password' }),
              h('span', { class: 'hint' }, t('password.rules'))),
            h('p', { class: 'error', role: 'alert', hidden: true }),
            h('div', { class: 'actions' },
              h('button', { type: 'submit', class: 'primary' }, t('accounts.set_password')),
              h('button', { type: 'button', onclick: show }, t('accounts.cancel'))));
          form.addEventListener('submit', function (ev) {
            ev.preventDefault();
            submitting(form, function () {
              return ctx.api('PUT', '/api/admin/accounts/' + encodeURIComponent(a.id) + '/password', { password: form.elements.password.value });
            }, { bad_request: 'password.rules' }, function () {
              say(t('accounts.password_set', { name: a.displayName }));
              show();
            });
          });
          li.appendChild(form);
          form.elements.password.focus();
        }
        show();
        return li;
      }

      function load() {
        return ctx.api('GET', '/api/admin/accounts').then(function (res) {
          list.textContent = '';
          if (!res.accounts.length) list.appendChild(h('li', { class: 'muted' }, t('accounts.empty')));
          res.accounts.forEach(function (a) { list.appendChild(row(a)); });
        });
      }

      return load();
    }
  });
})();
