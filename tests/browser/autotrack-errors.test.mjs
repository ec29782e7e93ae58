// Error autotracking in headless Chromium: beside @snowplow/browser-tracker 4.3.1 and its error
// tracking plugin on one page, the same thrown errors give the same application_error events;
// then ours alone: unhandled rejections, the flood limit (10 a second, one warning), and never
// an error the tracker itself threw.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { bundleScript, startRig } from '../support/rig.mjs';
import { decodeField, validateEvent } from '../support/schemas.mjs';

const PLUGIN = fileURLToPath(new URL('./spjs-error-plugin/', import.meta.url));
let collector; let site; let browser; let spjs;

const SPJS_ENTRY = `import { newTracker } from '@snowplow/browser-tracker';
import { ErrorTrackingPlugin, enableErrorTracking } from '@snowplow/browser-plugin-error-tracking';
window.spjs = { newTracker, ErrorTrackingPlugin, enableErrorTracking };`;

const PAGE = (url) => `<!doctype html><meta charset="utf-8"><title>errors</title><body><img id="img">
<script>${spjs}</script>
<script type="module">
  const collector = ${JSON.stringify(url.searchParams.get('collector'))};
  const app = new URLSearchParams(location.search).get('app');
  window.warnings = [];
  const warn = console.warn;
  console.warn = (...a) => { window.warnings.push(a.map(String).join(' ')); warn(...a); };
  if (!app.startsWith('alone')) {
    window.spjs.newTracker('sp', collector, { appId: app + '-spjs', eventMethod: 'post', bufferSize: 1, plugins: [window.spjs.ErrorTrackingPlugin()] });
    window.spjs.enableErrorTracking();
  }
  const { Tracker, Emitter } = await import('/pkg/browser.js');
  const auto = await import('/pkg/autotrack.js');
  window.t = new Tracker(new Emitter(collector, { bufferSize: 1 }), { appId: app + '-ours' });
  auto.enableErrorTracking(window.t, { context: [{ schema: 'iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0', data: { id: '5d79770b-015b-4af8-8c91-b2ed6faf4b1e' } }] });
  window.auto = auto;
  window.ready = true;
</script>`;

let rig;
before(async () => {
  spjs = await bundleScript(PLUGIN, SPJS_ENTRY);
  rig = await startRig({ '/page.html': PAGE });
  ({ collector, site, browser } = rig);
});
after(() => rig?.close());


const errors = (aid) => collector.events().filter((e) => e.aid === aid && e.e === 'ue').map((e) => decodeField(e, 'ue_px', 'ue_pr').data);

async function open(app) {
  const page = await browser.newPage();
  await page.goto(`${site.base}/page.html?collector=${encodeURIComponent(collector.url)}&app=${app}`);
  await page.waitForFunction(() => window.ready === true);
  return page;
}

/** Throw `count` errors from separate tasks (each reaches the window's error handlers). */
const throwErrors = (page, count, message) => page.evaluate(([count, message]) => new Promise((done) => {
  for (let i = 0; i < count; i++) setTimeout(() => { throw new TypeError(`${message} ${i}`); });
  setTimeout(done, 50);
}), [count, message]);

test('thrown errors: the same application_error events as browser-tracker\'s error plugin, valid', async () => {
  const page = await open('beside');
  await throwErrors(page, 2, 'boom');
  await page.evaluate(() => { document.getElementById('img').src = '/missing.png'; });
  await collector.waitFor(() => errors('beside-ours').length >= 3 && errors('beside-spjs').length >= 3, 10000, 'three errors from each');
  const [ours, theirs] = [errors('beside-ours'), errors('beside-spjs')];
  assert.deepEqual(ours, theirs);
  assert.equal(ours[0].schema, 'iglu:com.snowplowanalytics.snowplow/application_error/jsonschema/1-0-1');
  assert.match(ours[0].data.message, /boom 0/);
  assert.match(ours[0].data.stackTrace, /TypeError: boom 0/);
  assert.equal(ours[2].data.message, 'Non-script error on IMG element');
  for (const e of collector.events().filter((e) => e.aid === 'beside-ours')) assert.deepEqual(validateEvent(e), []);
  await page.close();
});

test('ours alone: unhandled rejections, at most 10 errors a second with one warning, never the tracker\'s own errors', async () => {
  const page = await open('alone');
  await page.evaluate(() => { Promise.reject(new RangeError('nobody caught me')); });
  await collector.waitFor(() => errors('alone-ours').length >= 1, 5000, 'the rejection');
  assert.equal(errors('alone-ours')[0].data.message, 'nobody caught me');
  assert.match(errors('alone-ours')[0].data.stackTrace, /RangeError: nobody caught me/);
  // The tracker's own TypeError, uncaught: not tracked.
  await page.evaluate(() => new Promise((done) => { setTimeout(() => window.t.trackStructEvent({})); setTimeout(done, 50); }));
  await new Promise((r) => setTimeout(r, 1100)); // a new second for the flood limit
  await throwErrors(page, 30, 'flood');
  await new Promise((r) => setTimeout(r, 500));
  const flood = errors('alone-ours').filter((e) => /flood/.test(e.data.message));
  assert.equal(flood.length, 10, 'ten in the second');
  assert.ok(!errors('alone-ours').some((e) => /trackStructEvent/.test(e.data.message)), 'its own error is not tracked');
  const warnings = await page.evaluate(() => window.warnings.filter((w) => /more than 10 errors/.test(w)));
  assert.equal(warnings.length, 1);
  await page.evaluate(() => window.auto.disableErrorTracking(window.t));
  await throwErrors(page, 1, 'after');
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(!errors('alone-ours').some((e) => /after/.test(e.data.message)), 'disabled');
  await page.close();
});
