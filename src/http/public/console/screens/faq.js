/*
 * FAQ (admins): list and search the entries, see which lack a language, edit an
 * entry in three languages side by side with a live "what would the bot answer"
 * box, save as a draft or publish, stop answering with an entry, and roll back
 * to an earlier version. #/faq is the list, #/faq/<id> an entry, #/faq/new a new one.
 * Every change goes through /api/admin/faq, which checks the admin role and
 * records it in the audit log. Each change names the entry as this screen shows
 * it (its latest and published versions): when a colleague changed it since, the
 * server answers 409 with where the entry is now, and the screen says so,
 * keeping the text typed here until the admin reloads.
 */
(function () {
  'use strict';

  var LANGS = ['bn', 'hi', 'en'];
  var LANG_NAMES = { bn: 'বাংলা', hi: 'हिन्दी', en: 'English' };

  /* The editors' own small stylesheet, once. */
  function styles() {
    if (document.getElementById('editors-css')) return;
    var link = document.createElement('link');
    link.id = 'editors-css';
    link.rel = 'stylesheet';
    link.href = 'screens/editors.css';
    document.head.appendChild(link);
  }

  function target() {
    var m = /^#\/faq\/([a-z0-9-]+)/.exec(location.hash || '');
    return m ? m[1] : null;
  }

  SahayConsole.screen('faq', {
    render: function (el, ctx) {
      styles();
      var id = target();
      return id ? renderEntry(el, ctx, id) : renderList(el, ctx);
    }
  });

  /* ---------- the list ---------- */

  function renderList(el, ctx) {
    var h = ctx.h, t = ctx.t;
    var form = h('form', { class: 'filters', role: 'search' },
      h('label', {}, h('span', {}, t('faq.search')), h('input', { name: 'q', type: 'text', placeholder: t('faq.search_hint') })),
      h('label', {}, h('span', {}, t('faq.status.published')),
        h('select', { name: 'status', class: 'field' },
          h('option', { value: '' }, t('faq.status_any')),
          ['published', 'changed', 'draft'].map(function (s) { return h('option', { value: s }, t('faq.status.' + s)); }))),
      h('label', {}, h('span', {}, t('faq.lacking')),
        h('select', { name: 'missing', class: 'field' },
          h('option', { value: '' }, t('faq.missing_any')),
          LANGS.map(function (l) { return h('option', { value: l }, t('faq.missing_in', { lang: LANG_NAMES[l] })); }))),
      h('button', { type: 'submit' }, t('faq.search')));
    var summary = h('p', { class: 'muted' });
    var list = h('ul', { class: 'rows faq-list', 'aria-label': t('faq.title') });
    el.appendChild(h('div', { class: 'toolbar' }, h('h1', {}, t('faq.title')),
      h('a', { class: 'button primary', href: '#/faq/new' }, t('faq.new'))));
    el.appendChild(form);
    el.appendChild(summary);
    el.appendChild(list);

    function load() {
      var q = [];
      ['q', 'status', 'missing'].forEach(function (n) {
        var v = form.elements[n].value.trim();
        if (v) q.push(n + '=' + encodeURIComponent(v));
      });
      return ctx.api('GET', '/api/admin/faq' + (q.length ? '?' + q.join('&') : '')).then(function (res) {
        list.textContent = '';
        var lacking = res.entries.filter(function (e) { return e.missing.length > 0; }).length;
        summary.textContent = t('faq.count', { count: res.entries.length, missing: lacking });
        if (!res.entries.length) list.appendChild(h('li', { class: 'muted' }, t('faq.empty')));
        res.entries.forEach(function (e) {
          list.appendChild(h('li', { 'data-id': e.id },
            h('div', { class: 'row-title' }, h('a', { href: '#/faq/' + e.id }, e.title)),
            h('div', { class: 'row-sub mono' }, e.id),
            h('div', {},
              h('span', { class: 'badge ' + (e.status === 'draft' ? 'off' : 'on'), 'data-status': e.status }, t('faq.status.' + e.status)),
              e.missing.map(function (l) { return h('span', { class: 'badge off', 'data-missing': l }, t('faq.no_lang', { lang: LANG_NAMES[l] })); }),
              h('span', { class: 'badge' }, t('faq.version', { version: e.latestVersion })),
              e.topics.map(function (tp) { return h('span', { class: 'badge' }, tp); })),
            h('div', { class: 'row-sub' }, t('faq.reviewed', { date: e.reviewed }))));
        });
      });
    }

    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      load().catch(function (err) { summary.textContent = ctx.errorText(err); });
    });
    return load();
  }

  /* ---------- one entry ---------- */

  function renderEntry(el, ctx, id) {
    var isNew = id === 'new';
    if (isNew) {
      draw(el, ctx, null, []);
      return Promise.resolve();
    }
    return ctx.api('GET', '/api/admin/faq/' + encodeURIComponent(id)).then(function (res) {
      draw(el, ctx, res.entry, res.versions);
    });
  }

  function draw(el, ctx, entry, versions) {
    var h = ctx.h, t = ctx.t;
    var c = entry ? entry.latest.content : { id: '', topics: [], questions: {}, answers: {}, source: '', reviewed: new Date().toISOString().slice(0, 10) };
    var notice = h('p', { class: 'notice', role: 'status', hidden: true });
    var error = h('p', { class: 'error', role: 'alert', hidden: true });

    function say(text) { notice.textContent = text; notice.hidden = false; error.hidden = true; }
    function fail(text) { error.textContent = text; error.hidden = false; notice.hidden = true; }

    var form = h('form', { class: 'card faq-edit', novalidate: true, 'aria-label': entry ? entry.id : t('faq.new') });
    var idField = entry
      ? h('p', { class: 'mono' }, t('faq.id') + ': ' + entry.id)
      : h('label', {}, h('span', {}, t('faq.id')), h('input', { name: 'id', type: 'text', required: true, maxlength: 80, autocapitalize: 'none', spellcheck: 'false' }), h('span', { class: 'hint' }, t('faq.id_hint')));
    form.appendChild(idField);
    form.appendChild(h('div', { class: 'grid-form' },
      h('label', {}, h('span', {}, t('faq.topics')), h('input', { name: 'topics', type: 'text', value: c.topics.join(' '), autocapitalize: 'none' }), h('span', { class: 'hint' }, t('faq.topics_hint'))),
      h('label', {}, h('span', {}, t('faq.reviewed_label')), h('input', { name: 'reviewed', type: 'date', value: c.reviewed, required: true })),
      h('label', { class: 'wide' }, h('span', {}, t('faq.source')), h('input', { name: 'source', type: 'text', value: c.source, maxlength: 500 }), h('span', { class: 'hint' }, t('faq.source_hint')))));

    /* Three languages side by side (stacked on a phone). */
    form.appendChild(h('div', { class: 'lang-columns' }, LANGS.map(function (l) {
      return h('fieldset', { class: 'lang-column', 'data-lang': l },
        h('legend', {}, LANG_NAMES[l], c.answers[l] === undefined ? h('span', { class: 'badge off' }, t('faq.no_lang', { lang: LANG_NAMES[l] })) : null),
        h('label', {}, h('span', {}, t('faq.answer')),
          h('textarea', { name: 'answer_' + l, lang: l, rows: 9, maxlength: 3000 }, c.answers[l] || '')),
        h('label', {}, h('span', {}, t('faq.questions')),
          h('textarea', { name: 'questions_' + l, lang: l, rows: 5 }, (c.questions[l] || []).join('\n')),
          h('span', { class: 'hint' }, t('faq.questions_hint'))));
    })));
    form.appendChild(error);

    var published = entry && entry.published ? entry.published.version : null;
    var actions = h('div', { class: 'actions' },
      h('button', { type: 'submit', name: 'draft', value: '1' }, t('faq.save_draft')),
      h('button', { type: 'submit', name: 'publish', value: '1', class: 'primary' }, t('faq.save_publish')),
      entry && published !== entry.latestVersion
        ? h('button', { type: 'button', 'data-action': 'publish-latest', onclick: publishLatest }, t('faq.publish', { version: entry.latestVersion }))
        : null,
      entry && published !== null ? h('button', { type: 'button', class: 'danger', onclick: withdraw }, t('faq.withdraw')) : null);
    form.appendChild(actions);

    /* What would the bot answer: the bot's own matcher, with this form as the entry's text. */
    var previewQ = h('input', { name: 'preview_q', type: 'text', 'aria-label': t('faq.preview') });
    var previewLang = h('select', { name: 'preview_lang', class: 'field', 'aria-label': t('app.language') },
      LANGS.map(function (l) { return h('option', { value: l, selected: l === (ctx.lang === 'en' ? 'en' : ctx.lang) }, LANG_NAMES[l]); }));
    var previewOut = h('div', { class: 'preview-out', 'aria-live': 'polite' });
    var preview = h('section', { class: 'card preview' },
      h('h2', {}, t('faq.preview')),
      h('p', { class: 'hint' }, t('faq.preview_hint')),
      h('div', { class: 'preview-row' }, previewQ, previewLang),
      previewOut);

    el.appendChild(h('div', { class: 'toolbar' },
      h('h1', {}, entry ? entry.title : t('faq.new')),
      h('a', { href: '#/faq' }, t('faq.back'))));
    if (entry) {
      el.appendChild(h('p', {},
        h('span', { class: 'badge ' + (entry.status === 'draft' ? 'off' : 'on') }, t('faq.status.' + entry.status)),
        h('span', { class: 'muted' }, published !== null ? t('faq.published_version', { version: published }) : t('faq.not_published'))));
    }
    el.appendChild(notice);
    el.appendChild(form);
    el.appendChild(preview);
    if (entry) el.appendChild(versionList());

    function lines(text) {
      return text.split('\n').map(function (s) { return s.trim(); }).filter(Boolean);
    }

    function content() {
      var questions = {};
      var answers = {};
      LANGS.forEach(function (l) {
        var a = form.elements['answer_' + l].value.trim();
        var q = lines(form.elements['questions_' + l].value);
        if (a) answers[l] = a;
        if (q.length) questions[l] = q;
      });
      return {
        id: entry ? entry.id : form.elements.id.value.trim(),
        topics: form.elements.topics.value.split(/[\s,;]+/).filter(Boolean),
        questions: questions,
        answers: answers,
        source: form.elements.source.value.trim(),
        reviewed: form.elements.reviewed.value
      };
    }

    function invalidText(err) {
      if (err.status === 400 && Array.isArray(err.details)) {
        return t('faq.invalid', { fields: err.details.map(function (d) { return String(d.path).replace(/^content\./, '') + ' (' + d.message + ')'; }).join('; ') });
      }
      if (err.status === 409 && entry) return conflictText(err.details || {});
      return ctx.errorText(err, { conflict: entry ? 'faq.conflict' : 'faq.exists' });
    }

    /* A colleague changed the entry since this screen was opened: nothing was changed. Where it is now,
       as far as the server said (a save's conflict names only the latest version). */
    function conflictText(now) {
      var where = [];
      if (typeof now.latestVersion === 'number') where.push(t('faq.version', { version: now.latestVersion }));
      if (now.publishedVersion === null) where.push(t('faq.not_published'));
      else if (typeof now.publishedVersion === 'number') where.push(t('faq.published_version', { version: now.publishedVersion }));
      return t('faq.conflict') + (where.length ? ' ' + where.join(' · ') + '.' : '');
    }

    /* The entry as this screen shows it: every publish, withdrawal and rollback names it. */
    function seen() {
      return { baseVersion: entry.latestVersion, basePublishedVersion: published };
    }

    /* A save names the latest version shown; a publishing one the published version too, so that it
       cannot put back an entry a colleague stopped since. */
    function save(text, publish) {
      var body = { content: text, publish: publish, baseVersion: entry.latestVersion };
      if (publish) body.basePublishedVersion = published;
      return body;
    }

    function busy(on) {
      Array.prototype.forEach.call(form.querySelectorAll('button'), function (b) { b.disabled = on; });
    }

    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var publish = !!(ev.submitter && ev.submitter.name === 'publish');
      var body = { content: content(), publish: publish };
      var call = entry
        ? ctx.api('PUT', '/api/admin/faq/' + encodeURIComponent(entry.id), save(body.content, publish))
        : ctx.api('POST', '/api/admin/faq', body);
      busy(true);
      call.then(function (res) {
        var done = t(publish ? 'faq.saved_published' : 'faq.saved_draft', { version: res.entry.latestVersion });
        if (!entry) { location.hash = '#/faq/' + res.entry.id; return; }
        return rerender(done);
      }, function (err) {
        busy(false);
        fail(invalidText(err));
      });
    });

    function rerender(message) {
      return ctx.api('GET', '/api/admin/faq/' + encodeURIComponent(entry.id)).then(function (res) {
        el.textContent = '';
        draw(el, ctx, res.entry, res.versions);
        var n = el.querySelector('.notice');
        n.textContent = message;
        n.hidden = false;
      });
    }

    function publishLatest() {
      busy(true);
      ctx.api('POST', '/api/admin/faq/' + encodeURIComponent(entry.id) + '/publish', seen()).then(function (res) {
        /* Already the version the bot answers with: the server stored nothing, and says so. */
        return rerender(res.status === 'unchanged' ? t('flows.unchanged') : t('faq.published_done', { version: res.entry.publishedVersion }));
      }, function (err) { busy(false); fail(invalidText(err)); });
    }

    function withdraw() {
      if (!window.confirm(t('faq.confirm_withdraw'))) return;
      busy(true);
      ctx.api('POST', '/api/admin/faq/' + encodeURIComponent(entry.id) + '/withdraw', seen()).then(function () {
        return rerender(t('faq.withdrawn_done'));
      }, function (err) { busy(false); fail(invalidText(err)); });
    }

    function versionList() {
      var list = h('ul', { class: 'rows versions', 'aria-label': t('faq.versions') });
      versions.forEach(function (v) {
        var who = v.actorId ? t('faq.by_console', { who: v.actorId.slice(0, 8) }) : v.note === 'starter' ? t('faq.by_starter') : t('faq.by_cli');
        var shown = h('div', { class: 'version-text', hidden: true });
        list.appendChild(h('li', { 'data-version': v.version },
          h('div', { class: 'row-title' }, t('faq.version', { version: v.version }), ' ', v.published ? h('span', { class: 'badge on' }, t('faq.live')) : null),
          h('div', { class: 'row-sub' }, ctx.formatTime(v.savedAt), ' · ', who, ' · ', h('span', { class: 'mono' }, v.note), ' · ', v.languages.map(function (l) { return LANG_NAMES[l]; }).join(', ')),
          h('div', { class: 'actions' },
            h('button', { type: 'button', onclick: function () { view(v.version, shown); } }, t('faq.view')),
            v.version !== entry.latestVersion || !v.published
              ? h('button', { type: 'button', 'data-action': 'rollback', onclick: function () { rollback(v.version); } }, t('faq.rollback'))
              : null),
          shown));
      });
      return h('section', {}, h('h2', {}, t('faq.versions')), list);
    }

    function view(version, box) {
      if (!box.hidden) { box.hidden = true; return; }
      ctx.api('GET', '/api/admin/faq/' + encodeURIComponent(entry.id) + '/versions/' + version).then(function (res) {
        box.textContent = '';
        LANGS.forEach(function (l) {
          var a = res.version.content.answers[l];
          box.appendChild(h('div', { lang: l }, h('strong', {}, LANG_NAMES[l] + ': '), a === undefined ? h('em', { class: 'muted' }, t('faq.no_lang', { lang: LANG_NAMES[l] })) : a));
        });
        box.hidden = false;
      }, function (err) { fail(ctx.errorText(err)); });
    }

    function rollback(version) {
      if (!window.confirm(t('faq.confirm_rollback', { version: version }))) return;
      var body = seen();
      body.version = version;
      ctx.api('POST', '/api/admin/faq/' + encodeURIComponent(entry.id) + '/rollback', body).then(function (res) {
        return rerender(t('faq.rolled_back', { from: version, version: res.entry.latestVersion }));
      }, function (err) { fail(invalidText(err)); });
    }

    /* The preview follows both the question and the text being edited. */
    var timer = null;
    var seq = 0;
    function schedule() {
      window.clearTimeout(timer);
      timer = window.setTimeout(runPreview, 350);
    }
    function runPreview() {
      var question = previewQ.value.trim();
      if (!question) { previewOut.textContent = ''; return; }
      var draft = content();
      var mine = ++seq;
      var body = { question: question, lang: previewLang.value };
      /* A draft the server would refuse (a new entry without an id yet) is left out: the published text answers. */
      if (draft.id && draft.source && Object.keys(draft.answers).length) body.draft = draft;
      ctx.api('POST', '/api/admin/faq-preview', body).then(function (res) {
        if (mine !== seq) return;
        previewOut.textContent = '';
        previewOut.setAttribute('data-outcome', res.outcome);
        if (res.outcome === 'answer') {
          var a = res.answer;
          if (a.id !== draft.id) previewOut.appendChild(h('p', { class: 'muted' }, t('faq.preview_other', { id: a.id })));
          else previewOut.appendChild(h('p', { class: 'muted' }, t('faq.preview_answer')));
          if (a.text === null) {
            previewOut.appendChild(h('p', {}, t('faq.preview_missing', { lang: LANG_NAMES[a.lang], available: a.available.map(function (l) { return LANG_NAMES[l]; }).join(', ') })));
          } else {
            previewOut.appendChild(h('blockquote', { class: 'bot-answer', lang: a.lang }, a.text));
          }
        } else if (res.outcome === 'choose') {
          previewOut.appendChild(h('p', {}, t('faq.preview_choose')));
          previewOut.appendChild(h('ol', {}, res.candidates.map(function (c) {
            return h('li', {}, c.title, ' ', h('span', { class: 'muted mono' }, c.id + ' · ' + t('faq.confidence', { value: c.confidence.toFixed(2) })));
          })));
        } else {
          previewOut.appendChild(h('p', {}, t('faq.preview_none')));
        }
      }, function (err) {
        if (mine === seq) previewOut.textContent = invalidText(err);
      });
    }
    previewQ.addEventListener('input', schedule);
    previewLang.addEventListener('change', schedule);
    form.addEventListener('input', function () { if (previewQ.value.trim()) schedule(); });
  }
})();
