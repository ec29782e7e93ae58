// `stateStorageStrategy: "localStorage"` in real headless Chromium: the identity items are
// written as sp.js keeps them, coalesced as cookie writes are (the last value per key, 10 ms
// later, or at once when the page is hidden or left), and the next page continues them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from '../support/chromium.mjs';
import { startCollector } from '../support/collector.mjs';
import { startSite } from '../support/site.mjs';

let collector; let site; let base; let browser;

// A tracker as window.t; every setItem of an identity item is counted in window.writes.
const PAGE = `<!doctype html><meta charset="utf-8"><title>local</title><script type="module">
  const q = new URLSearchParams(location.search);
  window.writes = [];
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) { if (k.startsWith('_sp_')) window.writes.push(k); return setItem.call(this, k, v); };
  const { Tracker, Emitter } = await import('/pkg/browser.js');
  window.t = new Tracker(new Emitter(q.get('collector'), { eventStore: 'memory', bufferSize: 1 }),
    { appId: q.get('app'), stateStorageStrategy: 'localStorage', contexts: { session: true } });
  window.ready = true;
</script>`;

before(async () => {
  collector = await startCollector();
  site = await startSite({ '/local.html': () => PAGE });
  base = site.base;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await site?.close();
  await collector?.close();
});

const events = (app) => collector.requests.flatMap((r) => r.events).filter((e) => e.aid === app);
const session = (e) => JSON.parse(e.co || Buffer.from(e.cx, 'base64url').toString()).data.find((c) => c.schema.includes('/client_session/')).data;

async function open(context, app) {
  const p = await context.newPage();
  await p.goto(`${base}/local.html?collector=${encodeURIComponent(collector.url)}&app=${app}`);
  await p.waitForFunction(() => window.ready === true);
  return p;
}

test('20 events write the identity items once (expiry and value of each), 10 ms later; the next page continues them', async () => {
  const context = await browser.newContext();
  const page = await open(context, 'local-a');
  // The tracker wrote the identity when it started (the page may have flushed it already).
  await page.waitForFunction(() => window.writes.length >= 4, null, { timeout: 5000 });
  const during = await page.evaluate(() => {
    window.writes = [];
    for (let i = 0; i < 20; i++) window.t.trackStructEvent({ category: 'c', action: `a${i}` });
    return window.writes.length;
  });
  assert.equal(during, 0, 'nothing written while the events are tracked');
  await page.waitForFunction(() => window.writes.length >= 4, null, { timeout: 5000 });
  await page.evaluate(() => new Promise((r) => setTimeout(r, 100))); // later writes would show now
  const writes = await page.evaluate(() => window.writes.slice());
  assert.equal(writes.length, 4, `one write per item: ${writes}`);
  assert.deepEqual(writes.filter((k) => k.endsWith('.expires')).length, 2, 'each value with its expiry');
  // A memory queue's requests still in flight would be cut by the reload: let them arrive first.
  await collector.waitFor(() => events('local-a').length >= 20, 10000, '20 events');
  await page.reload();
  await page.waitForFunction(() => window.ready === true);
  await page.evaluate(() => window.t.trackStructEvent({ category: 'c', action: 'next' }));
  await collector.waitFor(() => events('local-a').length >= 21, 10000, '21 events');
  const all = events('local-a');
  const last = session(all.find((e) => e.se_ac === 'next'));
  const first = session(all.find((e) => e.se_ac === 'a0'));
  assert.equal(last.sessionId, first.sessionId);
  assert.equal(last.userId, first.userId);
  assert.equal(last.eventIndex, 21);
  await context.close();
});

test('items still waiting when the page is left are written at once, and the next page continues them', async () => {
  const context = await browser.newContext();
  const page = await open(context, 'local-b');
  await page.evaluate(() => {
    for (let i = 0; i < 5; i++) window.t.trackStructEvent({ category: 'c', action: `a${i}` });
    location.reload(); // before the 10 ms wake-up: the page-exit hook writes them
  });
  await page.waitForFunction(() => window.ready === true);
  await page.evaluate(() => window.t.trackStructEvent({ category: 'c', action: 'next' }));
  await collector.waitFor(() => events('local-b').some((e) => e.se_ac === 'next'), 10000, 'the next page\'s event');
  const next = session(events('local-b').find((e) => e.se_ac === 'next'));
  assert.equal(next.eventIndex, 6);
  await context.close();
});
