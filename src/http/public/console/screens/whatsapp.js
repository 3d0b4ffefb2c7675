/*
 * WhatsApp: is the phone linked? While it waits for a phone, the QR code to scan
 * (WhatsApp → Linked devices → Link a device). Refreshes every few seconds.
 */
(function () {
  'use strict';

  SahayConsole.screen('whatsapp', {
    render: function (el, ctx) {
      var h = ctx.h, t = ctx.t;
      el.appendChild(h('h1', {}, t('whatsapp.title')));
      var card = h('div', { class: 'card', 'aria-live': 'polite' });
      el.appendChild(card);
      var timer = null;

      function when(ms) {
        return ms ? new Date(ms).toLocaleString() : '—';
      }
      function show(s) {
        card.textContent = '';
        if (!s.enabled) {
          card.appendChild(h('p', {}, t('whatsapp.disabled')));
          return;
        }
        card.appendChild(h('p', {}, h('span', { class: 'muted' }, t('whatsapp.state') + ': '), h('span', { class: 'badge' }, t('whatsapp.states.' + s.state))));
        card.appendChild(h('p', {}, h('span', { class: 'muted' }, t('whatsapp.since') + ': '), when(s.since)));
        if (s.reason) card.appendChild(h('p', {}, h('span', { class: 'muted' }, t('whatsapp.reason') + ': '), s.reason + (s.detail ? ' (' + s.detail + ')' : '')));
        if (s.nextAttemptAt) card.appendChild(h('p', {}, h('span', { class: 'muted' }, t('whatsapp.next_attempt') + ': '), when(s.nextAttemptAt)));
        card.appendChild(h('p', {}, h('span', { class: 'muted' }, t('whatsapp.restarts') + ': '), String(s.restarts)));
        if (s.qr) {
          card.appendChild(h('p', {}, t('whatsapp.scan')));
          card.appendChild(h('img', { src: s.qr, alt: t('whatsapp.qr_alt'), width: 320, height: 320 }));
        }
      }
      function load() {
        ctx.api('GET', '/api/admin/whatsapp/link').then(show, function (err) {
          card.textContent = ctx.errorText(err);
        });
      }
      load();
      timer = setInterval(function () {
        if (!document.body.contains(el)) return clearInterval(timer);
        load();
      }, 5000);
    }
  });
})();
