/*
 * Follow-up (operators, doctors): patients with daily check-ins, their readings as a small
 * chart (SpO2 and temperature per day, drawn as inline SVG), the open "call this patient"
 * tasks, and pause / resume / extend / end. The patients come a page of each state at a
 * time, with "Show more" under a state's list while it has more. The API is
 * src/followup/console-routes.ts.
 */
(function () {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';
  /* The order the lists are shown in, as the API gives their first pages. */
  var STATES = ['active', 'paused', 'ended'];

  function svg(name, attrs) {
    var el = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, String(attrs[k])); });
    return el;
  }

  /* One line per series over the check-ins (x: day), with a dot per reading and a gap for a missed day. */
  function chart(checkins, t) {
    var w = 280, hgt = 90, pad = 16;
    var root = svg('svg', { width: w, height: hgt, viewBox: '0 0 ' + w + ' ' + hgt, role: 'img', 'aria-label': t('followup.chart') });
    var n = Math.max(checkins.length, 2);
    var x = function (i) { return pad + (i * (w - 2 * pad)) / (n - 1); };
    var series = [
      { key: 'spo2', min: 85, max: 100, color: '#1565c0' },
      { key: 'temperature', min: 35, max: 41, color: '#c62828' },
    ];
    /* The SpO2 94% line: below it the patient needs a doctor. */
    var y94 = hgt - pad - ((94 - 85) * (hgt - 2 * pad)) / 15;
    root.appendChild(svg('line', { x1: pad, x2: w - pad, y1: y94, y2: y94, stroke: '#90a4ae', 'stroke-dasharray': '3 3' }));
    series.forEach(function (s) {
      var d = '';
      checkins.forEach(function (c, i) {
        var v = c.reading && c.reading[s.key];
        if (typeof v !== 'number') { d += ' '; return; }
        var clamped = Math.min(s.max, Math.max(s.min, v));
        var y = hgt - pad - ((clamped - s.min) * (hgt - 2 * pad)) / (s.max - s.min);
        d += (d.trim() === '' || /\s$/.test(d) ? ' M' : ' L') + x(i).toFixed(1) + ' ' + y.toFixed(1);
        var dot = svg('circle', { cx: x(i).toFixed(1), cy: y.toFixed(1), r: 3, fill: s.color });
        var title = svg('title');
        title.textContent = t('followup.' + s.key) + ': ' + v;
        dot.appendChild(title);
        root.appendChild(dot);
      });
      if (d.trim()) root.appendChild(svg('path', { d: d.trim(), fill: 'none', stroke: s.color, 'stroke-width': 1.5 }));
    });
    checkins.forEach(function (c, i) {
      if (c.state === 'missed') root.appendChild(svg('text', { x: x(i), y: hgt - 2, 'text-anchor': 'middle', 'font-size': 10, fill: '#b71c1c' })).textContent = '×';
    });
    return root;
  }

  SahayConsole.screen('followup', {
    render: function (el, ctx) {
      var h = ctx.h, t = ctx.t;
      var status = h('p', { class: 'muted', role: 'status' });
      var tasksList = h('ul', { class: 'rows' });
      var lists = {}, more = {}, next = {};
      STATES.forEach(function (state) {
        lists[state] = h('ul', { class: 'rows' });
        more[state] = h('button', { type: 'button', hidden: true }, t('followup.more', { state: t('followup.state.' + state) }));
        more[state].addEventListener('click', function () { showMore(state); });
      });
      /* Counts the loads from the start, so that a page asked for before a reload is not added after it. */
      var loads = 0;

      function act(path, body) {
        return ctx.api('POST', path, body).then(load, function (err) { status.textContent = ctx.errorText(err); });
      }

      /* A triage level by its name (the hand-off screen's), or its code when it has none. */
      function levelName(level) {
        var key = 'handoff.level.' + level;
        var name = t(key);
        return name === key ? level : name;
      }

      function taskRow(task) {
        var done = h('button', { type: 'button' }, t('followup.task_done'));
        done.addEventListener('click', function () { done.disabled = true; act('/api/operator/followups/tasks/' + encodeURIComponent(task.id) + '/done'); });
        return h('li', {},
          h('div', { class: 'row-title' }, t('followup.task.' + task.kind), ' ', h('span', { class: 'badge off' }, ctx.formatTime(task.createdAt))),
          h('div', { class: 'row-sub mono' }, task.conversationId),
          h('div', { class: 'actions' }, done));
      }

      function row(e) {
        var buttons = [];
        var button = function (label, path, body) {
          var b = h('button', { type: 'button' }, t(label));
          b.addEventListener('click', function () { b.disabled = true; act('/api/operator/followups/' + encodeURIComponent(e.id) + path, body); });
          buttons.push(b);
        };
        if (e.state === 'active') button('followup.pause', '/pause');
        if (e.state === 'paused') button('followup.resume', '/resume');
        if (e.state !== 'ended') {
          button('followup.extend', '/extend', { days: 3 });
          button('followup.end', '/end');
        }
        var last = e.checkins.filter(function (c) { return c.reading; }).slice(-1)[0];
        return h('li', {},
          h('div', { class: 'row-title' }, h('span', { class: 'mono' }, e.conversationId), ' ',
            h('span', { class: 'badge' + (e.state === 'active' ? ' on' : '') }, t('followup.state.' + e.state)),
            e.missedInARow ? h('span', { class: 'badge off' }, t('followup.missed', { count: e.missedInARow })) : null),
          h('div', { class: 'row-sub' }, t('followup.until', { when: ctx.formatTime(e.endsAt) }) + ' · ' + t('followup.slot.' + e.slot) + ' (' + e.timeZone + ')'),
          last ? h('div', { class: 'row-sub' }, t('followup.last', { level: levelName(last.reading.level), spo2: last.reading.spo2 === null ? '–' : last.reading.spo2, temperature: last.reading.temperature === null ? '–' : last.reading.temperature })) : null,
          chart(e.checkins, t),
          h('div', { class: 'actions' }, buttons));
      }

      /* A page's patients go under their state's list; each state it names gets its cursor for the page after. */
      function append(page) {
        page.enrolments.forEach(function (e) { lists[e.state].appendChild(row(e)); });
        Object.keys(page.next).forEach(function (state) {
          next[state] = page.next[state];
          more[state].hidden = !next[state];
        });
      }

      function load() {
        var thisLoad = ++loads;
        return Promise.all([ctx.api('GET', '/api/operator/followups/tasks'), ctx.api('GET', '/api/operator/followups')]).then(function (both) {
          if (thisLoad !== loads) return;
          tasksList.textContent = '';
          both[0].tasks.forEach(function (task) { tasksList.appendChild(taskRow(task)); });
          STATES.forEach(function (state) { lists[state].textContent = ''; });
          append(both[1]);
          status.textContent = both[1].enrolments.length ? '' : t('followup.none');
        }, function (err) { status.textContent = ctx.errorText(err); });
      }

      function showMore(state) {
        var thisLoad = loads, cursor = next[state];
        more[state].disabled = true;
        ctx.api('GET', '/api/operator/followups?state=' + state + '&before=' + encodeURIComponent(cursor)).then(function (page) {
          /* Only onto the list it continues: not after a reload began (even one still loading), nor
             onto a list whose end has moved since it was asked for. */
          if (thisLoad === loads && next[state] === cursor) append(page);
        }, function (err) { status.textContent = ctx.errorText(err); }).then(function () { more[state].disabled = false; });
      }

      /* An operator offers daily check-ins to a conversation; the patient's own "yes" enrols them. */
      var offerInput = h('input', { name: 'conversationId', type: 'text', required: true, maxlength: 200, autocapitalize: 'none', spellcheck: 'false' });
      var offerStatus = h('span', { class: 'muted', role: 'status' });
      var offerForm = h('form', { class: 'card', 'aria-label': t('followup.offer.title') },
        h('label', {}, t('followup.offer.conversation'), ' ', offerInput), ' ',
        h('button', { type: 'submit' }, t('followup.offer.send')), ' ', offerStatus);
      offerForm.addEventListener('submit', function (ev) {
        ev.preventDefault();
        var id = offerInput.value.trim();
        if (!id) return;
        offerStatus.textContent = '';
        ctx.api('POST', '/api/operator/followups/offer', { conversationId: id }).then(function () {
          offerStatus.textContent = t('followup.offer.sent');
          offerInput.value = '';
          /* Offered: a reload does not fill the form in again. */
          if (location.hash.indexOf('#/followup/offer/') === 0) history.replaceState(null, '', '#/followup');
        }, function (err) {
          offerStatus.textContent = ctx.errorText(err, { 404: 'followup.offer.not_found', 409: 'followup.offer.refused' });
        });
      });

      el.appendChild(h('h1', {}, t('nav.followup')));
      el.appendChild(offerForm);
      /* #/followup/offer/<conversation id> (the hand-off screen's link): the form comes filled in. */
      var asked = /^#\/followup\/offer\/([^/?#]+)/.exec(location.hash || '');
      if (asked) {
        try { offerInput.value = decodeURIComponent(asked[1]); } catch (e) { /* a mangled link: an empty form */ }
        offerInput.focus();
      }
      el.appendChild(h('h2', {}, t('followup.tasks')));
      el.appendChild(tasksList);
      el.appendChild(h('h2', {}, t('followup.patients')));
      el.appendChild(status);
      STATES.forEach(function (state) {
        el.appendChild(lists[state]);
        el.appendChild(more[state]);
      });
      load();
    },
  });
})();
