/*
 * Flows (admins): every conversation flow, drawn as a diagram from its
 * definition (the Mermaid state diagram src/flows/diagram.ts writes, laid out
 * here as a small SVG — no external renderer), its YAML to edit, checked with
 * the same checks as `sahay flows check` (errors at their line), published as
 * a new version, and earlier versions made live again. #/flows is the list,
 * #/flows/<id> one flow. Conversations in progress keep the version they started on.
 * Publishing and rolling back name the live version the screen was opened on
 * (baseVersion): when a colleague published since, the server answers 409 and
 * the screen says so, keeping the text typed here until the admin reloads.
 */
(function () {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';

  function styles() {
    if (document.getElementById('editors-css')) return;
    var link = document.createElement('link');
    link.id = 'editors-css';
    link.rel = 'stylesheet';
    link.href = 'screens/editors.css';
    document.head.appendChild(link);
  }

  function target() {
    var m = /^#\/flows\/([a-z][a-z0-9_]*)/.exec(location.hash || '');
    return m ? m[1] : null;
  }

  SahayConsole.screen('flows', {
    render: function (el, ctx) {
      styles();
      var id = target();
      return id ? renderFlow(el, ctx, id) : renderList(el, ctx);
    }
  });

  function renderList(el, ctx) {
    var h = ctx.h, t = ctx.t;
    return ctx.api('GET', '/api/admin/flows').then(function (res) {
      el.appendChild(h('div', { class: 'toolbar' }, h('h1', {}, t('flows.title'))));
      Object.keys(res.skipped).forEach(function (id) {
        el.appendChild(h('p', { class: 'error', role: 'alert' }, t('flows.skipped', { id: id })));
      });
      el.appendChild(h('ul', { class: 'rows', 'aria-label': t('flows.title') }, res.flows.map(function (f) {
        return h('li', { 'data-flow': f.id },
          h('div', { class: 'row-title' }, h('a', { href: '#/flows/' + f.id }, f.id)),
          h('div', {},
            h('span', { class: 'badge ' + (f.origin === 'store' ? 'on' : '') }, t('flows.origin.' + f.origin)),
            h('span', { class: 'badge mono' }, t('flows.version') + ' ' + f.version),
            f.publishedAt ? h('span', { class: 'muted' }, t('flows.published_at', { when: ctx.formatTime(f.publishedAt) })) : null));
      })));
    });
  }

  function renderFlow(el, ctx, id) {
    return ctx.api('GET', '/api/admin/flows/' + id).then(function (detail) {
      draw(el, ctx, detail);
    });
  }

  function draw(el, ctx, detail) {
    var h = ctx.h, t = ctx.t;
    var notice = h('p', { class: 'notice', role: 'status', hidden: true });
    var errorBox = h('div', { class: 'flow-errors', role: 'alert', hidden: true });
    var diagram = h('div', { class: 'diagram', role: 'img', 'aria-label': t('flows.diagram') });
    var mermaid = h('pre', { class: 'mono mermaid-source' });
    var viewing = h('p', { class: 'muted', hidden: true });
    var yaml = h('textarea', { name: 'yaml', class: 'yaml mono', rows: 28, spellcheck: 'false', autocapitalize: 'none', wrap: 'off', 'aria-label': t('flows.yaml') }, detail.yaml);
    var gutter = h('div', { class: 'gutter mono', 'aria-hidden': 'true' });
    var checkButton = h('button', { type: 'button', onclick: check }, t('flows.check'));
    var publishButton = h('button', { type: 'button', class: 'primary', onclick: publish }, t('flows.publish'));
    var backToLive = h('button', { type: 'button', hidden: true, onclick: function () { rerender(null); } }, t('flows.edit_live'));

    el.appendChild(h('div', { class: 'toolbar' }, h('h1', {}, detail.id), h('a', { href: '#/flows' }, t('flows.back'))));
    el.appendChild(h('p', {},
      h('span', { class: 'badge ' + (detail.origin === 'store' ? 'on' : '') }, t('flows.origin.' + detail.origin)),
      h('span', { class: 'badge mono' }, t('flows.version') + ' ' + detail.version)));
    el.appendChild(notice);
    el.appendChild(h('section', { class: 'card' }, h('h2', {}, t('flows.diagram')), diagram,
      h('details', {}, h('summary', {}, t('flows.mermaid')), mermaid)));
    el.appendChild(h('section', { class: 'card' }, h('h2', {}, t('flows.yaml')), viewing,
      h('div', { class: 'yaml-editor' }, gutter, yaml),
      errorBox,
      h('div', { class: 'actions' }, checkButton, publishButton, backToLive)));
    el.appendChild(versionList());

    showDiagram(detail.mermaid);
    numberLines();
    yaml.addEventListener('input', numberLines);
    yaml.addEventListener('scroll', function () { gutter.scrollTop = yaml.scrollTop; });

    function numberLines() {
      var n = yaml.value.split('\n').length;
      var out = [];
      for (var i = 1; i <= n; i++) out.push(String(i));
      gutter.textContent = out.join('\n');
    }

    function showDiagram(text) {
      mermaid.textContent = text;
      diagram.textContent = '';
      diagram.appendChild(renderSvg(parseMermaid(text)));
    }

    function showErrors(errors) {
      errorBox.textContent = '';
      errorBox.appendChild(h('p', { class: 'error' }, t('flows.errors', { count: errors.length })));
      errorBox.appendChild(h('ul', {}, errors.map(function (e) {
        var where = [e.line ? t('flows.line', { line: e.line }) : null, e.flow && e.flow !== detail.id ? e.flow : null, e.state, e.field].filter(Boolean).join(' · ');
        return h('li', { 'data-line': e.line || '' },
          e.line ? h('button', { type: 'button', class: 'link-button', onclick: function () { goToLine(e.line); } }, where) : h('span', {}, where),
          ': ', e.message);
      })));
      errorBox.hidden = false;
      notice.hidden = true;
    }

    function goToLine(line) {
      var lines = yaml.value.split('\n');
      var start = 0;
      for (var i = 0; i < line - 1 && i < lines.length; i++) start += lines[i].length + 1;
      yaml.focus();
      yaml.setSelectionRange(start, start + (lines[line - 1] || '').length);
      yaml.scrollTop = Math.max(0, (line - 5) * (yaml.scrollHeight / Math.max(1, lines.length)));
    }

    function say(text) {
      notice.textContent = text;
      notice.hidden = false;
      errorBox.hidden = true;
    }

    function failed(err) {
      if (err.status === 400 && err.details && Array.isArray(err.details.flowErrors)) return showErrors(err.details.flowErrors);
      if (err.status === 409) return showConflict(err.details && err.details.liveVersion);
      errorBox.textContent = ctx.errorText(err);
      errorBox.hidden = false;
    }

    /* Someone published since this screen was opened: nothing was saved. Reloading shows their
       version; the text typed here stays until then, to be copied. */
    function showConflict(live) {
      errorBox.textContent = '';
      errorBox.appendChild(h('p', { class: 'error conflict' }, t('flows.conflict', { version: live || '?' })));
      errorBox.appendChild(h('button', { type: 'button', onclick: function () { rerender(null); } }, t('flows.reload')));
      errorBox.hidden = false;
      notice.hidden = true;
    }

    function busy(on) {
      checkButton.disabled = on;
      publishButton.disabled = on;
    }

    function check() {
      busy(true);
      ctx.api('POST', '/api/admin/flows/' + detail.id + '/check', { yaml: yaml.value }).then(function (r) {
        busy(false);
        if (!r.ok) return showErrors(r.errors);
        showDiagram(r.mermaid);
        say(t('flows.ok', { version: r.version }));
      }, function (err) { busy(false); failed(err); });
    }

    function publish() {
      busy(true);
      ctx.api('PUT', '/api/admin/flows/' + detail.id, { yaml: yaml.value, baseVersion: detail.version }).then(function (r) {
        return rerender(r.status === 'unchanged' ? t('flows.unchanged') : t('flows.published', { version: r.version }));
      }, function (err) { busy(false); failed(err); });
    }

    function rerender(message) {
      return ctx.api('GET', '/api/admin/flows/' + detail.id).then(function (d) {
        el.textContent = '';
        draw(el, ctx, d);
        if (message) {
          var n = el.querySelector('.notice');
          n.textContent = message;
          n.hidden = false;
        }
      });
    }

    function versionList() {
      return h('section', {}, h('h2', {}, t('flows.versions')), h('ul', { class: 'rows versions' }, detail.versions.map(function (v) {
        var last = v.publications[0];
        return h('li', { 'data-version': v.version },
          h('div', { class: 'row-title mono' }, v.version, ' ',
            v.live ? h('span', { class: 'badge on' }, t('flows.live')) : null,
            v.shipped ? h('span', { class: 'badge' }, t('flows.shipped')) : null),
          h('div', { class: 'row-sub' }, ctx.formatTime(v.createdAt), last ? ' · ' + t('flows.published_at', { when: ctx.formatTime(last.publishedAt) }) : ''),
          h('div', { class: 'actions' },
            h('button', { type: 'button', onclick: function () { viewVersion(v.version); } }, t('flows.view')),
            v.live ? null : h('button', { type: 'button', 'data-action': 'rollback', onclick: function () { rollback(v.version); } }, t('flows.rollback'))));
      })));
    }

    function viewVersion(version) {
      ctx.api('GET', '/api/admin/flows/' + detail.id + '/versions/' + encodeURIComponent(version)).then(function (r) {
        yaml.value = r.yaml;
        yaml.readOnly = true;
        numberLines();
        showDiagram(r.mermaid);
        viewing.textContent = t('flows.viewing', { version: version });
        viewing.hidden = false;
        publishButton.hidden = true;
        checkButton.hidden = true;
        backToLive.hidden = false;
      }, failed);
    }

    function rollback(version) {
      if (!window.confirm(t('flows.confirm_rollback', { version: version }))) return;
      ctx.api('POST', '/api/admin/flows/' + detail.id + '/rollback', { version: version, baseVersion: detail.version }).then(function (r) {
        /* The version asked for is already live: the server stored nothing, and says so. */
        return rerender(r.status === 'unchanged' ? t('flows.unchanged') : t('flows.rolled_back', { version: r.version }));
      }, failed);
    }
  }

  /* ---------- the diagram ---------- */

  /* The Mermaid text of src/flows/diagram.ts: states, what each does, and labelled transitions. */
  function parseMermaid(text) {
    var alias = {};
    var nodes = {};
    var order = [];
    var edges = [];
    function node(name) {
      var real = alias[name] || name;
      if (!nodes[real]) { nodes[real] = { id: real, label: '' }; order.push(real); }
      return real;
    }
    text.split('\n').forEach(function (raw) {
      var line = raw.trim();
      var m;
      if ((m = /^state "([^"]+)" as (\S+)$/.exec(line))) { alias[m[2]] = m[1]; return; }
      if ((m = /^(\S+) --> (\S+)(?: : (.*))?$/.exec(line))) {
        var from = m[1] === '[*]' ? node('[start]') : node(m[1]);
        var to = m[2] === '[*]' ? node('[end]') : node(m[2]);
        edges.push({ from: from, to: to, label: m[3] || '' });
        return;
      }
      if ((m = /^(\S+) : (.*)$/.exec(line))) nodes[node(m[1])].label = m[2];
    });
    return { nodes: nodes, order: order, edges: edges };
  }

  /* Layers by distance from the start; edges down are straight, edges back curve round the side. */
  function renderSvg(g) {
    var layer = {};
    var queue = ['[start]'];
    layer['[start]'] = 0;
    while (queue.length) {
      var n = queue.shift();
      g.edges.forEach(function (e) {
        if (e.from === n && layer[e.to] === undefined) { layer[e.to] = layer[n] + 1; queue.push(e.to); }
      });
    }
    var deepest = 0;
    g.order.forEach(function (id) { if (layer[id] !== undefined) deepest = Math.max(deepest, layer[id]); });
    g.order.forEach(function (id) { if (layer[id] === undefined) layer[id] = ++deepest; });
    if (g.nodes['[end]']) layer['[end]'] = deepest + 1;
    var rows = [];
    g.order.forEach(function (id) { (rows[layer[id]] = rows[layer[id]] || []).push(id); });
    var W = 190, H = 96, BW = 160, BH = 46, PAD = 30;
    var widest = 1;
    for (var i = 0; i < rows.length; i++) if (rows[i]) widest = Math.max(widest, rows[i].length);
    var width = widest * W + PAD * 2 + 80;
    var height = rows.length * H + PAD * 2;
    var pos = {};
    rows.forEach(function (r, y) {
      if (!r) return;
      var offset = (width - 80 - r.length * W) / 2;
      r.forEach(function (id, x) { pos[id] = { x: offset + x * W + W / 2, y: PAD + y * H + BH / 2 }; });
    });

    var svg = svgEl('svg', { width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, class: 'flow-svg' });
    var defs = svgEl('defs', {});
    var marker = svgEl('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    marker.appendChild(svgEl('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head' }));
    defs.appendChild(marker);
    svg.appendChild(defs);

    g.edges.forEach(function (e, i) {
      var a = pos[e.from], b = pos[e.to];
      if (!a || !b) return;
      var d, lx, ly;
      if (b.y > a.y) {
        d = 'M' + a.x + ',' + (a.y + BH / 2) + ' L' + b.x + ',' + (b.y - BH / 2);
        lx = (a.x + b.x) / 2; ly = (a.y + b.y) / 2;
      } else {
        /* Back to an earlier state (a loop): round the right side. */
        var side = width - 40 - (i % 4) * 8;
        d = 'M' + (a.x + BW / 2) + ',' + a.y + ' C' + side + ',' + a.y + ' ' + side + ',' + b.y + ' ' + (b.x + BW / 2) + ',' + b.y;
        lx = side - 4; ly = (a.y + b.y) / 2;
      }
      var path = svgEl('path', { d: d, class: 'edge', 'marker-end': 'url(#arrow)' });
      var title = svgEl('title', {});
      title.textContent = e.label || '';
      path.appendChild(title);
      svg.appendChild(path);
      if (e.label) {
        var label = svgEl('text', { x: lx, y: ly, class: 'edge-label', 'text-anchor': b.y > a.y ? 'middle' : 'end' });
        label.textContent = e.label.length > 28 ? e.label.slice(0, 27) + '…' : e.label;
        svg.appendChild(label);
      }
    });

    g.order.forEach(function (id) {
      var p = pos[id];
      var group = svgEl('g', { class: 'state' + (id.charAt(0) === '[' ? ' terminal' : ''), 'data-state': id });
      if (id.charAt(0) === '[') {
        group.appendChild(svgEl('circle', { cx: p.x, cy: p.y, r: 9 }));
      } else {
        group.appendChild(svgEl('rect', { x: p.x - BW / 2, y: p.y - BH / 2, width: BW, height: BH, rx: 8 }));
        var name = svgEl('text', { x: p.x, y: p.y - 4, 'text-anchor': 'middle', class: 'state-name' });
        name.textContent = id;
        group.appendChild(name);
        var what = g.nodes[id].label;
        var sub = svgEl('text', { x: p.x, y: p.y + 13, 'text-anchor': 'middle', class: 'state-what' });
        sub.textContent = what.length > 26 ? what.slice(0, 25) + '…' : what;
        group.appendChild(sub);
        var title = svgEl('title', {});
        title.textContent = id + (what ? ': ' + what : '');
        group.appendChild(title);
      }
      svg.appendChild(group);
    });
    return svg;
  }

  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return node;
  }
})();
