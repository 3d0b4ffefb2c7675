/*
 * Hand-off statistics (admins): each queue now (waiting, with a person, over the SLA,
 * longest wait) and, per day, tickets opened, how long patients waited for a person,
 * and how tickets ended.
 */
(function () {
  'use strict';

  if (!document.querySelector('link[data-handoff]')) {
    var css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = 'screens/handoff.css';
    css.setAttribute('data-handoff', '');
    document.head.appendChild(css);
  }

  SahayConsole.screen('handoff-stats', {
    render: function (el, ctx) {
      var h = ctx.h, t = ctx.t;
      var days = h('select', { class: 'field', 'aria-label': t('handoff.stats.days_label') },
        [7, 14, 30, 90].map(function (n) { return h('option', { value: n }, String(n)); }));
      var body = h('div');
      el.appendChild(h('div', { class: 'toolbar' }, h('h1', {}, t('handoff.stats.title')), h('label', {}, h('span', {}, t('handoff.stats.days_label')), days)));
      el.appendChild(body);

      function cell(v) { return h('td', {}, v === null || v === undefined ? '—' : String(v)); }

      function show(s) {
        body.textContent = '';
        body.appendChild(h('h2', {}, t('handoff.stats.now')));
        body.appendChild(h('table', { class: 'stats' },
          h('thead', {}, h('tr', {}, ['queue', 'waiting', 'assigned', 'over_sla', 'emergencies', 'longest'].map(function (k) { return h('th', {}, t('handoff.stats.' + k)); }))),
          h('tbody', {}, s.now.map(function (q) {
            return h('tr', { 'data-queue': q.queue }, h('td', { class: 'mono' }, q.queue), cell(q.waiting), cell(q.assigned), cell(q.overSla), cell(q.emergencies), cell(q.longestWaitMinutes));
          }))));
        body.appendChild(h('h2', {}, t('handoff.stats.per_day')));
        body.appendChild(h('p', { class: 'muted' }, t('handoff.stats.time_zone', { tz: s.timeZone })));
        body.appendChild(h('table', { class: 'stats' },
          h('thead', {}, h('tr', {}, ['date', 'opened', 'emergencies', 'taken', 'median_wait', 'longest', 'outcomes', 'rating'].map(function (k) { return h('th', {}, t('handoff.stats.' + k)); }))),
          h('tbody', {}, s.days.slice().reverse().map(function (d) {
            var outcomes = Object.keys(d.outcomes).map(function (o) { return t('handoff.outcomes.' + o) + ': ' + d.outcomes[o]; }).join(', ');
            return h('tr', { 'data-date': d.date }, h('td', { class: 'mono' }, d.date), cell(d.opened), cell(d.emergencies), cell(d.taken),
              cell(d.medianWaitMinutes), cell(d.longestWaitMinutes), cell(outcomes || null),
              cell(d.averageRating === null ? null : d.averageRating + ' (' + d.ratings + ')'));
          }))));
      }

      function load() {
        return ctx.api('GET', '/api/admin/handoff/stats?days=' + encodeURIComponent(days.value)).then(show);
      }
      days.addEventListener('change', function () { load().catch(function (err) { body.textContent = ctx.errorText(err); }); });
      return load();
    }
  });
})();
