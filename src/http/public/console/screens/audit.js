/*
 * The audit log (admins): newest first, filtered by person, action and date,
 * fifty at a time. The same log is on the command line: `sahay audit`.
 */
(function () {
  'use strict';

  /* Offered in the action filter; other modules' actions can be typed in. */
  var KNOWN_ACTIONS = [
    'auth.signed_in', 'auth.sign_in_failed', 'auth.signed_out',
    'account.created', 'account.updated', 'account.disabled', 'account.enabled',
    'account.password_reset', 'account.password_changed'
  ];

  SahayConsole.screen('audit', {
    render: function (el, ctx) {
      var h = ctx.h, t = ctx.t;
      var body = h('tbody');
      var more = h('button', { type: 'button', hidden: true }, t('audit.more'));
      var status = h('p', { class: 'muted', role: 'status' });
      var actor = h('select', { name: 'actor', class: 'field' }, h('option', { value: '' }, t('audit.everyone')));
      var actions = h('datalist', { id: 'audit-actions' }, KNOWN_ACTIONS.map(function (a) { return h('option', { value: a }); }));
      var form = h('form', { class: 'card filters', novalidate: true },
        h('label', {}, h('span', {}, t('audit.who')), actor),
        h('label', {}, h('span', {}, t('audit.action')),
          h('input', { name: 'action', type: 'text', list: 'audit-actions', autocapitalize: 'none', spellcheck: 'false', placeholder: t('audit.any_action') })),
        actions,
        h('label', {}, h('span', {}, t('audit.since')), h('input', { name: 'since', type: 'date' })),
        h('button', { type: 'submit', class: 'primary' }, t('audit.show')));

      el.appendChild(h('h1', {}, t('audit.title')));
      el.appendChild(form);
      el.appendChild(h('table', { class: 'audit' },
        h('thead', {}, h('tr', {}, ['when', 'who', 'action', 'record', 'details', 'from'].map(function (c) { return h('th', { scope: 'col' }, t('audit.' + c)); }))),
        body));
      el.appendChild(status);
      el.appendChild(more);

      var next = null;
      var filters = {};

      function who(e) {
        if (e.actor) return e.actor.displayName ? e.actor.displayName + ' (' + e.actor.username + ')' : e.actor.id;
        var via = e.details && e.details.via;
        return via === 'cli' ? t('audit.command_line') : via === 'schedule' ? t('audit.schedule') : t('audit.unknown');
      }

      function details(d) {
        return Object.keys(d || {}).filter(function (k) { return k !== 'via'; }).map(function (k) { return k + '=' + String(d[k]); }).join(' ');
      }

      function cell(label, content, cls) {
        return h('td', { 'data-label': t('audit.' + label), class: cls }, content);
      }

      function query() {
        var parts = ['limit=50'];
        Object.keys(filters).forEach(function (k) { if (filters[k]) parts.push(k + '=' + encodeURIComponent(filters[k])); });
        if (next) parts.push('before=' + encodeURIComponent(next));
        return '/api/admin/audit?' + parts.join('&');
      }

      function page(reset) {
        more.disabled = true;
        return ctx.api('GET', query()).then(function (res) {
          if (reset) body.textContent = '';
          res.entries.forEach(function (e) {
            body.appendChild(h('tr', {},
              cell('when', ctx.formatTime(e.at)),
              cell('who', who(e)),
              cell('action', h('code', {}, e.action), 'action'),
              cell('record', e.target ? h('code', {}, e.target.type + ':' + (e.target.id || '')) : '—'),
              cell('details', details(e.details), 'mono'),
              cell('from', e.ipHash ? h('code', { title: t('audit.ip_hash') }, '#' + e.ipHash) : '—')));
          });
          next = res.next;
          more.hidden = !next;
          status.textContent = body.children.length ? '' : t('audit.empty');
        }).then(function () { more.disabled = false; }, function (err) {
          more.disabled = false;
          status.textContent = ctx.errorText(err);
        });
      }

      form.addEventListener('submit', function (ev) {
        ev.preventDefault();
        var since = form.elements.since.value;
        filters = {
          actor: actor.value,
          action: form.elements.action.value.trim(),
          /* The start of that day in the browser's time zone. */
          since: since ? String(new Date(since + 'T00:00:00').getTime()) : ''
        };
        next = null;
        page(true);
      });
      more.addEventListener('click', function () { page(false); });

      return ctx.api('GET', '/api/admin/accounts').then(function (res) {
        res.accounts.forEach(function (a) { actor.appendChild(h('option', { value: a.id }, a.displayName + ' (' + a.username + ')')); });
        return page(true);
      });
    }
  });
})();
