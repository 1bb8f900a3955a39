// licscan review report: table, findings and agreement views, rendered from the
// JSON blocks in this file. No network. Hash routes: #portfolio, #findings,
// #charts, #doc=N[&clause=C][&finding=F], #finding=F (opens the finding's first
// agreement at its first clause). #status reports what is shown, for tests.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var D = JSON.parse($('data').textContent);
  var ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  function esc(s) { return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) { return ESC[c]; }); }
  function fmt(v) { return v === true ? 'yes' : v === false ? 'no' : v == null ? '' : String(v); }
  var status = $('status');
  function setStatus(attrs, text) {
    for (var k in attrs) status.setAttribute('data-' + k, attrs[k]);
    status.textContent = text;
  }

  // ---------------------------------------------------------------- table
  var COLS = [
    { i: 0, label: '#', key: 'n', num: true }, { i: 1, label: 'Agreement', key: 'path' },
    { i: 2, label: 'Status', key: 'status' }, { i: 3, label: 'Exclusivity', key: 'excl' },
    { i: 4, label: 'Territory', key: 'territory' }, { i: 5, label: 'Field', key: 'field' },
    { i: 6, label: 'Effective', key: 'effective' }, { i: 7, label: 'Expires', key: 'expires' },
    { i: 8, label: 'Auto-renews', key: 'renews' }, { i: 14, label: 'Sublicensable', key: 'sublicense' },
    { i: 9, label: 'Royalty', key: 'royalty', num: true }, { i: 10, label: 'Base', key: 'base' },
    { i: 15, label: 'Improvements', key: 'improvements' },
    { i: 11, label: 'Change of control', key: 'coc' }, { i: 12, label: 'Law', key: 'law' },
    { i: 13, label: 'Findings', key: 'findings', num: true }
  ];
  var PAGE = 50, FPAGE = 100;
  var rows = D.rows;
  var kindsOf = rows.map(function () { return null; });
  var findingsOf = rows.map(function () { return []; });
  D.findings.forEach(function (f, id) {
    f[2].forEach(function (inv) {
      var a = inv[0];
      if (a < rows.length) {
        findingsOf[a].push(id);
        (kindsOf[a] = kindsOf[a] || {})[f[0]] = true;
      }
    });
  });
  var labelOf = {};
  D.kinds.forEach(function (k) { labelOf[k[0]] = k[1]; });
  var hay = [];
  function haystack(r) {
    if (!hay[r[0]]) hay[r[0]] = r.map(function (v) { return fmt(v); }).join(' \u0001 ').toLowerCase();
    return hay[r[0]];
  }
  var st = { sort: 0, dir: 1, page: 0, shown: rows };

  $('thead').innerHTML = COLS.map(function (c, n) {
    return '<th data-col="' + n + '">' + esc(c.label) + '</th>';
  }).join('');
  D.kinds.forEach(function (k) {
    if (!k[2]) return;
    var o = '<option value="' + esc(k[0]) + '">' + esc(k[1]) + ' (' + k[2] + ')</option>';
    $('f-kind').insertAdjacentHTML('beforeend', o);
    $('fk').insertAdjacentHTML('beforeend', o);
  });

  function sortValue(r, c) {
    var v = r[c.i];
    if (c.num) { var x = parseFloat(v); return isNaN(x) ? null : x; }
    return v == null || v === '' ? null : fmt(v).toLowerCase();
  }
  function applyTable() {
    var q = $('q').value.trim().toLowerCase();
    var terms = q ? q.split(/\s+/) : [];
    var fs = $('f-status').value, fe = $('f-excl').value, fk = $('f-kind').value;
    var byKey = {};
    COLS.forEach(function (c) { byKey[c.key] = c; byKey[c.label.toLowerCase()] = c; });
    var shown = rows.filter(function (r) {
      if (fs && r[2] !== fs) return false;
      if (fe && (fe === '-' ? r[3] != null : r[3] !== fe)) return false;
      if (fk && !(kindsOf[r[0]] && kindsOf[r[0]][fk])) return false;
      for (var t = 0; t < terms.length; t++) {
        var m = /^([a-z ]+):(.*)$/.exec(terms[t]);
        if (m && byKey[m[1]]) {
          if (fmt(r[byKey[m[1]].i]).toLowerCase().indexOf(m[2]) < 0) return false;
        } else if (haystack(r).indexOf(terms[t]) < 0) return false;
      }
      return true;
    });
    var c = COLS[st.sort], dir = st.dir;
    shown.sort(function (a, b) {
      var x = sortValue(a, c), y = sortValue(b, c);
      if (x === y) return a[0] - b[0];
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * dir;
    });
    st.shown = shown;
    st.page = Math.min(st.page, Math.max(0, Math.ceil(shown.length / PAGE) - 1));
    renderTable();
  }
  function cell(r, c) {
    var v = r[c.i];
    if (c.key === 'path') return '<td title="' + esc(v) + '"><a href="#doc=' + r[0] + '">' + esc(v) + '</a></td>';
    if (c.key === 'findings') return '<td class="num">' + (v ? '<a href="#doc=' + r[0] + '">' + v + '</a>' : '0') + '</td>';
    return '<td' + (c.num ? ' class="num"' : '') + ' title="' + esc(fmt(v)) + '">' + esc(fmt(v)) + '</td>';
  }
  function renderTable() {
    var s = st.shown, from = st.page * PAGE, to = Math.min(s.length, from + PAGE), html = [];
    for (var k = from; k < to; k++) {
      var r = s[k];
      html.push('<tr' + (r[2] === 'error' ? ' class="err"' : '') + '>' + COLS.map(function (c) { return cell(r, c); }).join('') + '</tr>');
    }
    $('tbody').innerHTML = html.join('');
    var pages = Math.max(1, Math.ceil(s.length / PAGE));
    $('count').textContent = s.length + ' of ' + rows.length + ' agreements';
    $('pager').innerHTML = pager('t', st.page, pages, from, to, s.length);
    Array.prototype.forEach.call($('thead').children, function (th, n) {
      th.className = n === st.sort ? (st.dir > 0 ? 'asc' : 'desc') : '';
    });
  }
  function pager(p, page, pages, from, to, total) {
    return '<button data-pg="' + p + ':' + (page - 1) + '"' + (page <= 0 ? ' disabled' : '') + '>&larr; Prev</button>' +
      '<span>Page ' + (page + 1) + ' of ' + pages + ' (' + (total ? from + 1 : 0) + '&ndash;' + to + ' of ' + total + ')</span>' +
      '<button data-pg="' + p + ':' + (page + 1) + '"' + (page >= pages - 1 ? ' disabled' : '') + '>Next &rarr;</button>';
  }
  $('thead').addEventListener('click', function (e) {
    var th = e.target.closest('th');
    if (!th) return;
    var n = +th.getAttribute('data-col');
    if (st.sort === n) st.dir = -st.dir; else { st.sort = n; st.dir = 1; }
    applyTable();
  });
  document.addEventListener('click', function (e) {
    var b = e.target.closest('button[data-pg]');
    if (!b) return;
    var p = b.getAttribute('data-pg').split(':');
    if (p[0] === 't') { st.page = +p[1]; renderTable(); } else { fst.page = +p[1]; renderFindings(); }
  });
  var timer = null;
  function later(f) { return function () { clearTimeout(timer); timer = setTimeout(f, 120); }; }
  $('q').addEventListener('input', later(function () { st.page = 0; applyTable(); }));
  ['f-status', 'f-excl', 'f-kind'].forEach(function (id) {
    $(id).addEventListener('change', function () { st.page = 0; applyTable(); });
  });

  // ---------------------------------------------------------------- findings
  var fst = { page: 0, shown: [] };
  function findingLinks(f, id) {
    return f[2].map(function (inv) {
      var a = inv[0], path = rows[a] ? rows[a][1] : '#' + a;
      var links = '<a href="#doc=' + a + '&finding=' + id + '">' + esc(path) + '</a>';
      inv[1].slice(0, 4).forEach(function (c) {
        links += '<a href="#doc=' + a + '&clause=' + c[0] + '&finding=' + id + '" title="bytes ' + c[1] + '-' + c[2] + '">clause ' + c[0] + ' (p. ' + c[3] + ', bytes ' + c[1] + '&ndash;' + c[2] + ')</a>';
      });
      if (inv[1].length > 4) links += '<span>+' + (inv[1].length - 4) + ' more clauses</span>';
      return '<div class="links">' + links + '</div>';
    }).join('');
  }
  function findingHtml(id) {
    var f = D.findings[id];
    return '<li id="f-' + id + '" value="' + (id + 1) + '"><span class="kind k-' + esc(f[0]) + '">' + esc(labelOf[f[0]]) + '</span>' +
      '<a href="#finding=' + id + '">' + esc(f[1]) + '</a>' + findingLinks(f, id) + '</li>';
  }
  function applyFindings() {
    var k = $('fk').value, q = $('fq').value.trim().toLowerCase(), out = [];
    D.findings.forEach(function (f, id) {
      if (k && f[0] !== k) return;
      if (q && f[1].toLowerCase().indexOf(q) < 0) return;
      out.push(id);
    });
    fst.shown = out;
    fst.page = Math.min(fst.page, Math.max(0, Math.ceil(out.length / FPAGE) - 1));
    renderFindings();
  }
  function renderFindings() {
    var s = fst.shown, from = fst.page * FPAGE, to = Math.min(s.length, from + FPAGE);
    $('flist').innerHTML = s.slice(from, to).map(findingHtml).join('');
    $('fcount').textContent = s.length + ' of ' + D.findings.length + ' findings';
    $('fpager').innerHTML = pager('f', fst.page, Math.max(1, Math.ceil(s.length / FPAGE)), from, to, s.length);
  }
  $('fk').addEventListener('change', function () { fst.page = 0; applyFindings(); });
  $('fq').addEventListener('input', later(function () { fst.page = 0; applyFindings(); }));

  // ---------------------------------------------------------------- agreement
  var blobs = {};
  function blob(i) {
    if (!blobs[i]) {
      var el = $('d-' + i);
      if (!el) return null;
      blobs[i] = JSON.parse(el.textContent);
    }
    return blobs[i];
  }
  function renderText(text, clauses, focus) {
    var marks = [], alias = {};
    clauses.forEach(function (c, n) { if (c[7] != null && c[8] > c[7]) marks.push([c[7], c[8], n]); });
    marks.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var out = [], pos = 0, page = 1, last = null;
    function plain(s) {
      var parts = s.split('\f');
      return parts.map(function (p, k) { return (k ? '<span class="pb">page ' + (++page) + '</span>' : '') + esc(p); }).join('');
    }
    marks.forEach(function (m) {
      var s = Math.max(m[0], pos), c = clauses[m[2]];
      if (s >= m[1]) { alias[m[2]] = last; return; }
      out.push(plain(text.slice(pos, s)));
      out.push('<mark id="c-' + m[2] + '" class="cl t-' + esc(c[0]) + (focus[m[2]] ? ' focus' : '') + '" title="clause ' + m[2] + ': ' +
        esc(c[0] + ' / ' + c[1] + ', rule ' + c[6] + ', p. ' + c[4] + ', bytes ' + c[2] + '-' + c[3]) + '">' + plain(text.slice(s, m[1])) + '</mark>');
      pos = m[1];
      last = m[2];
    });
    out.push(plain(text.slice(pos)));
    return { html: out.join(''), alias: alias };
  }
  var TYPES = ['license_grant', 'field_of_use', 'territory', 'exclusivity', 'sublicensing', 'term', 'royalty', 'audit', 'improvements', 'termination', 'assignment', 'governing_law', 'liability'];
  var current = { doc: -1, alias: {} };
  function renderDoc(i, clause, fid) {
    var r = rows[i], b = blob(i);
    if (!r || !b) { setStatus({ state: 'missing', view: 'doc', doc: i }, 'no agreement ' + i); return; }
    var focus = {};
    var f = fid != null ? D.findings[fid] : null;
    if (f) f[2].forEach(function (inv) { if (inv[0] === i) inv[1].forEach(function (c) { focus[c[0]] = true; }); });
    var text = b.text;
    if (text == null && b.same != null) { var o = blob(b.same); text = o && o.text; }
    var h = ['<h2>' + esc(r[1]) + '</h2>'];
    if (b.error) h.push('<p class="finding-box">This document could not be read: ' + esc(b.error) + '</p>');
    if (f) h.push('<div class="finding-box" id="finding-box"><span class="kind k-' + esc(f[0]) + '">' + esc(labelOf[f[0]]) + '</span> Finding ' + fid + ': ' + esc(f[1]) + findingLinks(f, fid) + '</div>');
    var side = ['<table class="terms"><tbody>'];
    b.terms.forEach(function (t) {
      var src = t[2], val = esc(t[1]) || '<span class="note">not found</span>';
      if (src.length && t[1] !== '') val = '<a href="#doc=' + i + '&clause=' + src[0] + '" data-term>' + val + '</a>';
      side.push('<tr><td>' + esc(t[0]) + '</td><td>' + val + ' ' + src.map(function (c) {
        var cl = b.clauses[c];
        return '<a class="src" href="#doc=' + i + '&clause=' + c + '" title="' + esc(cl ? cl[0] + ' / ' + cl[1] : '') + '">[' + c + ']</a>';
      }).join('') + '</td></tr>');
    });
    side.push('</tbody></table>');
    var mine = findingsOf[i];
    if (mine.length) {
      side.push('<h3>Findings (' + mine.length + ')</h3><ul class="clauses">' + mine.slice(0, 200).map(function (id) {
        return '<li><a href="#finding=' + id + '">' + esc(D.findings[id][1]) + '</a></li>';
      }).join('') + '</ul>');
    }
    side.push('<h3>Clauses (' + b.clauses.length + ')</h3><ol class="clauses" start="0">' + b.clauses.map(function (c, n) {
      return '<li><a href="#doc=' + i + '&clause=' + n + '">' + esc(c[0] + ' / ' + c[1]) + '</a> p. ' + c[4] + ', bytes ' + c[2] + '&ndash;' + c[3] + (c[5] ? ', ' + esc(c[5]) : '') + '</li>';
    }).join('') + '</ol>');
    var legend = '<p class="legend">' + TYPES.map(function (t) { return '<span class="t-' + t + '">' + t + '</span>'; }).join('') + '</p>';
    var body;
    current = { doc: i, alias: {} };
    if (text != null) {
      var rt = renderText(text, b.clauses, focus);
      current.alias = rt.alias;
      body = legend + '<div class="text" id="doc-text">' + rt.html + '</div>';
    } else {
      body = '<p class="note">' + esc(b.note || 'Text not available') + '; showing each clause\'s own text.</p>' + legend +
        b.clauses.map(function (c, n) {
          return '<div class="own"><mark id="c-' + n + '" class="cl t-' + esc(c[0]) + (focus[n] ? ' focus' : '') + '">' + esc(c[9] || '') + '</mark><div class="note">clause ' + n + ': ' + esc(c[0] + ' / ' + c[1]) + ', p. ' + c[4] + ', bytes ' + c[2] + '-' + c[3] + '</div></div>';
        }).join('');
    }
    h.push('<div class="doc"><aside>' + side.join('') + '</aside><div class="pane" id="pane">' + body + '</div></div>');
    $('agreement').innerHTML = h.join('');
    $('doc-tab').innerHTML = '<a href="#doc=' + i + '" data-view="agreement" class="on">' + esc(r[1].split('/').pop()) + '</a>';
    show('agreement');
    window.scrollTo(0, 0);
    var shown = null;
    if (clause != null) {
      var id = current.alias[clause] != null ? current.alias[clause] : clause;
      var el = $('c-' + id);
      if (el) {
        el.classList.add('flash');
        var pane = $('pane');
        pane.scrollTop = Math.max(0, el.offsetTop - pane.clientHeight / 3);
        shown = id;
      }
    }
    setStatus({ state: 'ready', view: 'doc', doc: i, clause: shown == null ? '' : shown, finding: fid == null ? '' : fid,
      highlights: document.querySelectorAll('#agreement mark.cl').length },
      'agreement ' + i + (shown != null ? ', clause ' + shown : '') + (fid != null ? ', finding ' + fid : ''));
  }

  // ---------------------------------------------------------------- routing
  function show(view) {
    ['portfolio', 'findings', 'charts', 'agreement'].forEach(function (v) { $(v).classList.toggle('on', v === view); });
    Array.prototype.forEach.call(document.querySelectorAll('nav a'), function (a) {
      a.classList.toggle('on', a.getAttribute('data-view') === view);
    });
  }
  function route() {
    var h = location.hash.replace(/^#/, ''), p = {};
    h.split('&').forEach(function (kv) { var x = kv.split('='); if (x[0]) p[x[0]] = x.length > 1 ? decodeURIComponent(x[1]) : ''; });
    if (p.doc != null) {
      renderDoc(+p.doc, p.clause != null ? +p.clause : null, p.finding != null ? +p.finding : null);
    } else if (p.finding != null) {
      var id = +p.finding, f = D.findings[id];
      if (!f) { show('findings'); setStatus({ state: 'missing', view: 'finding', finding: id }, 'no finding ' + id); return; }
      var first = f[2][0];
      renderDoc(first[0], first[1].length ? first[1][0][0] : null, id);
    } else {
      var v = ['findings', 'charts'].indexOf(h) >= 0 ? h : 'portfolio';
      show(v);
      setStatus({ state: 'ready', view: v, doc: '', clause: '', finding: '' }, v);
    }
  }
  window.addEventListener('hashchange', route);
  applyTable();
  applyFindings();
  route();
  status.setAttribute('data-init-ms', Math.round(performance.now()));
  window.addEventListener('load', function () { status.setAttribute('data-load-ms', Math.round(performance.now())); });
})();
