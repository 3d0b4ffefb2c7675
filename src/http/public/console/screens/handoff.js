/*
 * Hand-off (operators and doctors): the live queue of patients waiting for a person
 * (#/handoff) and one patient's conversation (#/handoff/<ticket>): the whole transcript,
 * the bot's part too, the triage summary, replies that go out through the patient's own
 * app, canned replies in their language, private notes, release, transfer and close.
 *
 * The queue is live: an EventSource on /api/operator/queue/events pushes this operator's
 * view whenever it changes; a new patient rings (when sound is on) and shows in the tab
 * title and the navigation. The stream closes when the screen is left or the session ends.
 */
(function () {
  'use strict';

  var SOUND_KEY = 'sahay.console.handoff.sound';
  /* Drafts of replies and notes, per account and ticket, in this tab only (sessionStorage): they
     outlive the session ending (the page reloads or asks to sign in again), not the tab.
     The console's sign-out clears every key under 'sahay.console.draft.'. */
  var DRAFT_PREFIX = 'sahay.console.draft.handoff.';

  /* This screen's styles (same origin: the console's CSP allows it). */
  if (!document.querySelector('link[data-handoff]')) {
    var css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = 'screens/handoff.css';
    css.setAttribute('data-handoff', '');
    document.head.appendChild(css);
  }
  var OUTCOMES = ['advice_given', 'referred_to_hospital', 'ambulance_called', 'prescription_by_doctor', 'no_response'];

  /* One live stream for the page, shared by the queue and the conversation views. */
  var live = { source: null, listeners: [], last: null, connected: false, onStatus: null };

  function soundOn() {
    try { return window.localStorage.getItem(SOUND_KEY) === 'on'; } catch (e) { return false; }
  }

  function setSound(on) {
    try { window.localStorage.setItem(SOUND_KEY, on ? 'on' : 'off'); } catch (e) { /* private mode */ }
  }

  /* A short two-tone chime, made on the spot (no audio file, nothing from elsewhere). */
  function chime() {
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) return;
      var ac = new Ctx();
      [660, 880].forEach(function (f, i) {
        var o = ac.createOscillator();
        var g = ac.createGain();
        o.frequency.value = f;
        g.gain.value = 0.08;
        o.connect(g);
        g.connect(ac.destination);
        o.start(ac.currentTime + i * 0.18);
        o.stop(ac.currentTime + i * 0.18 + 0.15);
      });
      window.setTimeout(function () { ac.close(); }, 800);
    } catch (e) { /* no sound is fine */ }
  }

  function readDraft(key) {
    try { return window.sessionStorage.getItem(key) || ''; } catch (e) { return ''; }
  }

  function keepDraft(key, text) {
    try {
      if (text) window.sessionStorage.setItem(key, text);
      else window.sessionStorage.removeItem(key);
    } catch (e) { /* private mode or full: the draft lives only in the box */ }
  }

  /* The tab's title without the "(3) " the queue adds: the console sets it anew when its language changes. */
  function plainTitle() {
    return document.title.replace(/^\(\d+\) /, '');
  }

  function badge(waiting) {
    document.title = (waiting > 0 ? '(' + waiting + ') ' : '') + plainTitle();
    var link = document.querySelector('nav#nav a[data-screen="handoff"]');
    if (!link) return;
    var b = link.querySelector('.count');
    if (!b) {
      b = document.createElement('span');
      b.className = 'count';
      link.appendChild(b);
    }
    b.textContent = waiting > 0 ? String(waiting) : '';
    b.hidden = waiting === 0;
  }

  function stopLive() {
    if (live.source) live.source.close();
    live.source = null;
    live.connected = false;
    live.listeners = [];
    document.title = plainTitle();
    var b = document.querySelector('nav#nav a[data-screen="handoff"] .count');
    if (b) b.hidden = true;
  }

  /* `onStatus` shows the stream's state on the screen now rendered (each render has its own badge). */
  function startLive(onStatus) {
    live.onStatus = onStatus;
    if (live.source) {
      onStatus(live.connected);
      /* A re-render (a new language) set the plain title: the count goes back on it. */
      if (live.last) badge(live.last.waiting);
      return;
    }
    var source = new EventSource('/api/operator/queue/events');
    live.source = source;
    var status = function (ok) {
      live.connected = ok;
      if (live.onStatus) live.onStatus(ok);
    };
    source.addEventListener('open', function () { status(true); });
    source.addEventListener('error', function () { status(false); });
    source.addEventListener('queue', function (ev) {
      var view = JSON.parse(ev.data);
      live.last = view;
      badge(view.waiting);
      live.listeners.forEach(function (l) { if (l.queue) l.queue(view); });
    });
    source.addEventListener('ticket', function (ev) {
      var news = JSON.parse(ev.data);
      if (news.what === 'opened' && soundOn()) chime();
      live.listeners.forEach(function (l) { if (l.ticket) l.ticket(news); });
    });
    source.addEventListener('end', function () {
      /* The session ended (signed out elsewhere, idle, disabled): the page asks to sign in again. */
      stopLive();
      window.location.reload();
    });
  }

  /* Listen while `el` is on the page; stop the stream once the hand-off screen is left. */
  function listen(el, listener) {
    live.listeners = live.listeners.filter(function (l) { return l.el.isConnected; });
    listener.el = el;
    live.listeners.push(listener);
    if (live.last && listener.queue) listener.queue(live.last);
  }

  window.addEventListener('hashchange', function () {
    if (!/^#\/handoff(\/|$)/.test(location.hash)) stopLive();
  });
  /* The console clears the page on sign-out or idle: then the stream goes too. */
  window.setInterval(function () {
    if (live.source && !document.querySelector('section[data-screen="handoff"]')) stopLive();
  }, 2000);

  function ticketIdFromHash() {
    var m = /^#\/handoff\/([A-Za-z0-9_-]+)/.exec(location.hash || '');
    return m ? m[1] : null;
  }

  SahayConsole.screen('handoff', {
    render: function (el, ctx) {
      var status = ctx.h('span', { class: 'badge off', role: 'status' }, ctx.t('handoff.connecting'));
      startLive(function (ok) {
        status.textContent = ctx.t(ok ? 'handoff.live' : 'handoff.offline');
        status.className = 'badge ' + (ok ? 'on' : 'off');
      });
      var id = ticketIdFromHash();
      return id ? conversation(el, ctx, id, status) : queue(el, ctx, status);
    }
  });

  /* ---------- the queue ---------- */

  function queue(el, ctx, status) {
    var h = ctx.h, t = ctx.t;
    var notice = h('p', { class: 'notice', role: 'status', hidden: true });
    var sound = h('input', { type: 'checkbox', checked: soundOn(), onchange: function () { setSound(sound.checked); if (sound.checked) chime(); } });
    var mine = h('ul', { class: 'rows', 'aria-label': t('handoff.with_you') });
    var waiting = h('ul', { class: 'rows', 'aria-label': t('handoff.waiting') });
    var others = h('ul', { class: 'rows', 'aria-label': t('handoff.with_colleagues') });
    el.appendChild(h('div', { class: 'toolbar' }, h('h1', {}, t('handoff.title')), status));
    el.appendChild(h('label', { class: 'checks' }, sound, t('handoff.sound')));
    el.appendChild(notice);
    el.appendChild(h('h2', {}, t('handoff.with_you')));
    el.appendChild(mine);
    el.appendChild(h('h2', {}, t('handoff.waiting')));
    el.appendChild(waiting);
    el.appendChild(h('h2', {}, t('handoff.with_colleagues')));
    el.appendChild(others);

    function say(text) {
      notice.textContent = text;
      notice.hidden = false;
    }

    function take(item, button) {
      button.disabled = true;
      ctx.api('POST', '/api/operator/tickets/' + encodeURIComponent(item.id) + '/claim').then(function () {
        location.hash = '#/handoff/' + item.id;
      }, function (err) {
        button.disabled = false;
        say(claimError(ctx, err));
      });
    }

    function row(item) {
      var li = h('li', { 'data-ticket': item.id, 'data-state': item.state, class: item.emergency || item.overSla ? 'raised' : '' });
      li.appendChild(h('div', { class: 'row-title' },
        flag(ctx, item),
        item.overSla ? h('span', { class: 'badge flag' }, '⏱ ' + t('handoff.over_sla')) : null,
        h('span', {}, t('handoff.level.' + (item.triageLevel || 'none')))));
      li.appendChild(h('div', { class: 'row-sub' },
        h('span', { class: 'badge', lang: item.language }, t('languages.' + item.language)),
        h('span', { class: 'badge' }, t('handoff.channel.' + item.channel)),
        h('span', { class: 'badge mono' }, item.queue),
        h('span', { class: 'badge' }, t('handoff.reason.' + reasonKey(item))),
        item.state === 'waiting'
          ? t('handoff.waiting_for', { minutes: item.minutes })
          : item.withMe ? t('handoff.with_for', { minutes: item.minutes }) : t('handoff.with_name', { name: item.assigneeName || '?' })));
      var actions = h('div', { class: 'actions' }, h('a', { href: '#/handoff/' + item.id, class: 'open' }, t('handoff.open')));
      if (item.state === 'waiting') {
        var button = h('button', { type: 'button', class: 'primary', onclick: function () { take(item, button); } }, t('handoff.take'));
        actions.appendChild(button);
      }
      li.appendChild(actions);
      return li;
    }

    function fill(list, items, empty) {
      list.textContent = '';
      if (!items.length) list.appendChild(h('li', { class: 'muted' }, t(empty)));
      items.forEach(function (i) { list.appendChild(row(i)); });
    }

    listen(el, {
      queue: function (view) {
        fill(mine, view.tickets.filter(function (i) { return i.withMe; }), 'handoff.none_with_you');
        fill(waiting, view.tickets.filter(function (i) { return i.state === 'waiting'; }), 'handoff.none_waiting');
        fill(others, view.tickets.filter(function (i) { return i.state === 'assigned' && !i.withMe; }), 'handoff.none_with_colleagues');
      }
    });
    /* The first view, before the stream's first event (also when streams are blocked by a proxy). */
    return ctx.api('GET', '/api/operator/queue').then(function (view) {
      if (!live.last) live.listeners.forEach(function (l) { if (l.queue && l.el === el) l.queue(view); });
      badge(view.waiting);
    });
  }

  /* A person at risk of self-harm (reason 'crisis', flagged too) is shown as such, not as a medical
     emergency: the one who takes it must know at a glance it is for a counsellor. */
  function flag(ctx, item) {
    if (item.reason === 'crisis') return ctx.h('span', { class: 'badge flag' }, '🆘 ' + ctx.t('handoff.crisis'));
    return item.emergency ? ctx.h('span', { class: 'badge flag' }, '🚨 ' + ctx.t('handoff.emergency')) : null;
  }

  /* A daily check-in that got worse (hospital or doctor level) opens its ticket with reason
     'emergency' but without the emergency flag (src/followup/service.ts): not an emergency to show. */
  function reasonKey(ticket) {
    return ticket.reason === 'emergency' && !ticket.emergency ? 'worsened' : ticket.reason;
  }

  function claimError(ctx, err) {
    var d = err.details || {};
    if (err.status === 409 && d.reason === 'taken' && d.state === 'closed') return ctx.t('handoff.closed_already');
    if (err.status === 409 && d.reason === 'taken') return d.assigneeName ? ctx.t('handoff.taken_by', { name: d.assigneeName }) : ctx.t('handoff.taken');
    if (err.status === 409 && d.reason === 'registration_required') return ctx.t('handoff.registration_required');
    if (err.status === 409 && d.reason === 'not_yours') return ctx.t('handoff.not_yours');
    return ctx.errorText(err);
  }

  /* ---------- one conversation ---------- */

  function conversation(el, ctx, id, status) {
    var h = ctx.h, t = ctx.t;
    var notice = h('p', { class: 'notice', role: 'status', hidden: true });
    var error = h('p', { class: 'error', role: 'alert', hidden: true });
    var head = h('div', { class: 'card' });
    var triage = h('div', { class: 'card', hidden: true });
    var transcript = h('ol', { class: 'transcript', 'aria-label': t('handoff.transcript') });
    var work = h('div');
    var notes = h('div', { class: 'card' });
    var notesList = h('div');
    /* The load running now, and whether news came in while it ran (then it runs once more). */
    var loading = null;
    var loadAgain = false;
    var shown = null;
    /* What the reply and close / transfer controls were built for: rebuilt only when it changes. */
    var workFor = null;
    var draftKey = function (kind) { return DRAFT_PREFIX + ctx.account.id + '.' + id + '.' + kind; };

    el.appendChild(h('div', { class: 'toolbar' }, h('a', { href: '#/handoff' }, t('handoff.back')), status));
    el.appendChild(notice);
    el.appendChild(error);
    el.appendChild(head);
    el.appendChild(triage);
    el.appendChild(h('h2', {}, t('handoff.transcript')));
    el.appendChild(transcript);
    el.appendChild(work);
    el.appendChild(notes);

    function say(text) {
      notice.textContent = text;
      notice.hidden = false;
      error.hidden = true;
    }
    function fail(err) {
      error.textContent = claimError(ctx, err);
      error.hidden = false;
    }
    function call(method, path, body) {
      error.hidden = true;
      return ctx.api(method, '/api/operator/tickets/' + encodeURIComponent(id) + path, body);
    }

    /* A text box whose draft is kept for this ticket (see DRAFT_PREFIX) as it is typed. */
    function draftBox(kind, attrs) {
      var box = h('textarea', attrs);
      box.value = readDraft(draftKey(kind));
      box.addEventListener('input', function () { keepDraft(draftKey(kind), box.value); });
      return box;
    }

    /* Sends the box's text; the box is read-only meanwhile, and emptied (with its draft) once sent. */
    function sendFrom(box, button, kind, path) {
      if (!box.value.trim()) return;
      button.disabled = true;
      box.readOnly = true;
      call('POST', path, { text: box.value }).then(function () {
        box.value = '';
        keepDraft(draftKey(kind), '');
        load().catch(fail);
      }, fail).then(function () {
        button.disabled = false;
        box.readOnly = false;
      });
    }

    function showHead(tk) {
      head.textContent = '';
      head.appendChild(h('h1', {},
        tk.reason === 'crisis' ? '🆘 ' + t('handoff.crisis') + ' · ' : tk.emergency ? '🚨 ' : '',
        t('handoff.level.' + (tk.triageLevel || 'none'))));
      var facts = [
        [t('handoff.state_label'), t('handoff.state.' + tk.state) + (tk.assigneeName && tk.state === 'assigned' ? ' – ' + tk.assigneeName : '')],
        [t('handoff.language'), t('languages.' + tk.language)],
        [t('handoff.channel_label'), t('handoff.channel.' + tk.channel)],
        [t('handoff.queue'), tk.queue],
        [t('handoff.region'), tk.regionName || tk.region || '—'],
        [t('handoff.reason_label'), t('handoff.reason.' + reasonKey(tk))],
        [t('handoff.opened'), ctx.formatTime(tk.createdAt)],
        [t('handoff.conversation_id'), h('span', { class: 'mono' }, tk.conversationId)]
      ];
      if (tk.outcome) facts.push([t('handoff.outcome'), t('handoff.outcomes.' + tk.outcome)]);
      if (tk.rating) facts.push([t('handoff.rating'), tk.rating + ' / 5']);
      facts.forEach(function (f) { head.appendChild(h('p', {}, h('span', { class: 'muted' }, f[0] + ': '), f[1])); });
      /* Once no one has the chat, the patient can be offered daily check-ins (Follow-up screen, filled in). */
      if (tk.state === 'closed' && document.querySelector('nav#nav a[data-screen="followup"]')) {
        head.appendChild(h('p', {}, h('a', { href: '#/followup/offer/' + encodeURIComponent(tk.conversationId) }, t('handoff.offer_followup'))));
      }
    }

    function showTriage(tr) {
      triage.textContent = '';
      triage.hidden = !tr;
      if (!tr) return;
      triage.appendChild(h('h2', {}, t('handoff.triage'), ' – ', t('handoff.level.' + tr.level)));
      triage.appendChild(h('p', { class: 'muted' }, t('handoff.assessed', { time: ctx.formatTime(tr.at) })));
      triage.appendChild(h('ul', {}, tr.reasons.map(function (r) { return h('li', {}, r.text); })));
      triage.appendChild(h('dl', { class: 'answers' }, tr.answers.map(function (a) {
        var value = a.value === 'true' ? t('handoff.yes') : a.value === 'false' ? t('handoff.no') : a.value;
        return [h('dt', {}, t('handoff.answer.' + a.field)), h('dd', {}, value)];
      })));
    }

    function showTranscript(lines) {
      transcript.textContent = '';
      lines.forEach(function (l) {
        var who = l.from === 'person' ? l.personName : t('handoff.from.' + l.from);
        transcript.appendChild(h('li', { class: 'line ' + l.from, 'data-from': l.from },
          h('div', { class: 'meta' }, who, ' · ', ctx.formatTime(l.at)),
          h('div', { class: 'text', dir: 'auto' }, l.text),
          l.media ? mediaLink(l) : null,
          l.choices ? h('div', { class: 'choices muted' }, l.choices.join(' · ')) : null));
      });
      transcript.scrollTop = transcript.scrollHeight;
    }

    /* The file is fetched from the patient's app only when opened (and the opening is audited). */
    function mediaLink(l) {
      var type = l.media.type;
      var label = t('handoff.open_media.' + type);
      return h('div', { class: 'media' }, h('a', {
        href: '/api/operator/tickets/' + encodeURIComponent(id) + '/media/' + encodeURIComponent(l.id),
        target: '_blank',
        rel: 'noopener noreferrer',
        'data-media': type
      }, label));
    }

    /* The notes' form is made once: news of the ticket redraws the notes above it, never the draft. */
    var noteBox = draftBox('note', { name: 'note', rows: 2, maxlength: 4000, placeholder: t('handoff.note_placeholder'), 'aria-label': t('handoff.note') });
    var noteSend = h('button', { type: 'submit' }, t('handoff.add_note'));
    var noteForm = h('form', { class: 'compose' }, noteBox, noteSend);
    noteForm.addEventListener('submit', function (ev) {
      ev.preventDefault();
      sendFrom(noteBox, noteSend, 'note', '/notes');
    });
    notes.appendChild(h('h2', {}, t('handoff.notes')));
    notes.appendChild(notesList);
    notes.appendChild(noteForm);

    function showNotes(list) {
      notesList.textContent = '';
      if (!list.length) notesList.appendChild(h('p', { class: 'muted' }, t('handoff.no_notes')));
      list.forEach(function (n) {
        notesList.appendChild(h('p', {}, h('span', { class: 'muted' }, (n.author || '?') + ' · ' + ctx.formatTime(n.at) + ': '), n.text));
      });
    }

    /*
     * The reply form and the close / release / transfer controls, built again only when the
     * ticket's state or owner (or what the controls offer) changes: a patient's message
     * leaves the reply being typed, its focus and cursor alone.
     */
    function showWork(d) {
      var tk = d.ticket;
      var key = JSON.stringify([tk.state, tk.assigneeId, tk.withMe, tk.queue, d.canned]);
      if (key === workFor) return;
      workFor = key;
      if (tk.state === 'closed') keepDraft(draftKey('reply'), '');
      var before = work.querySelector('textarea[name=reply]');
      var focused = before !== null && document.activeElement === before;
      work.textContent = '';
      if (tk.state === 'waiting') {
        var take = h('button', { type: 'button', class: 'primary', onclick: function () {
          take.disabled = true;
          call('POST', '/claim').then(load, function (err) { take.disabled = false; fail(err); });
        } }, t('handoff.take'));
        work.appendChild(h('div', { class: 'actions' }, take));
        return;
      }
      if (!tk.withMe) return;

      var text = draftBox('reply', { name: 'reply', rows: 3, maxlength: 4000, placeholder: t('handoff.reply_placeholder'), 'aria-label': t('handoff.reply') });
      if (before && before.value) text.value = before.value;
      /* Arrows and letters only choose a ready reply; Enter or the button puts it in the reply. */
      var canned = h('select', { class: 'field', 'aria-label': t('handoff.canned') },
        h('option', { value: '' }, t('handoff.canned')),
        d.canned.map(function (c) { return h('option', { value: c.id }, c.text.length > 60 ? c.text.slice(0, 57) + '…' : c.text); }));
      var insert = h('button', { type: 'button' }, t('handoff.insert'));
      var insertChosen = function () {
        var c = d.canned.filter(function (x) { return x.id === canned.value; })[0];
        if (!c) { canned.focus(); return; }
        text.value = text.value ? text.value + '\n' + c.text : c.text;
        keepDraft(draftKey('reply'), text.value);
        canned.value = '';
        text.focus();
        text.setSelectionRange(text.value.length, text.value.length);
      };
      canned.addEventListener('keydown', function (ev) {
        if (ev.key !== 'Enter') return;
        ev.preventDefault();
        insertChosen();
      });
      insert.addEventListener('click', insertChosen);
      var send = h('button', { type: 'submit', class: 'primary' }, t('handoff.send'));
      var reply = h('form', { class: 'card compose', 'aria-label': t('handoff.reply') }, h('div', { class: 'canned' }, canned, insert), text, send);
      reply.addEventListener('submit', function (ev) {
        ev.preventDefault();
        sendFrom(text, send, 'reply', '/reply');
      });
      work.appendChild(reply);
      if (focused) {
        text.focus();
        text.setSelectionRange(before.selectionStart, before.selectionEnd);
      }

      var outcome = h('select', { class: 'field', name: 'outcome', 'aria-label': t('handoff.outcome') },
        OUTCOMES.map(function (o) { return h('option', { value: o }, t('handoff.outcomes.' + o)); }));
      var close = h('button', { type: 'button', class: 'danger', onclick: function () {
        close.disabled = true;
        call('POST', '/close', { outcome: outcome.value }).then(function () {
          say(t('handoff.close_done'));
          load().catch(fail);
        }, function (err) { close.disabled = false; fail(err); });
      } }, t('handoff.close'));
      var release = h('button', { type: 'button', onclick: function () {
        call('POST', '/release').then(function () { location.hash = '#/handoff'; }, fail);
      } }, t('handoff.release'));
      var target = h('select', { class: 'field', 'aria-label': t('handoff.transfer_to') }, h('option', { value: '' }, t('handoff.transfer_to') + '…'));
      var transfer = h('button', { type: 'button', onclick: function () {
        if (!target.value) { target.focus(); return; }
        var v = target.value.split(':');
        var body = v[0] === 'queue' ? { queue: v[1] } : { accountId: v[1] };
        call('POST', '/transfer', body).then(function () { location.hash = '#/handoff'; }, fail);
      } }, t('handoff.transfer'));
      ctx.api('GET', '/api/operator/colleagues').then(function (c) {
        c.queues.forEach(function (q) { if (q.id !== tk.queue) target.appendChild(h('option', { value: 'queue:' + q.id }, t('handoff.to_queue', { queue: q.id }))); });
        c.colleagues.forEach(function (a) { target.appendChild(h('option', { value: 'account:' + a.id }, a.displayName)); });
      });
      work.appendChild(h('div', { class: 'card' },
        h('div', { class: 'actions' }, outcome, close),
        h('div', { class: 'actions' }, release, target, transfer)));
    }

    /*
     * Reads the ticket and shows what changed. News while a read is on its way may not be in
     * it: then one more read follows this one (however much news came meanwhile).
     */
    function load() {
      if (loading) {
        loadAgain = true;
        return loading;
      }
      loadAgain = false;
      var next = function () {
        loading = null;
        return loadAgain && el.isConnected ? load() : undefined;
      };
      loading = ctx.api('GET', '/api/operator/tickets/' + encodeURIComponent(id) + '?lang=' + encodeURIComponent(ctx.lang)).then(function (d) {
        var key = JSON.stringify(d);
        if (key === shown || !el.isConnected) return;
        shown = key;
        showHead(d.ticket);
        showTriage(d.triage);
        showTranscript(d.transcript);
        showWork(d);
        showNotes(d.notes);
      }).then(next, function (err) {
        var again = next();
        if (again) return again;
        throw err;
      });
      return loading;
    }

    listen(el, {
      ticket: function (news) { if (news.id === id) load().catch(fail); }
    });
    return load();
  }
})();
