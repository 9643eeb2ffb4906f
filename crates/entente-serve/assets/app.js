// entente: the web map. Plain JavaScript, no dependencies, no build step.
//
// Scraped text is hostile: every string that comes from a document is put in the page with
// textContent (or as an attribute value through setAttribute on a harmless attribute), never
// parsed as HTML, and only http(s) URLs become links. The server's Content-Security-Policy
// forbids inline scripts as a second line of defence.
'use strict';

(function () {
  const SECTORS = ['energy', 'trade', 'economy', 'technology', 'cyber', 'agriculture', 'arms', 'military',
    'security', 'diplomacy', 'sanctions', 'other'];
  const SECTOR_COLOURS = {
    energy: '#e09f00', trade: '#2a9d8f', economy: '#5b8def', technology: '#8e6bd8', cyber: '#d14fb8',
    agriculture: '#6aa84f', arms: '#b03a2e', military: '#8b5a2b', security: '#1f6f8b', diplomacy: '#7f8c8d',
    sanctions: '#343a40', other: '#b8b8b8',
  };
  const POLARITY_COLOURS = { cooperative: '#2e8b57', conflictual: '#c0392b', mixed: '#9b59b6' };
  const SVGNS = 'http://www.w3.org/2000/svg';

  // ---------------------------------------------------------------- DOM helpers (text only)

  /** An element; string and number children become text nodes. */
  function h(tag, props, ...kids) {
    const e = document.createElement(tag);
    setProps(e, props);
    append(e, kids);
    return e;
  }
  function s(tag, props, ...kids) {
    const e = document.createElementNS(SVGNS, tag);
    setProps(e, props);
    append(e, kids);
    return e;
  }
  function setProps(e, props) {
    if (!props) return;
    for (const [k, v] of Object.entries(props)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.setAttribute('class', v);
      else if (k === 'text') e.textContent = String(v);
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (k === 'href' || k === 'src' || k === 'style') throw new Error('use link() for ' + k);
      else e.setAttribute(k, String(v));
    }
  }
  function append(e, kids) {
    for (const kid of kids.flat(Infinity)) {
      if (kid === null || kid === undefined || kid === false) continue;
      e.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
    }
  }
  function clear(e) {
    while (e.firstChild) e.removeChild(e.firstChild);
    return e;
  }

  /** A link when `url` is an absolute http(s) URL; anything else (javascript:, data:...) is text. */
  function link(url, label) {
    const raw = typeof url === 'string' ? url.trim() : '';
    let parsed = null;
    if (/^https?:\/\//i.test(raw)) {
      try { parsed = new URL(raw); } catch (_) { parsed = null; }
    }
    if (parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) {
      const a = h('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }, label);
      a.href = parsed.href;
      return a;
    }
    return h('span', { class: 'doc-title' }, label,
      raw ? [' ', h('span', { class: 'unsafe-url', title: 'not an http(s) link: shown as text' }, raw)] : null);
  }

  /** Navigation inside the page: a button that sets the hash. */
  function go(hash, label, cls) {
    return h('button', { type: 'button', class: cls || 'linkish', onclick: () => { location.hash = hash; } }, label);
  }

  function fmtNumber(v) {
    if (typeof v !== 'number' || !isFinite(v)) return String(v);
    return v.toLocaleString('en-US', { maximumFractionDigits: 2 });
  }
  function fmtAmount(q) {
    const unit = q.unit === 'percent' ? '%' : ' ' + q.unit;
    return fmtNumber(q.value) + unit + (q.of ? ' (' + q.of + ')' : '');
  }
  function actorLabel(a) {
    return a && a.name ? a.name : (a && a.code) || '?';
  }

  // ---------------------------------------------------------------- API

  async function api(path, params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
    }
    const url = path + (q.toString() ? '?' + q.toString() : '');
    const res = await fetch(url, { headers: { Accept: 'application/json' } });
    let body = null;
    try { body = await res.json(); } catch (_) { body = null; }
    if (!res.ok) {
      throw new Error((body && body.error) || ('HTTP ' + res.status));
    }
    return body;
  }
  const enc = encodeURIComponent;

  // ---------------------------------------------------------------- state

  const state = {
    filters: { sector: '', polarity: '', since: '', until: '', actor: '' },
    colourBy: 'sector',
    graph: null, // { nodes, edges (merged per pair), byCode }
    view: { x: 0, y: 0, k: 1 },
    selected: null,
  };
  const $ = (id) => document.getElementById(id);
  const svg = $('map');
  const panel = $('panel');

  // ---------------------------------------------------------------- the map

  /** Merges the API's edges (pair × sector × polarity) into one drawn edge per pair. */
  function mergeEdges(edges) {
    const byPair = new Map();
    for (const e of edges) {
      const key = e.a + '\u0000' + e.b;
      let m = byPair.get(key);
      if (!m) {
        m = { a: e.a, b: e.b, documents: 0, relations: 0, parts: [], coop: 0, conf: 0 };
        byPair.set(key, m);
      }
      m.documents += e.documents;
      m.relations += e.relations;
      m.parts.push(e);
      if (e.polarity === 'conflictual') m.conf += e.documents; else m.coop += e.documents;
    }
    const out = [];
    for (const m of byPair.values()) {
      m.parts.sort((x, y) => y.documents - x.documents || y.relations - x.relations);
      m.sector = m.parts[0].sector;
      m.polarity = m.coop && m.conf ? 'mixed' : (m.conf ? 'conflictual' : 'cooperative');
      out.push(m);
    }
    out.sort((x, y) => y.documents - x.documents || y.relations - x.relations || (x.a + x.b).localeCompare(y.a + y.b));
    return out;
  }

  /** Deterministic force layout: Fruchterman-Reingold, repulsion only between actors within
   *  two ideal lengths of each other (found through a grid rebuilt each step by counting sort),
   *  so a step is linear in the number of actors. */
  function layout(nodes, edges) {
    const n = nodes.length;
    if (!n) return;
    const k = n <= 160 ? 70 : 46, k2 = k * k, cell = 2 * k, reach2 = cell * cell; // room for labels when drawn
    const index = new Map(nodes.map((d, i) => [d.code, i]));
    const x = new Float64Array(n), y = new Float64Array(n), dx = new Float64Array(n), dy = new Float64Array(n);
    const golden = Math.PI * (3 - Math.sqrt(5));
    for (let i = 0; i < n; i++) { // a sunflower spiral, best-tied actors in the middle
      const r = k * 0.9 * Math.sqrt(i + 0.5);
      x[i] = r * Math.cos(i * golden);
      y[i] = r * Math.sin(i * golden);
    }
    const la = [], lb = [], lw = [];
    for (const e of edges) {
      const i = index.get(e.a), j = index.get(e.b);
      if (i !== undefined && j !== undefined) { la.push(i); lb.push(j); lw.push(1 + Math.log2(1 + e.documents) * 0.3); }
    }
    const iterations = n > 600 ? 90 : n > 200 ? 160 : 300;
    let temp = k * Math.sqrt(n) * 0.4;
    const cool = Math.pow(0.5 / temp, 1 / iterations);
    const cellOf = new Int32Array(n), order = new Int32Array(n);
    for (let it = 0; it < iterations; it++) {
      dx.fill(0); dy.fill(0);
      // The grid: cells of `cell` units over the bounding box, nodes sorted by cell.
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (let i = 0; i < n; i++) {
        if (x[i] < x0) x0 = x[i]; if (x[i] > x1) x1 = x[i];
        if (y[i] < y0) y0 = y[i]; if (y[i] > y1) y1 = y[i];
      }
      const gw = Math.min(512, Math.floor((x1 - x0) / cell) + 1), gh = Math.min(512, Math.floor((y1 - y0) / cell) + 1);
      const starts = new Int32Array(gw * gh + 1);
      for (let i = 0; i < n; i++) {
        const cx = Math.min(gw - 1, Math.floor((x[i] - x0) / cell)), cy = Math.min(gh - 1, Math.floor((y[i] - y0) / cell));
        cellOf[i] = cy * gw + cx;
        starts[cellOf[i] + 1]++;
      }
      for (let c = 0; c < gw * gh; c++) starts[c + 1] += starts[c];
      const fill = starts.slice(0, gw * gh);
      for (let i = 0; i < n; i++) order[fill[cellOf[i]]++] = i;
      for (let i = 0; i < n; i++) {
        const cx = cellOf[i] % gw, cy = (cellOf[i] - cx) / gw;
        for (let gy = Math.max(0, cy - 1); gy <= Math.min(gh - 1, cy + 1); gy++) {
          for (let gx = Math.max(0, cx - 1); gx <= Math.min(gw - 1, cx + 1); gx++) {
            const c = gy * gw + gx;
            for (let o = starts[c]; o < starts[c + 1]; o++) {
              const j = order[o];
              if (j <= i) continue; // each pair once
              let ex = x[i] - x[j], ey = y[i] - y[j];
              let d2 = ex * ex + ey * ey;
              if (d2 > reach2) continue;
              if (d2 < 0.01) { ex = 0.1 * (1 + (i % 7)); ey = 0.1 * (1 + (j % 5)); d2 = ex * ex + ey * ey; }
              const f = k2 / d2;
              dx[i] += ex * f; dy[i] += ey * f;
              dx[j] -= ex * f; dy[j] -= ey * f;
            }
          }
        }
      }
      for (let l = 0; l < la.length; l++) {
        const i = la[l], j = lb[l];
        const ex = x[i] - x[j], ey = y[i] - y[j];
        const f = (Math.sqrt(ex * ex + ey * ey) / k) * lw[l];
        dx[i] -= ex * f; dy[i] -= ey * f;
        dx[j] += ex * f; dy[j] += ey * f;
      }
      for (let i = 0; i < n; i++) {
        dx[i] -= x[i] * 0.03; dy[i] -= y[i] * 0.03; // gravity keeps components together
        const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
        if (d > 0) {
          const m = Math.min(d, temp) / d;
          x[i] += dx[i] * m; y[i] += dy[i] * m;
        }
      }
      temp *= cool;
    }
    for (let i = 0; i < n; i++) { nodes[i].x = x[i]; nodes[i].y = y[i]; }
  }

  /** A label for the map: organisations by their short code (NATO, EU), others by name. */
  function shortName(d) {
    return d.kind === 'igo' || !d.name ? d.code : d.name;
  }
  function nodeRadius(d) {
    return 4 + 2.6 * Math.sqrt(d.partners || 0);
  }
  function edgeColour(e) {
    return state.colourBy === 'polarity' ? POLARITY_COLOURS[e.polarity] : (SECTOR_COLOURS[e.sector] || '#999');
  }
  function pairHash(a, b) {
    return '#/pair/' + enc(a) + '/' + enc(b);
  }

  async function loadMap() {
    const status = $('map-status');
    status.textContent = 'Loading the map…';
    status.classList.remove('error');
    let g;
    try {
      g = await api('/api/graph', Object.assign({ limit: 1000 }, state.filters));
    } catch (err) {
      status.textContent = 'The map could not be loaded: ' + err.message;
      status.classList.add('error');
      clear(svg);
      return;
    }
    const edges = mergeEdges(g.edges);
    const t0 = performance.now();
    layout(g.nodes, edges);
    const t1 = performance.now();
    const byCode = new Map(g.nodes.map((d) => [d.code, d]));
    state.graph = { nodes: g.nodes, edges, byCode, truncated: g.truncated, total: g.total_nodes };
    drawMap();
    fitMap();
    fillLists();
    const timing = 'laid out in ' + Math.round(t1 - t0) + ' ms, drawn in ' + Math.round(performance.now() - t1) + ' ms';
    status.textContent = g.nodes.length + ' actors and ' + edges.length + ' ties' +
      (g.truncated ? ' (the ' + g.nodes.length + ' best tied of ' + g.total_nodes + ')' : '') +
      (g.nodes.length ? '. Select an actor or a tie for its evidence.' : '. Nothing matches the filters.');
    status.title = timing;
    status.dataset.timing = timing;
    status.dataset.ready = '1';
    markSelected();
  }

  function drawMap() {
    const g = state.graph;
    clear(svg);
    const root = s('g', { id: 'viewport' });
    const edgeLayer = s('g', { class: 'edges' });
    const nodeLayer = s('g', { class: 'nodes' });
    for (const e of g.edges) {
      const a = g.byCode.get(e.a), b = g.byCode.get(e.b);
      const sectors = e.parts.map((p) => p.sector + ' (' + p.polarity + ', ' + p.documents + ' doc.)').join(', ');
      const line = s('line', {
        class: 'edge', x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: b.x.toFixed(1), y2: b.y.toFixed(1),
        stroke: edgeColour(e), 'stroke-width': (1.5 + Math.log2(1 + e.documents) * 1.5).toFixed(1),
        'data-a': e.a, 'data-b': e.b,
      }, s('title', { text: actorLabel(a) + ' – ' + actorLabel(b) + ': ' + sectors }));
      line.addEventListener('click', (ev) => { ev.stopPropagation(); location.hash = pairHash(e.a, e.b); });
      edgeLayer.append(line);
    }
    const labels = g.nodes.length <= 160;
    for (const d of g.nodes) {
      const r = nodeRadius(d);
      const node = s('g', {
        class: 'node ' + (d.kind || ''), transform: 'translate(' + d.x.toFixed(1) + ' ' + d.y.toFixed(1) + ')',
        'data-code': d.code,
      },
      s('circle', { r: r.toFixed(1) }),
      s('title', { text: actorLabel(d) + ' (' + d.code + '): ' + d.partners + ' partners' }),
      (labels || r > 12) ? s('text', { x: (r + 2).toFixed(1), y: '4', text: shortName(d) }) : null);
      node.addEventListener('click', (ev) => { ev.stopPropagation(); location.hash = '#/actor/' + enc(d.code); });
      nodeLayer.append(node);
    }
    root.append(edgeLayer, nodeLayer);
    svg.append(root);
    drawLegend();
  }

  function drawLegend() {
    const legend = clear($('legend'));
    const entries = state.colourBy === 'polarity'
      ? Object.entries(POLARITY_COLOURS)
      : SECTORS.filter((sec) => !state.graph || state.graph.edges.some((e) => e.sector === sec))
        .map((sec) => [sec, SECTOR_COLOURS[sec]]);
    for (const [name, colour] of entries) {
      const sw = h('i');
      sw.style.background = colour; // CSSOM, not an inline style attribute: allowed by the CSP
      legend.append(h('span', null, sw, name));
    }
  }

  function fillLists() {
    const g = state.graph;
    const nodes = [...g.nodes].sort((x, y) => y.partners - x.partners || x.code.localeCompare(y.code));
    const nl = clear($('node-list'));
    for (const d of nodes) {
      nl.append(h('li', null, go('#/actor/' + enc(d.code), actorLabel(d)), ' ',
        h('span', { class: 'code' }, d.code + ' · ' + d.partners + ' partners')));
    }
    const el = clear($('edge-list'));
    const shown = g.edges.slice(0, 400);
    for (const e of shown) {
      const a = g.byCode.get(e.a), b = g.byCode.get(e.b);
      el.append(h('li', null, go(pairHash(e.a, e.b), actorLabel(a) + ' – ' + actorLabel(b)), ' ',
        h('span', { class: 'code' }, e.parts.map((p) => p.sector).join(', ') + ' · ' + e.documents + ' doc.')));
    }
    if (g.edges.length > shown.length) {
      el.append(h('li', { class: 'meta' }, (g.edges.length - shown.length) + ' more ties: narrow the filters to list them.'));
    }
    const dl = clear($('actor-names'));
    for (const d of nodes) dl.append(h('option', { value: d.code, label: actorLabel(d) }));
  }

  // Pan and zoom: the viewport group's transform.
  function applyView() {
    const vp = $('viewport');
    if (vp) vp.setAttribute('transform', 'translate(' + state.view.x + ' ' + state.view.y + ') scale(' + state.view.k + ')');
  }
  function fitMap() {
    const g = state.graph;
    const w = svg.clientWidth || 800, hgt = svg.clientHeight || 500;
    if (!g || !g.nodes.length) { state.view = { x: w / 2, y: hgt / 2, k: 1 }; applyView(); return; }
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const d of g.nodes) {
      x0 = Math.min(x0, d.x); y0 = Math.min(y0, d.y); x1 = Math.max(x1, d.x); y1 = Math.max(y1, d.y);
    }
    const pad = 60;
    const k = Math.min(2.2, (w - pad * 2) / Math.max(1, x1 - x0), (hgt - pad * 2) / Math.max(1, y1 - y0));
    state.view = { k, x: w / 2 - k * (x0 + x1) / 2, y: hgt / 2 - k * (y0 + y1) / 2 };
    applyView();
  }
  function zoomBy(f, cx, cy) {
    const v = state.view;
    if (cx === undefined) { cx = (svg.clientWidth || 800) / 2; cy = (svg.clientHeight || 500) / 2; }
    const k = Math.max(0.05, Math.min(20, v.k * f));
    v.x = cx - (cx - v.x) * (k / v.k);
    v.y = cy - (cy - v.y) * (k / v.k);
    v.k = k;
    applyView();
  }
  function setupPanZoom() {
    let drag = null;
    svg.addEventListener('wheel', (ev) => {
      ev.preventDefault();
      const r = svg.getBoundingClientRect();
      zoomBy(ev.deltaY < 0 ? 1.15 : 1 / 1.15, ev.clientX - r.left, ev.clientY - r.top);
    }, { passive: false });
    svg.addEventListener('pointerdown', (ev) => {
      if (ev.target !== svg) return; // clicks on nodes and edges are selections
      drag = { x: ev.clientX, y: ev.clientY, vx: state.view.x, vy: state.view.y };
      svg.setPointerCapture(ev.pointerId);
      svg.classList.add('dragging');
    });
    svg.addEventListener('pointermove', (ev) => {
      if (!drag) return;
      state.view.x = drag.vx + ev.clientX - drag.x;
      state.view.y = drag.vy + ev.clientY - drag.y;
      applyView();
    });
    const end = () => { drag = null; svg.classList.remove('dragging'); };
    svg.addEventListener('pointerup', end);
    svg.addEventListener('pointercancel', end);
    svg.addEventListener('keydown', (ev) => {
      const step = 40;
      const moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
      if (moves[ev.key]) {
        state.view.x += moves[ev.key][0]; state.view.y += moves[ev.key][1]; applyView(); ev.preventDefault();
      } else if (ev.key === '+' || ev.key === '=') { zoomBy(1.25); ev.preventDefault(); }
      else if (ev.key === '-') { zoomBy(1 / 1.25); ev.preventDefault(); }
      else if (ev.key === '0') { fitMap(); ev.preventDefault(); }
    });
    $('zoom-in').addEventListener('click', () => zoomBy(1.25));
    $('zoom-out').addEventListener('click', () => zoomBy(1 / 1.25));
    $('zoom-reset').addEventListener('click', fitMap);
  }

  /** Marks the selected actor or pair on the map and dims the rest. */
  function markSelected() {
    const sel = state.selected;
    for (const e of svg.querySelectorAll('.selected, .near')) e.classList.remove('selected', 'near');
    svg.classList.remove('map-dim');
    if (!sel || !state.graph) return;
    if (sel.kind === 'actor') {
      const node = svg.querySelector('.node[data-code="' + CSS.escape(sel.a) + '"]');
      if (!node) return;
      svg.classList.add('map-dim');
      node.classList.add('selected', 'near');
      for (const line of svg.querySelectorAll('.edge')) {
        const a = line.getAttribute('data-a'), b = line.getAttribute('data-b');
        if (a === sel.a || b === sel.a) {
          line.classList.add('near');
          const other = svg.querySelector('.node[data-code="' + CSS.escape(a === sel.a ? b : a) + '"]');
          if (other) other.classList.add('near');
        }
      }
    } else if (sel.kind === 'pair') {
      for (const line of svg.querySelectorAll('.edge')) {
        const a = line.getAttribute('data-a'), b = line.getAttribute('data-b');
        if ((a === sel.a && b === sel.b) || (a === sel.b && b === sel.a)) line.classList.add('selected');
      }
    }
  }

  // ---------------------------------------------------------------- filters

  function setupFilters() {
    const sel = $('f-sector');
    for (const sec of SECTORS) sel.append(h('option', { value: sec }, sec));
    $('filters').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const form = ev.target;
      if (!form.checkValidity()) { form.reportValidity(); return; }
      for (const k of Object.keys(state.filters)) state.filters[k] = (form.elements[k].value || '').trim();
      loadMap();
    });
    $('f-reset').addEventListener('click', () => {
      const form = $('filters');
      for (const k of Object.keys(state.filters)) { form.elements[k].value = ''; state.filters[k] = ''; }
      loadMap();
    });
    for (const radio of document.querySelectorAll('input[name="colour"]')) {
      radio.addEventListener('change', () => {
        state.colourBy = radio.value;
        if (!state.graph) return;
        for (const line of svg.querySelectorAll('.edge')) {
          const e = state.graph.edges.find((x) => x.a === line.getAttribute('data-a') && x.b === line.getAttribute('data-b'));
          if (e) line.setAttribute('stroke', edgeColour(e));
        }
        drawLegend();
      });
    }
    $('search-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const q = $('search-q').value.trim();
      if (q) location.hash = '#/search/' + enc(q);
    });
  }

  function period() {
    return { since: state.filters.since, until: state.filters.until };
  }

  // ---------------------------------------------------------------- panel views

  function show(...kids) {
    clear(panel);
    append(panel, kids);
    panel.scrollTop = 0;
  }
  function failed(err) {
    show(h('p', { class: 'error', role: 'alert' }, err.message));
  }

  async function homeView() {
    state.selected = null;
    markSelected();
    let stats = null;
    try { stats = await api('/api/stats'); } catch (_) { stats = null; }
    show(
      h('h2', null, 'Partnerships and rivalries between states'),
      h('p', null, 'Each circle is an actor, sized by its number of partners; each line a tie, coloured by its main sector ' +
        '(or by polarity). Select an actor for its partners and rivals, a tie for the sectors, the timeline and the ' +
        'sentences that state it.'),
      stats ? h('p', { class: 'meta' }, stats.documents + ' documents, ' + stats.relations + ' relations, ' +
        stats.actors + ' actors in the store.') : null,
      h('p', { class: 'meta' }, 'Keyboard: Tab reaches the filters, the map (arrows pan, + and − zoom, 0 fits) and the ' +
        'lists of actors and ties below it.'),
      h('p', { class: 'meta' }, 'The JSON API: ', (() => { const a = h('a', null, '/api/openapi.json'); a.href = '/api/openapi.json'; return a; })()),
    );
  }

  function tieChips(list, kind, self) {
    const bySector = new Map();
    for (const tie of list) {
      for (const sc of tie.sectors) {
        if (!bySector.has(sc.sector)) bySector.set(sc.sector, []);
        bySector.get(sc.sector).push({ actor: tie.actor, documents: sc.documents });
      }
    }
    if (!bySector.size) return h('p', { class: 'meta' }, 'None found' + (kind === 'rivals' ? '.' : ' in the store.'));
    const order = SECTORS.filter((x) => bySector.has(x));
    return order.map((sec) => h('div', { class: 'sector-group' },
      h('h4', null, sec),
      h('div', { class: 'chips' }, bySector.get(sec)
        .sort((x, y) => y.documents - x.documents || x.actor.code.localeCompare(y.actor.code))
        .map((t) => go(pairHash(self, t.actor.code), actorLabel(t.actor) + ' · ' + t.documents, 'chip')))));
  }

  async function actorView(code) {
    state.selected = { kind: 'actor', a: code };
    markSelected();
    show(h('p', { class: 'meta' }, 'Loading ' + code + '…'));
    let prof;
    try {
      prof = await api('/api/actors/' + enc(code), Object.assign({ limit: 500 }, period()));
    } catch (err) { failed(err); return; }
    const a = prof.actor;
    state.selected = { kind: 'actor', a: a.code };
    markSelected();
    const form = h('form', { class: 'search', role: 'search' },
      h('label', { for: 'actor-q', class: 'visually-hidden' }, 'Search the evidence'),
      h('input', { id: 'actor-q', type: 'search', placeholder: 'Search the evidence about ' + actorLabel(a), maxlength: '500' }),
      h('button', { type: 'submit' }, 'Search'));
    const results = h('div', { id: 'actor-results' });
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const q = form.querySelector('input').value.trim();
      if (q) searchInto(results, q);
    });
    form.querySelector('input').value = a.name || a.code;
    show(
      h('h2', null, actorLabel(a), ' ', h('span', { class: 'code' }, a.code)),
      h('p', { class: 'meta' }, (a.kind || 'actor').replace('_', ' ') + ' · ' + prof.documents + ' documents · ' +
        prof.relations + ' relations' + (prof.period.since || prof.period.until
        ? ' · ' + (prof.period.since || '…') + ' to ' + (prof.period.until || '…') : '')),
      h('h3', null, 'Partners by sector ', h('small', { class: 'meta' }, '(' + prof.partners.total + ')')),
      tieChips(prof.partners.items, 'partners', a.code),
      h('h3', null, 'Rivals by sector ', h('small', { class: 'meta' }, '(' + prof.rivals.total + ')')),
      tieChips(prof.rivals.items, 'rivals', a.code),
      h('h3', null, 'Search the evidence'),
      form,
      results,
    );
  }

  function timelineChart(t) {
    const months = t.months;
    if (!months.length) return h('p', { class: 'meta' }, 'No dated relations' + (t.undated ? ' (' + t.undated + ' undated).' : '.'));
    const W = 600, H = 140, top = 8, mid = 70, bottom = 120;
    const max = Math.max(1, ...months.map((m) => Math.max(m.cooperative, m.conflictual)));
    const bw = Math.max(2, Math.min(40, (W - 20) / months.length - 2));
    const chart = s('svg', { class: 'timeline', viewBox: '0 0 ' + W + ' ' + H, role: 'img',
      'aria-label': 'Relations by month: cooperative above the line, conflictual below' });
    months.forEach((m, i) => {
      const x = 10 + i * ((W - 20) / months.length);
      const up = (m.cooperative / max) * (mid - top), down = (m.conflictual / max) * (bottom - mid - 8);
      const label = m.month + ': ' + m.cooperative + ' cooperative, ' + m.conflictual + ' conflictual, ' + m.documents + ' documents';
      if (up) chart.append(s('rect', { class: 'coop', x: x.toFixed(1), y: (mid - up).toFixed(1), width: bw.toFixed(1), height: up.toFixed(1) }, s('title', { text: label })));
      if (down) chart.append(s('rect', { class: 'conf', x: x.toFixed(1), y: mid.toFixed(1), width: bw.toFixed(1), height: down.toFixed(1) }, s('title', { text: label })));
    });
    chart.append(s('line', { x1: 5, x2: W - 5, y1: mid, y2: mid, stroke: '#999', 'stroke-width': 1 }));
    chart.append(s('text', { x: 10, y: H - 4, text: months[0].month }));
    if (months.length > 1) chart.append(s('text', { x: W - 10, y: H - 4, 'text-anchor': 'end', text: months[months.length - 1].month }));
    const table = h('details', null, h('summary', null, 'The timeline as a table'),
      h('div', { class: 'table-wrap' }, h('table', null,
        h('thead', null, h('tr', null, h('th', null, 'Month'), h('th', { class: 'num' }, 'Cooperative'),
          h('th', { class: 'num' }, 'Conflictual'), h('th', { class: 'num' }, 'Documents'))),
        h('tbody', null, months.map((m) => h('tr', null, h('td', null, m.month), h('td', { class: 'num' }, m.cooperative),
          h('td', { class: 'num' }, m.conflictual), h('td', { class: 'num' }, m.documents)))))));
    return [chart, t.undated ? h('p', { class: 'meta' }, t.undated + ' undated relations are not shown.') : null, table];
  }

  function sectorTable(prof) {
    if (!prof.ties.length) return h('p', { class: 'meta' }, 'No relations between them in the store.');
    return h('div', { class: 'table-wrap' }, h('table', { id: 'sector-table' },
      h('thead', null, h('tr', null, h('th', null, 'Sector'), h('th', null, 'Polarity'), h('th', null, 'Amounts'),
        h('th', null, 'When'), h('th', { class: 'num', title: 'documents' }, 'Docs'),
        h('th', { class: 'num', title: 'relations' }, 'Rel.'))),
      h('tbody', null, prof.ties.map((t) => h('tr', { 'data-sector': t.sector },
        h('td', null, t.sector),
        h('td', null, h('span', { class: 'pol ' + t.polarity }, t.polarity),
          h('div', { class: 'meta' }, t.modalities.map((m) => m.value + ' ' + m.relations).join(', '))),
        h('td', null, t.amounts.length ? t.amounts.map((q) => h('div', null, fmtAmount(q))) : '–'),
        h('td', null, t.first ? (t.last && t.last !== t.first ? t.first + ' – ' + t.last : t.first) : 'undated'),
        h('td', { class: 'num' }, t.documents), h('td', { class: 'num' }, t.relations))))));
  }

  /** One evidence sentence: its runs (actors marked), its document, and what it states. */
  function evidenceItem(item, a, b) {
    const quote = h('blockquote');
    const segments = item.segments && item.segments.length ? item.segments : [{ text: item.text }];
    for (const seg of segments) {
      if (seg.actor) quote.append(h('mark', { class: seg.actor === b ? 'b' : 'a', title: seg.actor }, seg.text));
      else quote.append(document.createTextNode(seg.text));
    }
    const rels = (item.relations || []).map((r) => h('span', { class: 'tag' },
      r.source + '→' + r.target + ' · ' + r.sector + ' · ' + r.polarity + ' · ' + r.modality +
      (r.quantities && r.quantities.length ? ' · ' + r.quantities.map(fmtAmount).join(', ') : '') +
      (r.time && (r.time.start || r.time.end) ? ' · ' + (r.time.start || '…') + (r.time.end ? '–' + r.time.end : '') : '')));
    return h('li', { class: 'evidence-item' }, quote,
      h('div', { class: 'meta' }, link(item.url, item.title || item.doc), item.date ? ' · ' + item.date : '',
        item.part && item.part !== 'body' ? ' · ' + item.part : ''),
      h('div', { class: 'chips' }, rels));
  }

  async function pairView(a, b) {
    state.selected = { kind: 'pair', a, b };
    markSelected();
    show(h('p', { class: 'meta' }, 'Loading ' + a + ' – ' + b + '…'));
    let prof, timeline, evidence;
    try {
      [prof, timeline, evidence] = await Promise.all([
        api('/api/pairs/' + enc(a) + '/' + enc(b), Object.assign({ evidence: 0 }, period())),
        api('/api/pairs/' + enc(a) + '/' + enc(b) + '/timeline', period()),
        api('/api/pairs/' + enc(a) + '/' + enc(b) + '/evidence', Object.assign({ limit: 20 }, period())),
      ]);
    } catch (err) { failed(err); return; }
    const A = prof.a, B = prof.b;
    state.selected = { kind: 'pair', a: A.code, b: B.code };
    markSelected();
    const list = h('ol', { class: 'evidence', id: 'evidence-list' });
    const more = h('button', { type: 'button' }, 'More evidence');
    let offset = 0;
    const add = (page) => {
      for (const item of page.items) list.append(evidenceItem(item, A.code, B.code));
      offset = page.offset + page.items.length;
      more.hidden = page.total === null || offset >= page.total;
      count.textContent = '(' + offset + ' of ' + page.total + ' sentences)';
    };
    const count = h('small', { class: 'meta' });
    more.addEventListener('click', async () => {
      more.disabled = true;
      try {
        add(await api('/api/pairs/' + enc(A.code) + '/' + enc(B.code) + '/evidence',
          Object.assign({ limit: 20, offset }, period())));
      } catch (err) { list.append(h('li', { class: 'error' }, err.message)); }
      more.disabled = false;
    });
    show(
      h('h2', { id: 'pair-title' }, h('mark', { class: 'a' }, actorLabel(A)), ' – ', h('mark', { class: 'b' }, actorLabel(B))),
      h('p', { class: 'meta' }, go('#/actor/' + enc(A.code), A.code), ' · ', go('#/actor/' + enc(B.code), B.code), ' · ' +
        prof.documents + ' documents · ' + prof.relations + ' relations' +
        (prof.first ? ' · ' + prof.first + (prof.last && prof.last !== prof.first ? ' to ' + prof.last : '') : '')),
      h('h3', null, 'Sectors'),
      sectorTable(prof),
      h('h3', null, 'Timeline'),
      timelineChart(timeline),
      h('h3', null, 'Evidence ', count),
      list,
      more,
    );
    add(evidence);
  }

  async function searchInto(target, q) {
    clear(target).append(h('p', { class: 'meta' }, 'Searching…'));
    let res;
    try { res = await api('/api/search', { q, limit: 50 }); } catch (err) {
      clear(target).append(h('p', { class: 'error', role: 'alert' }, err.message));
      return;
    }
    clear(target);
    if (!res.items.length) { target.append(h('p', { class: 'meta' }, 'No sentence matches.')); return; }
    const list = h('ol', { class: 'evidence' });
    for (const hit of res.items) {
      const li = evidenceItem(hit, null, null);
      const pairs = new Map();
      for (const r of hit.relations) {
        const key = [r.source, r.target].sort().join('/');
        if (!pairs.has(key)) pairs.set(key, [r.source, r.target]);
      }
      li.append(h('div', { class: 'chips' }, [...pairs.values()].map(([x, y]) => go(pairHash(x, y), x + ' – ' + y, 'chip'))));
      list.append(li);
    }
    target.append(h('p', { class: 'meta' }, res.items.length + (res.items.length === res.limit ? '+' : '') + ' sentences'), list);
  }

  async function searchView(q) {
    state.selected = null;
    markSelected();
    $('search-q').value = q;
    const results = h('div');
    show(h('h2', null, 'Search: ', h('q', null, q)), results);
    await searchInto(results, q);
  }

  // ---------------------------------------------------------------- routing

  async function route() {
    const parts = location.hash.replace(/^#\/?/, '').split('/').map((p) => {
      try { return decodeURIComponent(p); } catch (_) { return p; }
    });
    if (parts[0] === 'actor' && parts[1]) await actorView(parts[1]);
    else if (parts[0] === 'pair' && parts[1] && parts[2]) await pairView(parts[1], parts[2]);
    else if (parts[0] === 'search' && parts[1]) await searchView(parts.slice(1).join('/'));
    else await homeView();
    panel.dataset.view = parts[0] || 'home';
    if (parts[0]) panel.focus({ preventScroll: window.matchMedia('(min-width: 901px)').matches });
  }

  document.addEventListener('DOMContentLoaded', () => {
    setupFilters();
    setupPanZoom();
    window.addEventListener('hashchange', route);
    window.addEventListener('resize', () => { if (state.graph) fitMap(); });
    loadMap();
    route();
  });
})();
