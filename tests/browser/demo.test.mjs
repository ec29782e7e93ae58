// The demo page and the dev collector, in real headless Chromium: every event button's event
// arrives good, a collector outage shows as a failure and a retry in the log and loses nothing,
// a self-describing event that breaks its schema is listed as bad with the validator's reason.
// Screenshots of the demo and the inspector go to tests/artifacts/ (ignored by git).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../support/chromium.mjs';
import { startDevCollector } from '../../scripts/dev-collector.mjs';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
let dev; let browser; let page;
const pageErrors = [];
const micro = async (what) => (await fetch(`${dev.url}/micro/${what}`)).json();

/** Poll `fn` until it returns something truthy, for at most `ms`. */
async function until(fn, ms, what) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dev = await startDevCollector({ port: 0 });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  // The 503s of the outage test are logged by the browser itself: they are the point, not errors.
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 503/.test(m.text())) pageErrors.push(m.text()); });
  await page.goto(dev.demoUrl);
  await page.waitForSelector('#status[data-ready="yes"]', { timeout: 15000 });
});
after(async () => {
  await browser?.close();
  await dev?.close();
});

test('every event button tracks an event that arrives good, under a script-src CSP, with no page error', async () => {
  const buttons = await page.$$('#events button');
  assert.equal(buttons.length, 13, 'a button per event kind');
  for (const b of buttons) await b.click();
  await page.click('#flush');
  // 12 single events and a transaction with two items.
  const all = await until(async () => { const a = await micro('all'); return a.good >= 15 && a; }, 10000, '15 good events');
  assert.deepEqual(all, { total: 15, good: 15, bad: 0 });
  const types = new Set((await micro('good')).map((e) => e.eventType));
  for (const t of ['page_view', 'page_ping', 'struct', 'transaction', 'transaction_item', 'iglu:com.snowplowanalytics.snowplow/link_click/jsonschema/1-0-1']) assert.ok(types.has(t), t);
  assert.equal(await page.evaluate(() => typeof window.tracker.trackPageView), 'function', 'window.tracker for the console');
  await until(async () => (await page.textContent('#count-delivered')) === '15', 3000, 'the delivered counter');
  assert.deepEqual(pageErrors, []);
  await page.screenshot({ path: `${ARTIFACTS}demo.png`, fullPage: true });
});

test('collector down, then up: the log shows the failure and the retry; the event arrives once', async () => {
  await page.click('#collector');
  await page.waitForSelector('#collector[aria-pressed="true"]');
  const eid = await page.evaluate(() => window.tracker.trackPageView({ pageUrl: location.href, pageTitle: 'outage' }));
  await page.click('#flush');
  await page.waitForSelector('#log li.retry', { timeout: 10000 });
  const failure = await page.textContent('#log li.retry');
  assert.match(failure, /→ 503 \(http\), will retry with backoff/);
  await page.click('#collector');
  await page.waitForSelector('#collector[aria-pressed="false"]');
  const success = await until(() => page.$$eval('#log li.ok', (lis) => lis.map((li) => li.textContent).find((t) => /attempt [2-9]/.test(t))), 15000, 'the retry to succeed');
  assert.match(success, /→ 200/);
  const good = await until(async () => (await micro('good')).filter((e) => e.event.eid === eid), 5000, 'the event');
  await new Promise((r) => setTimeout(r, 300));
  assert.equal((await micro('good')).filter((e) => e.event.eid === eid).length, 1, 'once');
  assert.equal(good.length, 1);
  assert.deepEqual(pageErrors, []);
});

test('a self-describing event that breaks its schema is listed as bad with the validator\'s reason', async () => {
  await page.evaluate(() => {
    window.tracker.trackSelfDescribingEvent({ event: { schema: 'iglu:com.snowplowanalytics.snowplow/timing/jsonschema/1-0-0', data: { category: 7 } } });
    return window.tracker.flush();
  });
  const bad = await until(async () => (await micro('bad')).find((e) => /timing/.test(e.errors.join(' '))), 5000, 'a bad event');
  assert.match(bad.errors.join(' '), /must have required property|must be string/);
  const inspector = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  inspector.on('pageerror', (e) => pageErrors.push(String(e)));
  await inspector.goto(dev.microUrl);
  await inspector.waitForSelector('#bad tr');
  await inspector.click('#good tr:has-text("link_click")');
  const detail = await inspector.textContent('#detail');
  assert.match(detail, /"ue_px \(self-describing event, decoded\)"/);
  assert.match(detail, /"targetUrl": "http/);
  await inspector.screenshot({ path: `${ARTIFACTS}inspector.png`, fullPage: true });
  await inspector.close();
  assert.deepEqual(pageErrors, []);
});

test('an event of a schema the collector does not have is good, listed as unvalidated', async () => {
  const ue = JSON.stringify({
    schema: 'iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0',
    data: { schema: 'iglu:com.acme/checkout/jsonschema/1-0-0', data: { step: 2 } },
  });
  const eid = '0f9a2c1e-7d4b-4c8e-9a1f-3b2d5e6f7a80';
  const query = new URLSearchParams({ e: 'ue', eid, p: 'web', tv: 'test', dtm: String(Date.now()), ue_pr: ue });
  assert.equal((await fetch(`${dev.url}/i?${query}`)).status, 200);
  const got = (await micro('good')).find((e) => e.event.eid === eid);
  assert.deepEqual(got.unvalidated, ['iglu:com.acme/checkout/jsonschema/1-0-0']);
  assert.equal(got.eventType, 'iglu:com.acme/checkout/jsonschema/1-0-0');
});

test('the demo\'s autotrack card: a link, a button and a form tracked without code; the inspector shows each entity valid', async () => {
  await page.click('#auto-link');
  await page.click('#auto-button');
  await page.focus('#auto-form [name=email]');
  await page.fill('#auto-form [name=password]', 'demo-secret');
  await page.selectOption('#auto-form [name=plan]', 'pro');
  await page.click('#auto-submit');
  await page.click('#auto-error');
  await until(() => pageErrors.length > 0, 3000, 'the demo\'s error');
  assert.match(pageErrors.splice(0).join(), /an uncaught error from the demo/);
  await page.click('#flush');
  const want = ['link_click', 'button_click', 'focus_form', 'change_form', 'submit_form', 'application_error'];
  const got = await until(async () => {
    const names = new Set((await micro('good')).map((e) => e.eventType.split('/')[1]));
    return want.every((w) => names.has(w)) && names;
  }, 10000, 'the autotracked events');
  assert.ok(got);
  const all = await micro('all');
  assert.equal(all.bad, 1, 'only the earlier bad timing event');
  assert.ok(!JSON.stringify(await micro('good')).includes('demo-secret'), 'the password never sent');
  const submit = (await micro('good')).find((e) => e.eventType.includes('submit_form'));
  assert.deepEqual(submit.entities.map((e) => [e.field.replace(/^(ue_px|cx)/, ''), e.schema.split('/')[1], e.errors]), [['.data', 'submit_form', []], ['[0]', 'web_page', []]]);
  const inspector = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  inspector.on('pageerror', (e) => pageErrors.push(String(e)));
  await inspector.goto(dev.microUrl);
  await inspector.click('#good tr:has-text("submit_form")');
  const rows = await inspector.$$eval('#entities tr', (trs) => trs.map((tr) => Array.from(tr.children, (td) => td.textContent)));
  assert.deepEqual(rows.map((r) => [r[1], r[2]]), [['submit_form 1-0-0', 'valid'], ['web_page 1-0-0', 'valid']]);
  assert.match(rows[0][3], /"formId": "auto-form"/);
  await inspector.close();
  assert.deepEqual(pageErrors, []);
});
