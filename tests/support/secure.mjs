// One test file's setup for HTTPS pages (see https.mjs): the loopback collector, the HTTPS
// server of `routes` and Chromium mapping the `*.example.test` hosts to it, started before the
// file's tests and closed after them. The collector answers 503 while `env.down` is set, and
// answers the requests of app `env.slow` only after 1.5 s (so they are in flight as a page or
// worker goes); both are reset before each test. Plus the polls the queue tests share.
import { before, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from './chromium.mjs';
import { startCollector } from './collector.mjs';
import { startHttps } from './https.mjs';

/** Resolve once `await pred()` is truthy (checked every 100 ms); reject after `timeoutMs`. */
export async function until(pred, timeoutMs, what) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await pred()) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Page functions (for page.evaluate) counting the stored event items of this package: names
// `snowplow-wasm:<POST URL>[:<storageKey>]:<eid>`; other items of it (e.g. a worker's
// heartbeat) are not counted. `prefix` narrows to one queue (items `<prefix>:<eid>` exactly).
export const STORED = {
  localStorage: (prefix) => Object.keys(localStorage).filter((k) => k.startsWith('snowplow-wasm:')
    && /:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(k)
    && (!prefix || k.slice(0, k.lastIndexOf(':')) === prefix)).length,
  // Opened without a version, and never created here: a database that does not exist yet counts 0.
  indexedDB: () => new Promise((ok, no) => {
    const open = indexedDB.open('snowplow-wasm');
    open.onupgradeneeded = () => open.transaction.abort();
    open.onerror = () => ok(0);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('events')) { db.close(); return ok(0); }
      const req = db.transaction('events').objectStore('events').getAllKeys();
      req.onsuccess = () => {
        db.close();
        ok(req.result.filter((k) => typeof k === 'string' && k.startsWith('snowplow-wasm:')
          && /:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(k)).length);
      };
      req.onerror = () => { db.close(); no(req.error); };
    };
  }),
};

/**
 * `{ collector, https, browser, down, slow, delivered, refused, onceEach }`, filled in before the
 * first test.
 */
export function securePages(routes) {
  const env = {
    down: false,
    slow: null,
    /** The events of `app` in requests the collector accepted (a copy per request). */
    delivered: (app) => env.collector.requests.filter((r) => !r.answer.status).flatMap((r) => r.events).filter((e) => e.aid === app),
    /** Wait for a refused (503) request carrying one of `eids` (or any event of app `eids`). */
    refused: (eids, timeoutMs = 5000) => env.collector.waitFor(() => env.collector.requests.some((r) => r.answer.status === 503
      && r.events.some((e) => (typeof eids === 'string' ? e.aid === eids : eids.includes(e.eid)))), timeoutMs, 'a refused request'),
    /**
     * Wait up to `timeoutMs` for `eids` (all of them) to be delivered, then 2 s more for late
     * copies; assert every one arrived and none twice. Returns the delivered eids of `app`.
     */
    async onceEach(app, eids, timeoutMs = 15000) {
      const has = () => new Set(env.delivered(app).map((e) => e.eid));
      await env.collector.waitFor(() => eids.every((e) => has().has(e)), timeoutMs, `${eids.length} events of ${app}`).catch(() => {});
      await new Promise((r) => setTimeout(r, 2000)); // copies still in flight arrive meanwhile: none may
      const got = env.delivered(app).map((e) => e.eid);
      const missing = eids.filter((e) => !got.includes(e)).length;
      assert.equal(missing, 0, `${app}: ${eids.length - missing}/${eids.length} delivered within ${timeoutMs} ms`);
      assert.equal(got.length, new Set(got).size, `${app}: no eid twice (${got.length} deliveries of ${new Set(got).size} events)`);
      return got;
    },
  };
  before(async () => {
    env.collector = await startCollector({
      answer: (r) => (env.down ? { status: 503 } : env.slow && r.events.some((e) => e.aid === env.slow) ? { delayMs: 1500 } : null),
    });
    env.https = await startHttps(routes);
    env.browser = await launchChromium({ args: env.https.args });
  });
  beforeEach(() => {
    env.down = false;
    env.slow = null;
  });
  after(async () => {
    await env.browser?.close();
    await env.https?.close();
    await env.collector?.close();
  });
  return env;
}
