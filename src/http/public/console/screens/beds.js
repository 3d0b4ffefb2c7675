/*
 * Beds (admins): the refresh sources and their last run, importing a feed, and the
 * hospital registry — find a hospital, edit its free-bed counts, issue or revoke
 * its desk token. The API is src/beds/console-routes.ts; the same on the command
 * line is `sahay beds ...`.
 */
(function () {
  'use strict';

  SahayConsole.screen('beds', {
    render: function (el, ctx) {
      var h = ctx.h, t = ctx.t;
      var kinds = [];

      /* ---------- refresh sources ---------- */
      var sourcesList = h('ul', { class: 'rows' });
      var sourcesStatus = h('p', { class: 'muted', role: 'status' });

      function sourceRow(s) {
        var st = s.status;
        var state = !st ? h('span', { class: 'badge' }, t('beds.never_run'))
          : st.ok ? h('span', { class: 'badge on' }, t('beds.ok'))
          : h('span', { class: 'badge off' }, t('beds.failed'));
        var button = h('button', { type: 'button' }, t('beds.refresh_now'));
        var li = h('li', {},
          h('div', { class: 'row-title' }, s.id, ' ', state),
          h('div', { class: 'row-sub mono' }, s.location + ' · ' + s.cron),
          st ? h('div', { class: 'row-sub' },
            t('beds.last_attempt', { when: ctx.formatTime(st.lastAttemptAt) }) + ' · ' +
            (st.lastSuccessAt ? t('beds.last_success', { when: ctx.formatTime(st.lastSuccessAt) }) : t('beds.no_success')) + ' · ' +
            t('beds.rows', { rows: st.rows, imported: st.imported, skipped: st.skipped })) : null,
          st && st.error ? h('div', { class: 'error' }, st.error) : null,
          h('div', { class: 'actions' }, button));
        button.addEventListener('click', function () {
          button.disabled = true;
          ctx.api('POST', '/api/admin/beds/sources/' + encodeURIComponent(s.id) + '/refresh').then(loadSources, function (err) {
            button.disabled = false;
            sourcesStatus.textContent = ctx.errorText(err);
          });
        });
        return li;
      }

      function loadSources() {
        return ctx.api('GET', '/api/admin/beds/sources').then(function (res) {
          sourcesList.textContent = '';
          res.sources.forEach(function (s) { sourcesList.appendChild(sourceRow(s)); });
          sourcesStatus.textContent = res.sources.length ? '' : t('beds.no_sources');
        });
      }

      /* ---------- import ---------- */
      var fileInput = h('input', { type: 'file', name: 'file', accept: '.csv,.json,.js,text/csv,application/json' });
      var mappingSelect = h('select', { name: 'mapping', class: 'field' }, h('option', { value: '' }, t('beds.canonical')));
      var partial = h('input', { type: 'checkbox', name: 'partial' });
      var importButton = h('button', { type: 'submit', class: 'primary' }, t('beds.import'));
      var importResult = h('div', { role: 'status' });
      var importForm = h('form', { class: 'card grid-form', novalidate: true },
        h('label', {}, h('span', {}, t('beds.file')), fileInput),
        h('label', {}, h('span', {}, t('beds.mapping')), mappingSelect),
        h('label', { class: 'wide' }, partial, ' ', t('beds.partial')),
        h('div', { class: 'actions wide' }, importButton),
        h('div', { class: 'wide' }, importResult));

      function problemText(p) {
        var where = p.line ? t('errors.line', { line: p.line }) : p.record ? '#' + p.record : '';
        return [where, p.field, p.message].filter(Boolean).join(' · ') + (p.value !== undefined ? ': "' + p.value + '"' : '');
      }

      importForm.addEventListener('submit', function (ev) {
        ev.preventDefault();
        var file = fileInput.files && fileInput.files[0];
        importResult.textContent = '';
        if (!file) { importResult.appendChild(h('p', { class: 'error' }, t('beds.choose_file'))); return; }
        importButton.disabled = true;
        var format = /\.json$/i.test(file.name) ? 'json' : 'csv';
        var query = 'format=' + format + '&partial=' + (partial.checked ? 'true' : 'false') + (mappingSelect.value ? '&mapping=' + encodeURIComponent(mappingSelect.value) : '');
        /* The feed goes as text (JSON bodies are limited to small requests), with the session's CSRF token. */
        Promise.all([file.text(), ctx.api('GET', '/api/console/session')]).then(function (both) {
          return fetch('/api/admin/beds/import?' + query, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-CSRF-Token': both[1].csrfToken, Accept: 'application/json' },
            body: both[0]
          }).then(function (res) {
            return res.json().then(function (body) {
              if (!res.ok) throw body;
              return body;
            });
          });
        }).then(function (r) {
          importResult.appendChild(h('p', { class: r.written ? 'notice' : 'error' }, r.written
            ? t('beds.imported', { records: r.records, created: r.created, updated: r.updated, kept: r.countsKept })
            : t(r.fatal ? 'beds.not_imported_file' : 'beds.not_imported', { count: r.errorCount })));
          var problems = r.errors.map(function (p) { return h('li', { class: 'error' }, problemText(p)); })
            .concat(r.warnings.map(function (p) { return h('li', { class: 'muted' }, problemText(p)); }));
          if (problems.length) importResult.appendChild(h('ul', {}, problems));
          importButton.disabled = false;
          loadHospitals(true);
        }, function (err) {
          importButton.disabled = false;
          importResult.appendChild(h('p', { class: 'error' }, err && err.error ? err.error.message : ctx.errorText(err)));
        });
      });

      /* ---------- hospitals ---------- */
      var search = h('input', { type: 'text', name: 'text', placeholder: t('beds.search_placeholder'), autocapitalize: 'none' });
      var searchForm = h('form', { class: 'card filters', novalidate: true },
        h('label', {}, h('span', {}, t('beds.search')), search),
        h('button', { type: 'submit', class: 'primary' }, t('beds.show')));
      var list = h('ul', { class: 'rows' });
      var listStatus = h('p', { class: 'muted', role: 'status' });
      var more = h('button', { type: 'button', hidden: true }, t('beds.more'));
      var next = null;

      function countsText(beds) {
        return Object.keys(beds).map(function (k) {
          var c = beds[k];
          return t('beds.count', { kind: k, vacant: c.vacant === null ? '?' : c.vacant, total: c.total === null ? '?' : c.total }) +
            (c.updatedAt ? ' (' + ctx.formatTime(c.updatedAt) + ', ' + c.source + ')' : ' (' + c.source + ')');
        }).join(' · ') || t('beds.no_counts');
      }

      function hospitalRow(hosp) {
        var li = h('li', {});
        var token = h('div', { role: 'status' });
        var edit = h('button', { type: 'button' }, t('beds.edit_counts'));
        var issue = h('button', { type: 'button' }, t(hosp.deskTokenIssuedAt ? 'beds.reissue_token' : 'beds.issue_token'));
        var revoke = h('button', { type: 'button', class: 'danger', hidden: !hosp.deskTokenIssuedAt }, t('beds.revoke_token'));
        var counts = h('div', { class: 'row-sub' }, countsText(hosp.beds));
        li.appendChild(h('div', { class: 'row-title' }, hosp.name));
        li.appendChild(h('div', { class: 'row-sub' }, [hosp.district, hosp.region].filter(Boolean).join(', ') + ' · ', h('code', {}, hosp.id)));
        li.appendChild(counts);
        var tokenState = h('div', { class: 'row-sub' });
        function showTokenState() {
          tokenState.textContent = hosp.deskTokenIssuedAt ? t('beds.token_since', { when: ctx.formatTime(hosp.deskTokenIssuedAt) }) : t('beds.no_token');
        }
        showTokenState();
        li.appendChild(tokenState);
        li.appendChild(h('div', { class: 'actions' }, edit, issue, revoke));
        li.appendChild(token);

        edit.addEventListener('click', function () {
          edit.disabled = true;
          var inputs = {};
          var form = h('form', { class: 'grid-form', novalidate: true });
          kinds.concat(['all']).forEach(function (k) {
            var c = hosp.beds[k] || {};
            inputs[k] = {
              vacant: h('input', { type: 'text', inputmode: 'numeric', pattern: '[0-9]*', name: k + '_vacant', value: c.vacant === undefined || c.vacant === null ? '' : c.vacant }),
              total: h('input', { type: 'text', inputmode: 'numeric', pattern: '[0-9]*', name: k + '_total', value: c.total === undefined || c.total === null ? '' : c.total })
            };
            form.appendChild(h('label', {}, h('span', {}, t('beds.vacant_of', { kind: k })), inputs[k].vacant));
            form.appendChild(h('label', {}, h('span', {}, t('beds.total_of', { kind: k })), inputs[k].total));
          });
          var error = h('p', { class: 'error', role: 'alert', hidden: true });
          form.appendChild(h('div', { class: 'actions wide' }, h('button', { type: 'submit', class: 'primary' }, t('beds.save')), h('button', { type: 'button', onclick: function () { form.remove(); edit.disabled = false; } }, t('beds.cancel'))));
          form.appendChild(error);
          form.addEventListener('submit', function (ev) {
            ev.preventDefault();
            var beds = {};
            Object.keys(inputs).forEach(function (k) {
              var v = inputs[k].vacant.value, tot = inputs[k].total.value;
              if (v === '') return;
              beds[k] = { vacant: Number(v), total: tot === '' ? null : Number(tot) };
            });
            ctx.api('PUT', '/api/admin/beds/hospitals/' + encodeURIComponent(hosp.id) + '/counts', { beds: beds }).then(function (res) {
              hosp.beds = res.hospital.beds;
              counts.textContent = countsText(hosp.beds);
              form.remove();
              edit.disabled = false;
            }, function (err) {
              error.hidden = false;
              error.textContent = ctx.errorText(err);
            });
          });
          li.insertBefore(form, token);
        });

        issue.addEventListener('click', function () {
          if (hosp.deskTokenIssuedAt && !window.confirm(t('beds.reissue_confirm'))) return;
          ctx.api('POST', '/api/admin/beds/hospitals/' + encodeURIComponent(hosp.id) + '/desk-token').then(function (res) {
            token.textContent = '';
            token.appendChild(h('p', { class: 'notice' }, t('beds.token_once'), h('br'), h('code', { class: 'mono' }, res.token)));
            hosp.deskTokenIssuedAt = Date.now();
            showTokenState();
            revoke.hidden = false;
            issue.textContent = t('beds.reissue_token');
          }, function (err) { token.textContent = ctx.errorText(err); });
        });

        revoke.addEventListener('click', function () {
          if (!window.confirm(t('beds.revoke_confirm'))) return;
          ctx.api('DELETE', '/api/admin/beds/hospitals/' + encodeURIComponent(hosp.id) + '/desk-token').then(function () {
            token.textContent = t('beds.revoked');
            hosp.deskTokenIssuedAt = null;
            showTokenState();
            revoke.hidden = true;
            issue.textContent = t('beds.issue_token');
          }, function (err) { token.textContent = ctx.errorText(err); });
        });
        return li;
      }

      function loadHospitals(reset) {
        if (reset) next = null;
        var q = [];
        if (search.value.trim()) q.push('text=' + encodeURIComponent(search.value.trim()));
        if (next) q.push('after=' + encodeURIComponent(next));
        more.disabled = true;
        return ctx.api('GET', '/api/admin/beds/hospitals' + (q.length ? '?' + q.join('&') : '')).then(function (res) {
          kinds = res.kinds;
          if (reset) list.textContent = '';
          res.hospitals.forEach(function (x) { list.appendChild(hospitalRow(x)); });
          next = res.next;
          more.hidden = !next;
          more.disabled = false;
          listStatus.textContent = list.children.length ? '' : t('beds.no_hospitals');
        }, function (err) {
          more.disabled = false;
          listStatus.textContent = ctx.errorText(err);
        });
      }

      searchForm.addEventListener('submit', function (ev) { ev.preventDefault(); loadHospitals(true); });
      more.addEventListener('click', function () { loadHospitals(false); });

      el.appendChild(h('h1', {}, t('beds.title')));
      el.appendChild(h('h2', {}, t('beds.sources')));
      el.appendChild(sourcesList);
      el.appendChild(sourcesStatus);
      el.appendChild(h('h2', {}, t('beds.import_title')));
      el.appendChild(importForm);
      el.appendChild(h('h2', {}, t('beds.hospitals')));
      el.appendChild(searchForm);
      el.appendChild(list);
      el.appendChild(listStatus);
      el.appendChild(more);

      return Promise.all([
        loadSources(),
        ctx.api('GET', '/api/admin/beds/mappings').then(function (res) {
          res.mappings.forEach(function (m) { mappingSelect.appendChild(h('option', { value: m }, m)); });
        }),
        loadHospitals(true)
      ]);
    }
  });
})();
