// The live view of sim800emu (docs/live-view.md). Plain JavaScript, no framework, nothing loaded
// from elsewhere. Events arrive over the WebSocket /live; buttons call the control API.
'use strict';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const MAX_TRACE_LINES = 3000;

// ------------------------------------------------------------------ token
// A browser cannot put a header on the address it opens: the token comes as ?token=, is kept for
// this tab only, and is taken out of the address bar so that it is not bookmarked or shared.
const token = (() => {
  const url = new URL(location.href);
  const given = url.searchParams.get('token');
  if (given !== null) {
    sessionStorage.setItem('sim800emu.token', given);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem('sim800emu.token');
})();
const authHeaders = token ? { Authorization: 'Bearer ' + token } : {};

// ------------------------------------------------------------------ socket
let socket = null;
let hello = null;
let tables = null;
let shown = null; // {modem: id} or {fleet: filter}
let retry = 500;

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = token ? '?token=' + encodeURIComponent(token) : '';
  socket = new WebSocket(scheme + '://' + location.host + '/live' + query);
  socket.onopen = () => { retry = 500; setConnection(true); };
  socket.onclose = () => {
    setConnection(false);
    setTimeout(connect, retry);
    retry = Math.min(retry * 2, 10000);
  };
  socket.onmessage = (m) => handle(JSON.parse(m.data));
}

function setConnection(up) {
  $('connection').className = up ? 'up' : 'down';
  $('connection').textContent = up ? 'live' : 'disconnected, retrying…';
}

function send(message) {
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

function handle(e) {
  switch (e.t) {
    case 'hello': hello = e; route(); break;
    case 'watching': break;
    case 'trace': appendTrace(e.segments, e.dropped); break;
    case 'radio': showRadio(e); break;
    case 'ip': showIp(e); break;
    case 'links': showLinks(e.links); break;
    case 'fleet': showFleet(e); break;
    case 'error': showResult(e.message, true); break;
  }
}

// ------------------------------------------------------------------ views
window.addEventListener('hashchange', route);

function route() {
  if (!hello) return;
  const m = /^#modem=(.+)$/.exec(location.hash);
  if (m) return openModem(decodeURIComponent(m[1]));
  if (location.hash === '#fleet' || hello.count !== 1) return openFleet();
  openModem(hello.first);
}

function openModem(id) {
  $('fleet-view').hidden = true;
  $('modem-view').hidden = false;
  $('modem-id').textContent = id;
  if (!shown || shown.modem !== id) {
    $('trace').replaceChildren();
    $('ip-state').textContent = '';
  }
  shown = { modem: id };
  send({ watch: id });
}

function openFleet() {
  $('modem-view').hidden = true;
  $('fleet-view').hidden = false;
  shown = { fleet: fleetFilter() };
  send({ fleet: shown.fleet });
}

// ------------------------------------------------------------------ radio, IP state, links
function showRadio(r) {
  $('r-power').textContent = r.power;
  $('r-registration').textContent = r.registration;
  $('r-rssi').textContent = r.rssi === 99 ? 'unknown (99)' : r.rssi;
  $('r-bar').value = r.rssi === 99 ? 0 : r.rssi;
  $('r-sim').textContent = r.simInserted ? 'inserted' : 'removed';
  $('r-gprs').textContent = r.gprsAttached ? 'attached' : 'detached';
  $('r-call').textContent = r.call + (r.callNumber ? ' ' + r.callNumber : '');
  const n = r.network;
  $('r-network').textContent = n.downKbps === 0 && n.latencyMs === 0 ? 'ideal'
    : `${n.downKbps}/${n.upKbps} kbit/s, ${n.latencyMs} ms`;
}

let lastIp = null;
function showIp(ip) {
  lastIp = ip;
  $('ip-state').textContent = ip.state;
  for (const node of document.querySelectorAll('#bearer-diagram .node')) {
    node.classList.toggle('lit', node.dataset.state === ip.bearer);
  }
}

function showLinks(links) {
  const body = $('links').tBodies[0];
  body.replaceChildren(...links.map((l) => {
    const tr = document.createElement('tr');
    tr.dataset.link = l.id;
    cell(tr, l.id);
    cell(tr, l.state).className = 'st-' + l.state;
    cell(tr, l.protocol ? l.protocol + ' ' + l.remote : '');
    cell(tr, l.sent).className = 'num';
    cell(tr, l.acked).className = 'num';
    cell(tr, l.received).className = 'num';
    cell(tr, l.fault.toLowerCase());
    const actions = cell(tr, '');
    if (l.state === 'CONNECTED') {
      for (const fault of ['reset', 'blackhole', 'restore']) {
        actions.append(button(fault, () => control('link', { id: l.id, fault })), ' ');
      }
    }
    return tr;
  }));
}

function cell(tr, text) {
  const td = document.createElement('td');
  td.textContent = text;
  tr.append(td);
  return td;
}

function button(text, onclick) {
  const b = document.createElement('button');
  b.textContent = text;
  b.onclick = onclick;
  return b;
}

// ------------------------------------------------------------------ the state diagram
// Drawn from /state-tables, the engine's own BearerMachine table. Each state's column is its
// longest distance from the first state (edges back to it, like SHUT, and self-loops left out);
// an event that takes every state to the same place is a note rather than a fan of arrows.
async function loadTables() {
  const r = await fetch('/state-tables', { headers: authHeaders });
  if (!r.ok) return showResult('state tables: HTTP ' + r.status, true);
  tables = await r.json();
  drawBearer(tables.bearer);
  if (lastIp) showIp(lastIp);
}

function drawBearer(machine) {
  const names = machine.states.map((s) => s.name);
  const first = names[0];
  const everywhere = new Set();
  const byEvent = {};
  for (const t of machine.transitions) (byEvent[t.event + '>' + t.to] ||= []).push(t);
  for (const [key, list] of Object.entries(byEvent)) if (list.length === names.length) everywhere.add(key);
  const edges = machine.transitions.filter((t) => !everywhere.has(t.event + '>' + t.to));
  const col = Object.fromEntries(names.map((n) => [n, n === first ? 0 : -1]));
  for (let i = 0; i < names.length; i++) {
    for (const t of edges) {
      if (t.to !== first && t.from !== t.to && col[t.from] >= 0) col[t.to] = Math.max(col[t.to], col[t.from] + 1);
    }
  }
  const W = 108, H = 34, GAP = 70, TOP = 120;
  const x = (n) => 10 + col[n] * (W + GAP);
  const columns = Math.max(...Object.values(col)) + 1;
  const svg = $('bearer-diagram');
  svg.setAttribute('viewBox', `0 0 ${columns * (W + GAP)} ${TOP + H + 120}`);
  svg.replaceChildren();
  svg.innerHTML = '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
    + 'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#9aa3ae"/></marker></defs>';
  // merge the events between the same two states into one arrow
  const pairs = {};
  for (const t of edges) (pairs[t.from + '>' + t.to] ||= { from: t.from, to: t.to, events: [] }).events.push(t.event);
  const sinks = new Set(names.filter((n) => edges.every((t) => t.from !== n || t.to === n)));
  for (const p of Object.values(pairs)) {
    const span = col[p.to] - col[p.from];
    const label = p.events.join(', ').replaceAll('_', ' ').toLowerCase();
    if (p.from === p.to) {
      const cx = x(p.from) + W - 20;
      path(svg, `M${cx - 8},${TOP} C${cx - 18},${TOP - 30} ${cx + 18},${TOP - 30} ${cx + 8},${TOP}`);
      text(svg, cx, TOP - 28, label, 'edge-label');
    } else if (span === 1) {
      path(svg, `M${x(p.from) + W},${TOP + H / 2} L${x(p.to)},${TOP + H / 2}`);
      text(svg, x(p.from) + W + GAP / 2, TOP + H / 2 - 5, label, 'edge-label');
    } else {
      const below = sinks.has(p.to);
      const y0 = below ? TOP + H : TOP;
      const depth = (below ? 1 : -1) * (18 + 16 * Math.abs(span));
      const x1 = x(p.from) + W / 2 + (below ? 8 : -8), x2 = x(p.to) + W / 2 - (below ? 8 : -8);
      path(svg, `M${x1},${y0} C${x1},${y0 + depth} ${x2},${y0 + depth} ${x2},${y0}`);
      text(svg, (x1 + x2) / 2, y0 + depth * 0.75 + (below ? 10 : 0), label, 'edge-label');
    }
  }
  for (const s of machine.states) {
    const g = document.createElementNS(SVG, 'g');
    g.classList.add('node');
    g.dataset.state = s.name;
    const r = document.createElementNS(SVG, 'rect');
    for (const [k, v] of Object.entries({ x: x(s.name), y: TOP, width: W, height: H, rx: 5 })) r.setAttribute(k, v);
    g.append(r);
    text(g, x(s.name) + W / 2, TOP + H / 2 + 4, s.label);
    svg.append(g);
  }
  const label = Object.fromEntries(machine.states.map((s) => [s.name, s.label]));
  const notes = [...everywhere].map((k) => {
    const [event, to] = k.split('>');
    return `${event.replaceAll('_', ' ').toLowerCase()}: from any state to ${label[to]}`;
  });
  // the other texts STATE: shows, each lighting the context state it is shown in
  const shownIn = {};
  for (const [text, state] of Object.entries(tables.ipStates)) {
    if (text !== label[state]) (shownIn[state] ||= []).push(text);
  }
  for (const [state, texts] of Object.entries(shownIn)) notes.push(`${texts.join(', ')}: in ${label[state]}`);
  $('bearer-note').textContent = notes.join('. ') + '.';
}

function path(parent, d) {
  const p = document.createElementNS(SVG, 'path');
  p.setAttribute('d', d);
  p.classList.add('edge');
  parent.append(p);
}

function text(parent, tx, ty, content, cls) {
  const t = document.createElementNS(SVG, 'text');
  t.setAttribute('x', tx);
  t.setAttribute('y', ty);
  if (cls) t.classList.add(cls);
  t.textContent = content;
  parent.append(t);
}

// ------------------------------------------------------------------ the AT trace
// Bytes arrive as ISO-8859-1 text. Control characters are shown, not obeyed: CR as \r, LF as \n,
// Ctrl-Z as ^Z, others as \xNN. A line ends after LF, and for the host after CR too.
const NAMES = { 0x0d: '\\r', 0x0a: '\\n', 0x1a: '^Z', 0x1b: '^[', 0x09: '\\t', 0x08: '\\b' };

function appendTrace(segments, dropped) {
  const trace = $('trace');
  if (dropped > 0) {
    const d = document.createElement('div');
    d.className = 'dropped';
    d.textContent = `… ${dropped} bytes not shown (over the view's rate limit, or the page fell behind) …`;
    trace.append(d);
  }
  for (const [dir, text] of segments) {
    const cls = dir === 'h' ? 'host' : 'modem';
    let line = trace.lastElementChild;
    if (!line || !line.classList.contains(cls) || line.dataset.done) line = newLine(trace, cls);
    let plain = '';
    for (const ch of text) {
      const code = ch.charCodeAt(0);
      if (code >= 0x20 && code < 0x7f) { plain += ch; continue; }
      if (plain) { line.append(plain); plain = ''; }
      const c = document.createElement('span');
      c.className = 'ctl';
      c.textContent = NAMES[code] || '\\x' + code.toString(16).padStart(2, '0');
      line.append(c);
      if (code === 0x0a || (code === 0x0d && cls === 'host')) {
        line.dataset.done = '1';
        line = newLine(trace, cls);
      }
    }
    if (plain) line.append(plain);
    if (!line.firstChild) line.remove();
  }
  while (trace.childElementCount > MAX_TRACE_LINES) trace.firstElementChild.remove();
  if ($('t-follow').checked) trace.scrollTop = trace.scrollHeight;
}

function newLine(trace, cls) {
  const d = document.createElement('div');
  d.className = 'line ' + cls;
  trace.append(d);
  return d;
}

// ------------------------------------------------------------------ control API
async function control(verb, body) {
  if (!shown || shown.modem === undefined) return;
  const r = await fetch(`/modems/${encodeURIComponent(shown.modem)}/${verb}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...authHeaders },
    body: JSON.stringify(body || {}),
  });
  const answer = await r.json().catch(() => ({}));
  showResult(r.ok ? `${verb}: done` : `${verb}: ${answer.error || 'HTTP ' + r.status}`, !r.ok);
}

function showResult(message, bad) {
  $('c-result').textContent = message;
  $('c-result').className = bad ? 'error' : '';
}

for (const b of document.querySelectorAll('#controls button[data-verb]')) {
  b.onclick = () => control(b.dataset.verb, b.dataset.body ? JSON.parse(b.dataset.body) : {});
}
$('c-signal').onclick = () => control('signal', { rssi: Number($('c-rssi').value) });
$('c-register-set').onclick = () => control('register', { state: $('c-register').value });
$('c-network').onclick = () => control('network', { preset: $('c-preset').value });
$('t-clear').onclick = () => $('trace').replaceChildren();

// ------------------------------------------------------------------ the fleet
const FILTERS = ['power', 'registration', 'ipState'];

function fleetFilter() {
  const f = { id: $('f-id').value.trim() };
  for (const k of FILTERS) f[k] = $('f-' + k).value;
  return f;
}

function refilter() {
  if (shown && shown.fleet) { shown.fleet = fleetFilter(); send({ fleet: shown.fleet }); }
}
for (const k of FILTERS) $('f-' + k).onchange = refilter;
$('f-id').oninput = refilter;

function showFleet(e) {
  $('f-total').textContent = `· ${e.total} modems`;
  chips($('f-counts'), e.counts.ipState, 'ipState');
  chips($('f-reg-counts'), e.counts.registration, 'registration');
  for (const k of FILTERS) options($('f-' + k), Object.keys(e.counts[k]));
  $('f-shown').textContent = e.matching === e.shown ? `${e.matching} match`
    : `${e.matching} match, the first ${e.shown} shown`;
  $('fleet').tBodies[0].replaceChildren(...e.rows.map((m) => {
    const tr = document.createElement('tr');
    for (const v of [m.id, m.power, m.registration, m.rssi, m.ipState, m.links]) cell(tr, v);
    tr.onclick = () => { location.hash = '#modem=' + encodeURIComponent(m.id); };
    return tr;
  }));
}

function chips(box, counts, key) {
  const selected = $('f-' + key).value;
  box.replaceChildren(...Object.entries(counts).map(([state, n]) => {
    const c = document.createElement('span');
    c.className = 'chip' + (state === selected ? ' on' : '');
    c.dataset.state = state;
    c.append(state);
    const b = document.createElement('b');
    b.textContent = n;
    c.append(b);
    c.onclick = () => { $('f-' + key).value = state === selected ? '' : state; refilter(); };
    return c;
  }));
}

function options(select, values) {
  const have = new Set([...select.options].map((o) => o.value));
  for (const v of values) if (!have.has(v)) select.append(new Option(v, v));
}

loadTables();
connect();
