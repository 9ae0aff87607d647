// The probe harness of the differential suite, shared by the JS and library probes. Before it runs, `SUITE` names
// the fixture set; the fixtures are then the polyglot roots `<SUITE>.<name>`, local (L) or remote (R), gathered in `fx`.
// R imports through the connection object (`CONNECTION`, see DifferentialJsTest.connect), whose roots are presented
// to the JS caller; the polyglot bindings that --yonder.Connect fills are presented for --yonder.BindFor's language,
// as `yonder run` binds them (probes `*/bound.*`).
var __import = typeof CONNECTION === 'undefined' ? (n) => Polyglot.import(n) : (n) => CONNECTION.root(n);
var fx = {};
for (const n of Array.from(__import(SUITE + '.__names'))) {
  fx[n] = __import(SUITE + '.' + n);
}
var __out = [];

function __safe(f, fallback) {
  try { return f(); } catch (e) { return fallback; }
}

// A deterministic rendering: strings quoted, -0 and BigInt marked, arrays and plain members listed (bounded).
function show(v, depth) {
  depth = depth || 0;
  const t = typeof v;
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (t === 'string') return JSON.stringify(v.length > 200 ? v.slice(0, 200) + '…' : v);
  if (t === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (t === 'bigint') return v + 'n';
  if (t === 'boolean') return String(v);
  if (t === 'symbol') return v.toString();
  if (t === 'function') return 'function ' + __safe(() => String(v.name), '?');
  if (depth > 3) return '…';
  try {
    if (Array.isArray(v)) {
      const n = v.length;
      const parts = [];
      for (let i = 0; i < Math.min(n, 12); i++) parts.push(show(v[i], depth + 1));
      if (n > 12) parts.push('…' + n);
      return '[' + parts.join(',') + ']';
    }
    const keys = Object.keys(v);
    const parts = [];
    for (const k of keys.slice(0, 12)) parts.push(k + ':' + show(__safe(() => v[k], '<throws>'), depth + 1));
    if (keys.length > 12) parts.push('…' + keys.length);
    return '{' + parts.join(',') + '}';
  } catch (e) {
    return '<unrenderable ' + thrown(e) + '>';
  }
}

// `throws <name>: <message>` for an error-like value, `throws <typeof> <value>` otherwise.
function thrown(e) {
  if (e !== null && (typeof e === 'object' || typeof e === 'function')) {
    const name = __safe(() => String(e.name), '?');
    const message = __safe(() => String(e.message), '?');
    return 'throws ' + name + ': ' + message.split('\n')[0];
  }
  return 'throws ' + typeof e + ' ' + show(e);
}

// Probes are registered first and run by `__run(from)`, which the Java side calls again after an internal error
// (a host exception that no guest catch sees) with the next index, so one broken probe does not stop the rest.
var __probes = [];
var __current = -1;
function probe(id, f) {
  __probes.push({ id, f, async: false });
}

// Probes whose answer comes from a promise: settled after the script's own jobs ran, read by `__settle()`.
function asyncProbe(id, f) {
  __probes.push({ id, f, async: true });
}

var __times = [];
var __pending = [];
function __run(from) {
  for (let i = from; i < __probes.length; i++) {
    __current = i;
    const p = __probes[i];
    const t0 = Date.now();
    if (p.async) {
      const slot = { id: p.id, r: 'pending' };
      __pending.push(slot);
      try {
        Promise.resolve(p.f()).then((v) => { slot.r = 'resolved ' + show(v); }, (e) => { slot.r = 'rejected ' + thrown(e); });
      } catch (e) {
        slot.r = thrown(e);
      }
      continue;
    }
    let r;
    try {
      r = show(p.f());
    } catch (e) {
      r = thrown(e);
    }
    __out.push(p.id + '\t' + r.replace(/[\t\r\n]/g, ' '));
    const dt = Date.now() - t0;
    if (dt >= 20) __times.push(dt + ' ms ' + p.id);
  }
  __current = __probes.length;
}

function __internal(i, message) {
  __out.push(__probes[i].id + '\tinternal error: ' + String(message).split('\n')[0]);
}

// How many async probes are still pending, after serving the callbacks queued for this context (a remote promise
// settles when its owner calls back; the callback's own jobs run when the eval that called this returns).
function __unsettled() {
  if (typeof CONNECTION !== 'undefined') { Polyglot.eval('yonder', 'poll'); }
  return __pending.filter((s) => s.r === 'pending').length;
}

function __settle() {
  for (const s of __pending) __out.push(s.id + '\t' + s.r.replace(/[\t\r\n]/g, ' '));
  return __out.join('\n');
}
