// A loopback Snowplow collector for tests and the sample: accepts GET /i and POST
// /com.snowplowanalytics.snowplow/tp2 (any path ending in /tp2 or /i), records every request
// with its arrival time and decoded events, validates them against the Iglu schemas, answers
// CORS preflights, and can be scripted to answer a status, wait, or drop the connection.
//
// As a program: `node tests/support/collector.mjs [port]` prints `LISTENING http://127.0.0.1:P`
// and serves control endpoints for tests that cannot call into this process (wasm tests):
//   GET  /__requests          recorded requests as JSON
//   POST /__script            body: JSON array of answers used one per request, e.g.
//                             [{"status":500},{"delayMs":2000},{"drop":true}]
//   POST /__reset             forget requests and script
import { createServer } from 'node:http';
import { validateEvent, validatePostBody } from './schemas.mjs';

// As the Snowplow collector does: the page's origin echoed with credentials allowed (browsers
// send the network-user cookie with `credentials: "include"`, which `*` would refuse).
const corsFor = (req) => ({
  'Access-Control-Allow-Origin': req.headers.origin || '*',
  'Access-Control-Allow-Credentials': 'true',
  'Access-Control-Allow-Headers': 'Content-Type, SP-Anonymous',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Expose-Headers': 'Retry-After',
  Vary: 'Origin',
});

function decode(method, url, body) {
  if (method === 'GET') return { events: [Object.fromEntries(url.searchParams)], bodyErrors: [] };
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch (e) {
    return { events: [], bodyErrors: [`body is not JSON: ${e.message}`] };
  }
  return { events: Array.isArray(parsed && parsed.data) ? parsed.data : [], bodyErrors: validatePostBody(parsed) };
}

/**
 * Start a collector on 127.0.0.1. `answer(request)` may return `{status, delayMs, drop, headers}`
 * (`drop`: the connection is destroyed without an answer, after `delayMs` if given); a script
 * set with `setScript` takes precedence, one entry per request. `routes(req, res, url, body)`
 * may answer any other request itself (returning true); `validate(event)` replaces the
 * per-event check (it returns the errors).
 */
export async function startCollector({ port = 0, answer, routes, validate = validateEvent } = {}) {
  const requests = [];
  let script = [];
  const concurrency = { now: 0, max: 0 };
  const waiters = new Set();
  const notify = () => { for (const w of waiters) w(); };

  const server = createServer((req, res) => {
    concurrency.now++;
    concurrency.max = Math.max(concurrency.max, concurrency.now);
    const startedAt = performance.now();
    let record = null;
    let counted = true;
    const done = () => {
      if (!counted) return;
      counted = false;
      concurrency.now--;
      if (record) Object.assign(record, { startedAt, endedAt: performance.now() });
    };
    res.on('finish', done);
    res.on('close', done);
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const CORS = corsFor(req);
      const url = new URL(req.url, 'http://127.0.0.1');
      if (req.method === 'OPTIONS') { res.writeHead(204, CORS); return res.end(); }
      if (url.pathname === '/__requests') { res.writeHead(200, { 'Content-Type': 'application/json', ...CORS }); return res.end(JSON.stringify(requests)); }
      if (url.pathname === '/__script') { script = JSON.parse(Buffer.concat(chunks).toString('utf8') || '[]'); res.writeHead(204, CORS); return res.end(); }
      if (url.pathname === '/__reset') { requests.length = 0; script = []; res.writeHead(204, CORS); return res.end(); }
      const body = Buffer.concat(chunks).toString('utf8');
      if (routes && await routes(req, res, url, body)) return;
      const isGet = req.method === 'GET' && url.pathname.endsWith('/i');
      const isPost = req.method === 'POST' && url.pathname.endsWith('/tp2');
      if (!isGet && !isPost) { res.writeHead(404, CORS); return res.end(); }
      const { events, bodyErrors } = decode(req.method, url, body);
      record = {
        method: req.method, path: url.pathname, query: url.search, headers: req.headers, body: isPost ? body : undefined,
        receivedAt: Date.now(), events, errors: [...bodyErrors, ...events.flatMap((e, i) => validate(e).map((m) => `event ${i}: ${m}`))],
      };
      const plan = script.length ? script.shift() : (answer ? answer(record) : null) || {};
      record.answer = plan;
      requests.push(record);
      notify();
      if (plan.delayMs) await new Promise((r) => setTimeout(r, plan.delayMs));
      if (plan.drop) return req.socket.destroy();
      res.writeHead(plan.status ?? 200, { ...CORS, ...(plan.headers || {}) });
      res.end();
    });
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    requests,
    /** Every event received, in arrival order. */
    events: () => requests.flatMap((r) => r.events),
    /** Requests being answered now, and the most at once since the last reset. */
    concurrency,
    setScript: (s) => { script = [...s]; },
    /** Resolve once `pred()` holds; reject after `timeoutMs`. */
    waitFor(pred, timeoutMs = 5000, what = 'condition') {
      if (pred()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const check = () => { if (pred()) { cleanup(); resolve(); } };
        const timer = setTimeout(() => { cleanup(); reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)); }, timeoutMs);
        const cleanup = () => { clearTimeout(timer); waiters.delete(check); };
        waiters.add(check);
      });
    },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const c = await startCollector({ port: Number(process.argv[2] || 0) });
  console.log(`LISTENING ${c.url}`);
}
