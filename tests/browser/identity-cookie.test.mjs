// The edge knows the user (issue 19), end to end: Chromium on an HTTPS page of a real-looking host
// (www.shop.example.test, whose root domain sp.js discovers as example.test) reaches a real
// workerd Worker (Miniflare; tests/workerd/identity/cookie-worker.mjs) the way a Worker in front
// of a site is reached, through a TLS front (tests/support/https.mjs) that relays the navigation
// with CF-Connecting-IP. The Worker answers the site's page with identityCookie's Set-Cookie
// and tells its own event's fields.
// - A cookie sp.js 4.10.1 wrote in Chromium gives the Worker's events its duid, sid and vid, ip
//   from CF-Connecting-IP (not a spoofed X-Forwarded-For), ua and lang; the Worker re-issues it.
// - For sp.js 4.10.1 and this package's browser build: a user the Worker creates is continued by
//   the page; the page's cookie, re-issued by the Worker with the lifetime asked, is kept by
//   Chromium with the server's expiry, and the next page continues its duid and session.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { securePages } from '../support/secure.mjs';
import { startSite } from '../support/site.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HOST = 'www.shop.example.test';
const ID = `_sp_id.${createHash('sha1').update('example.test/').digest('hex').slice(0, 4)}`;
const SES = ID.replace('_sp_id.', '_sp_ses.');
const DAYS_3 = 3 * 86400;

// The site's pages (served to the Worker, and to Chromium directly under /d/): a plain one, and
// one whose tracker (sp.js 4.10.1, or this package's browser build) tracks a page view.
const PLAIN = () => '<!doctype html><meta charset="utf-8"><title>plain</title><p>plain';
const TRACK = () => `<!doctype html><meta charset="utf-8"><title>track</title><script src="/spjs.js"></script><script type="module">
  const q = new URLSearchParams(location.search);
  if (q.get('tracker') === 'spjs') {
    const sp = window.snowplowBrowserTracking;
    sp.newTracker('sp1', q.get('collector'), { appId: q.get('app'), eventMethod: 'post', bufferSize: 1 });
    sp.trackPageView();
  } else {
    const { Tracker, Emitter } = await import('/pkg/browser.js');
    new Tracker(new Emitter(q.get('collector'), { bufferSize: 1 }), { appId: q.get('app') }).trackPageView();
  }
  window.done = true;
</script>`;

let mf;
let site;
/** The navigation relayed to the Worker as a TLS front would: its headers, plus CF-Connecting-IP. */
const relay = (url, req) => {
  const headers = { ...req.headers, 'cf-connecting-ip': req.socket.remoteAddress, 'x-test-options': url.searchParams.get('options') ?? '{}' };
  for (const hop of ['host', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade']) delete headers[hop];
  return mf.dispatchFetch(`https://${HOST}${url.pathname}${url.search}`, { headers, redirect: 'manual' });
};
const env = securePages({ '/w/plain.html': relay, '/d/track.html': ['text/html', TRACK()] });

before(async () => {
  site = await startSite({ '/w/plain.html': PLAIN });
  mf = new Miniflare({
    modulesRoot: ROOT, modules: true, compatibilityDate: '2026-04-01', cf: false,
    modulesRules: [{ type: 'ESModule', include: ['**/*.js', '**/*.mjs'] }, { type: 'CompiledWasm', include: ['**/*.wasm'] }],
    scriptPath: `${ROOT}tests/workerd/identity/cookie-worker.mjs`, bindings: { ORIGIN: site.base },
  });
  await mf.ready;
});
after(async () => {
  await mf?.dispose();
  await site?.close();
});

/** Open `path` (a query of `query`) on the host; answers the Worker's Set-Cookie and event, if any. */
async function open(page, path, query = {}) {
  const q = new URLSearchParams({ collector: env.collector.url, ...query });
  const response = await page.goto(env.https.url(HOST, `${path}?${q}`));
  assert.equal(response.status(), 200, path);
  const headers = await response.allHeaders();
  return { setCookie: headers['set-cookie'] ?? null, event: headers['x-test-event'] ? JSON.parse(headers['x-test-event']) : null };
}

/** The page's page view, once delivered (the app's only event). */
async function pageView(page, app) {
  await page.waitForFunction(() => window.done === true);
  await env.collector.waitFor(() => env.delivered(app).length > 0, 10000, `the page view of ${app}`);
  return env.delivered(app)[0];
}

/** Chromium's `_sp_id` and `_sp_ses` cookies of the root domain. */
async function jar(context) {
  const cookies = await context.cookies(`https://${HOST}/`);
  return { id: cookies.find((c) => c.name === ID), ses: cookies.find((c) => c.name === SES) };
}

test('a cookie sp.js 4.10.1 wrote in Chromium gives the Worker\'s events its duid, sid and vid, ip from CF-Connecting-IP, ua and lang', async () => {
  const context = await env.browser.newContext({ ignoreHTTPSErrors: true, locale: 'de-CH' });
  try {
    const page = await context.newPage();
    const app = `captured-${randomUUID()}`;
    await open(page, '/d/track.html', { tracker: 'spjs', app });
    const spjs = await pageView(page, app);
    const { id, ses } = await jar(context);
    assert.ok(id && ses && id.domain === '.example.test', `sp.js wrote ${ID} and ${SES} on its root domain`);
    await page.setExtraHTTPHeaders({ 'x-forwarded-for': '192.0.2.66' });
    const { setCookie, event } = await open(page, '/w/plain.html');
    assert.deepEqual([event.duid, event.sid, event.vid], [spjs.duid, spjs.sid, spjs.vid], 'sp.js\'s user and session');
    assert.equal(event.ip, '127.0.0.1', 'CF-Connecting-IP, not the spoofed X-Forwarded-For');
    assert.equal(event.ua, await page.evaluate(() => navigator.userAgent), 'the browser\'s User-Agent');
    assert.equal(event.lang, 'de-CH');
    assert.equal(setCookie, `${ID}=${id.value}; Max-Age=63072000; Path=/; Domain=example.test; SameSite=Lax; Secure`, 're-issued byte for byte');
    const named = await open(page, '/w/plain.html', { options: JSON.stringify({ ipHeader: { name: 'X-Forwarded-For' } }) });
    assert.equal(named.event.ip, '192.0.2.66', 'a spoofable header only when named');
  } finally {
    await context.close();
  }
});

for (const tracker of ['spjs', 'ours']) {
  test(`${tracker === 'spjs' ? 'sp.js 4.10.1' : 'our browser build'} continues the user the Worker creates, and the session of the cookie it re-issues`, async () => {
    const context = await env.browser.newContext({ ignoreHTTPSErrors: true });
    try {
      const page = await context.newPage();
      // 1. The Worker makes a user (no session yet) for a request that has none.
      const created = await open(page, '/w/plain.html', { options: JSON.stringify({ create: true, cookieDomain: 'example.test' }) });
      assert.ok(created.setCookie?.startsWith(`${ID}=`), 'a new _sp_id');
      const duid = created.event.duid;
      assert.equal(created.event.sid, undefined, 'no session yet');
      assert.equal((await jar(context)).id.value, created.setCookie.split(';')[0].slice(ID.length + 1));
      // 2. The page continues it: the same duid, its first session.
      const first = `${tracker}-first-${randomUUID()}`;
      await open(page, '/d/track.html', { tracker, app: first });
      const pv = await pageView(page, first);
      assert.deepEqual([pv.duid, pv.vid], [duid, '1']);
      // 3. The Worker re-issues what the page wrote, byte for byte, for three days; Chromium keeps
      // the server's expiry.
      const written = (await jar(context)).id.value;
      const before = Date.now() / 1000;
      const extended = await open(page, '/w/plain.html', { options: JSON.stringify({ cookieLifetime: DAYS_3 }) });
      assert.equal(extended.setCookie, `${ID}=${written}; Max-Age=${DAYS_3}; Path=/; Domain=example.test; SameSite=Lax; Secure`);
      assert.deepEqual([extended.event.duid, extended.event.sid, extended.event.vid], [duid, pv.sid, '1'], 'the Worker\'s event: the same user and session');
      const kept = (await jar(context)).id;
      assert.equal(kept.value, written);
      assert.ok(Math.abs(kept.expires - (before + DAYS_3)) < 60, `expires in 3 days (${Math.round(kept.expires - before)} s)`);
      // 4. The next page continues the duid and the session.
      const next = `${tracker}-next-${randomUUID()}`;
      await open(page, '/d/track.html', { tracker, app: next });
      const again = await pageView(page, next);
      assert.deepEqual([again.duid, again.sid, again.vid], [duid, pv.sid, '1']);
    } finally {
      await context.close();
    }
  });
}
