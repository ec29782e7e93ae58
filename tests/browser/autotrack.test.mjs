// The autotrack entry beside @snowplow/browser-tracker 4.6.8 and its link-click, button-click
// and form-tracking plugins, on one page in headless Chromium: the same clicks and form
// interactions give both trackers the same events (schema and data), schema-valid; links,
// buttons and forms added after enabling count; password values never leave the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { bundleScript, startRig } from '../support/rig.mjs';
import { decodeField, validateEvent } from '../support/schemas.mjs';

const PLUGINS = fileURLToPath(new URL('./spjs-plugins/', import.meta.url));
let collector; let site; let browser; let spjs;

// browser-tracker 4.6.8 and its plugins as one script, as a site bundles them.
const SPJS_ENTRY = `import { newTracker } from '@snowplow/browser-tracker';
import { LinkClickTrackingPlugin, enableLinkClickTracking } from '@snowplow/browser-plugin-link-click-tracking';
import { ButtonClickTrackingPlugin, enableButtonClickTracking } from '@snowplow/browser-plugin-button-click-tracking';
import { FormTrackingPlugin, enableFormTracking } from '@snowplow/browser-plugin-form-tracking';
window.spjs = { newTracker, plugins: () => [LinkClickTrackingPlugin(), ButtonClickTrackingPlugin(), FormTrackingPlugin()], enableLinkClickTracking, enableButtonClickTracking, enableFormTracking };`;

const BODY = `
<a id="home" class="nav main" href="#home" target="_self">Home <b>page</b></a>
<a id="skip" class="nav no-track" href="#skip">Skip</a>
<a class="plain" href="/elsewhere.html#x">Elsewhere</a>
<button id="buy" class="btn primary" name="buy">Buy now</button>
<button id="labelled" data-sp-button-label="Own label">Text</button>
<input id="go" type="button" value="Go">
<form id="signup" class="form-a" onsubmit="event.preventDefault()">
  <input name="email" type="email" class="f">
  <input name="pass" type="password">
  <input name="news" type="checkbox" value="yes">
  <select name="plan"><option value="free">Free</option><option value="pro">Pro</option></select>
  <textarea id="note"></textarea>
  <button id="send" type="submit">Send</button>
</form>`;

const PAGE = (url) => `<!doctype html><meta charset="utf-8"><title>autotrack</title><body>${BODY}
<script>${spjs}</script>
<script type="module">
  const collector = ${JSON.stringify(url.searchParams.get('collector'))};
  const q = new URLSearchParams(location.search);
  window.spjs.newTracker('sp', collector, { appId: q.get('app') + '-spjs', eventMethod: 'post', bufferSize: 1, plugins: window.spjs.plugins() });
  const { Tracker, Emitter } = await import(q.has('lazy') ? '/pkg/lazy.js' : '/pkg/browser.js');
  const auto = await import('/pkg/autotrack.js');
  window.t = new Tracker(new Emitter(collector, { bufferSize: 1 }), { appId: q.get('app') + '-ours' });
  const link = { options: { denylist: ['no-track'] }, trackContent: true };
  const button = { defaultLabel: 'Unnamed' };
  window.spjs.enableLinkClickTracking(link); auto.enableLinkClickTracking(window.t, link);
  window.spjs.enableButtonClickTracking(button); auto.enableButtonClickTracking(window.t, button);
  window.spjs.enableFormTracking(); auto.enableFormTracking(window.t);
  window.auto = auto;
  window.ready = true;
</script>`;

let rig;
before(async () => {
  spjs = await bundleScript(PLUGINS, SPJS_ENTRY);
  rig = await startRig({ '/page.html': PAGE });
  ({ collector, site, browser } = rig);
});
after(() => rig?.close());

/** The self-describing events of `app-<who>`: `[short schema name, data]`, in order. */
const events = (app, who) =>
  collector.events().filter((e) => e.aid === `${app}-${who}` && e.e === 'ue').map((e) => {
    const { schema, data } = decodeField(e, 'ue_px', 'ue_pr').data;
    return [schema.split('/')[1], data];
  });

async function open(app, extra = '') {
  const page = await browser.newPage();
  await page.goto(`${site.base}/page.html?collector=${encodeURIComponent(collector.url)}&app=${app}${extra}`);
  await page.waitForFunction(() => window.ready === true);
  return page;
}

/** Wait until both trackers sent `n` self-describing events; both lists. */
async function both(app, n) {
  await collector.waitFor(() => events(app, 'ours').length >= n && events(app, 'spjs').length >= n, 10000, `${n} events from each`);
  // Ours valid (sp.js 4.6.8 wraps contexts in contexts 1-0-0, which our validator does not take).
  for (const e of collector.events().filter((e) => e.aid === `${app}-ours`)) assert.deepEqual(validateEvent(e), [], e.e);
  return [events(app, 'ours'), events(app, 'spjs')];
}

test('link clicks: the same link_click events as browser-tracker\'s plugin, links added later included, the denylist kept', async () => {
  const page = await open('links');
  await page.click('#home');
  await page.click('#skip');
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<a id="later" href="#later">Later</a>'));
  await page.click('#later');
  const [ours, theirs] = await both('links', 2);
  assert.deepEqual(ours, theirs);
  assert.deepEqual(ours.map(([, d]) => d.elementId), ['home', 'later']);
  assert.equal(ours[0][1].elementContent, 'Home <b>page</b>');
  await page.evaluate(() => window.auto.disableLinkClickTracking(window.t));
  await page.click('#home');
  await collector.waitFor(() => events('links', 'spjs').length >= 3, 5000, 'the third click from sp.js');
  assert.equal(events('links', 'ours').length, 2, 'disabled: no more link clicks from ours');
  await page.close();
});

test('button clicks: the same button_click events, labels from data-sp-button-label, text, value', async () => {
  const page = await open('buttons');
  for (const id of ['#buy', '#labelled', '#go']) await page.click(id);
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<button id="later"></button>'));
  await page.click('#later');
  const [ours, theirs] = await both('buttons', 4);
  assert.deepEqual(ours, theirs);
  assert.deepEqual(ours.map(([, d]) => d.label), ['Buy now', 'Own label', 'Go', 'Unnamed']);
  await page.close();
});

test('forms: the same focus, change and submit events; password values never sent', async () => {
  const page = await open('forms');
  await page.fill('[name=email]', 'a@b.example');
  await page.fill('[name=pass]', 'hunter2-secret');
  await page.check('[name=news]');
  await page.selectOption('[name=plan]', 'pro');
  await page.fill('#note', 'hello');
  await page.click('#send');
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<form id="later" onsubmit="event.preventDefault()"><input name="q"><input type="submit" id="later-go"></form>'));
  await page.fill('#later [name=q]', 'shoes');
  await page.click('#later-go');
  await new Promise((r) => setTimeout(r, 300));
  const theirsNow = events('forms', 'spjs').length;
  const [ours, theirs] = await both('forms', theirsNow);
  const forms = (list) => list.filter(([s]) => s !== 'button_click');
  assert.deepEqual(forms(ours), forms(theirs));
  const kinds = forms(ours).map(([s]) => s);
  for (const k of ['focus_form', 'change_form', 'submit_form']) assert.ok(kinds.includes(k), `${k} in ${kinds}`);
  assert.ok(forms(ours).some(([s, d]) => s === 'submit_form' && d.formId === 'later'), 'a form added later');
  const all = JSON.stringify(collector.events().filter((e) => e.aid?.startsWith('forms')).map((e) => decodeField(e, 'ue_px', 'ue_pr')));
  assert.ok(!all.includes('hunter2-secret'), 'the password never leaves the page');
  await page.close();
});

test('a Tracker of the lazy entry is autotracked too', async () => {
  const page = await open('lazy', '&lazy=1');
  await page.click('#home');
  await page.click('#buy');
  const [ours, theirs] = await both('lazy', 2);
  assert.deepEqual(ours, theirs);
  await page.close();
});
