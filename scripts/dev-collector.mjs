// The dev collector: the tests' loopback collector (GET /i, POST …/tp2, CORS with credentials)
// with the same Iglu validation, plus the demo page (www/) and the package (pkg/) on the same
// port, a switch that makes it answer 503, and a JSON API shaped like Snowplow Micro's.
//   node scripts/dev-collector.mjs [port]     (or import { startDevCollector })
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startCollector } from '../tests/support/collector.mjs';
import { inspectEvent } from '../tests/support/schemas.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml' };
// The demo must work with nothing but its own scripts and WebAssembly allowed.
const CSP = "script-src 'self' 'wasm-unsafe-eval'";
const PAGES = { '/': 'www/index.html', '/index.html': 'www/index.html', '/micro/ui': 'www/micro.html' };

/** What a request's events look like to the inspector: good, or bad with the validator's reasons. */
function classify(requests) {
  const good = [];
  const bad = [];
  for (const r of requests) {
    // What the collector refused (the demo's "down" switch) was not collected.
    if (r.answer && (r.answer.status >= 300 || r.answer.drop)) continue;
    const bodyErrors = r.errors.filter((m) => !m.startsWith('event '));
    for (const event of r.events) {
      const { errors, unvalidated, entities } = inspectEvent(event);
      const all = [...bodyErrors, ...errors];
      const entry = { event, method: r.method, receivedAt: r.receivedAt, eventType: eventType(event), unvalidated, entities };
      if (all.length) bad.push({ ...entry, errors: all });
      else good.push(entry);
    }
  }
  return { good, bad };
}

function eventType(e) {
  if (e.e !== 'ue') return { pv: 'page_view', pp: 'page_ping', se: 'struct', tr: 'transaction', ti: 'transaction_item' }[e.e] || e.e;
  try {
    const env = e.ue_pr ? JSON.parse(e.ue_pr) : JSON.parse(Buffer.from(e.ue_px, 'base64url').toString('utf8'));
    return env.data.schema;
  } catch {
    return 'unstruct (undecodable)';
  }
}

async function serveFile(res, path) {
  try {
    const body = await readFile(ROOT + path);
    const type = TYPES[path.slice(path.lastIndexOf('.'))] || 'application/octet-stream';
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store', ...(type.startsWith('text/html') ? { 'Content-Security-Policy': CSP } : {}) });
    res.end(body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  }
}

/** Start the dev collector on 127.0.0.1:`port` (0: any free port). */
export async function startDevCollector({ port = 0 } = {}) {
  let down = false;
  const json = (res, value) => { res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }); res.end(JSON.stringify(value)); };
  const collector = await startCollector({
    port,
    answer: () => (down ? { status: 503 } : null),
    validate: (event) => inspectEvent(event).errors,
    routes: async (req, res, url) => {
      const path = url.pathname;
      if (PAGES[path]) return serveFile(res, PAGES[path]).then(() => true);
      if (/^\/(www|pkg)\/[\w./-]+$/.test(path) && !path.includes('..')) return serveFile(res, path.slice(1)).then(() => true);
      if (path === '/micro/all') {
        const { good, bad } = classify(collector.requests);
        return json(res, { total: good.length + bad.length, good: good.length, bad: bad.length }), true;
      }
      if (path === '/micro/good' || path === '/micro/bad') return json(res, classify(collector.requests)[path.slice(7)]), true;
      if (path === '/micro/reset') {
        collector.requests.length = 0;
        return json(res, { total: 0, good: 0, bad: 0 }), true;
      }
      if (path === '/demo/collector') {
        if (req.method === 'POST') down = url.searchParams.get('state') === 'down';
        return json(res, { down }), true;
      }
      return false;
    },
  });
  return {
    ...collector,
    demoUrl: `${collector.url}/`,
    microUrl: `${collector.url}/micro/ui`,
    /** Make the collector answer 503 (`true`) or accept again. */
    setDown: (value) => { down = value; },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const c = await startDevCollector({ port: Number(process.argv[2] || process.env.PORT || 8080) });
  console.log(`demo:      ${c.demoUrl}\ninspector: ${c.microUrl}`);
}
