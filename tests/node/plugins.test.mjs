// Plugins (tracker.addPlugin) in tracker-core 4.x's order, through the built package.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Tracker, Emitter } from 'snowplow-tracker-wasm';
import { startCollector } from '../support/collector.mjs';
import { WEB_PAGE, GEO, TIMING } from '../support/scenarios.mjs';
import { warnings } from '../support/warnings.mjs';
import { decodeField, validateEvent } from '../support/schemas.mjs';

let collector;
before(async () => { collector = await startCollector(); });
after(() => collector.close());

const schemas = (ev) => (decodeField(ev, 'cx', 'co')?.data ?? []).map((c) => c.schema.split('/')[1]);
const ITEMS = { orderId: 'o-1', totalValue: 3, items: [{ sku: 'a', price: 1, quantity: 1 }, { sku: 'b', price: 2, quantity: 1 }] };

test('hooks run in tracker-core\'s order: contexts, global contexts, beforeTrack, filter, sent, afterTrack', () => {
  const log = [];
  const t = new Tracker({ input: (e) => log.push(['input', e.eid]) }, { appId: 'pl-order' });
  t.addGlobalContexts([() => (log.push(['global']), GEO)]);
  const plugin = {
    contexts() { log.push(['contexts', this === plugin]); return [TIMING]; },
    beforeTrack(b) { log.push(['beforeTrack', b.getJson().map((j) => j.keyIfEncoded).join()]); },
    filter(p) { log.push(['filter', schemas(p).join()]); return true; },
    afterTrack(p) { log.push(['afterTrack', p.eid]); },
  };
  t.addPlugin(plugin);
  const id = t.trackStructEvent({ category: 'c', action: 'a', context: [WEB_PAGE] });
  assert.deepEqual(log, [['contexts', true], ['global'], ['beforeTrack', 'cx'], ['filter', 'web_page,timing,geolocation_context'], ['input', id], ['afterTrack', id]]);
});

test('a filter that returns false or throws drops the event: "" from track(), no afterTrack; a transaction has "" per dropped event', () => {
  const sent = [];
  const after = [];
  const t = new Tracker({ input: (e) => sent.push(e) }, { appId: 'pl-filter' });
  t.addPlugin({ filter: (p) => p.e !== 'ti' && p.se_ac !== 'drop', afterTrack: (p) => after.push(p.e) });
  t.addPlugin({ filter: (p) => { if (p.se_ac === 'throw') throw new Error('broken consent filter'); return true; } });
  assert.equal(t.trackStructEvent({ category: 'c', action: 'drop' }), '');
  const [thrown, seen] = warnings(() => t.trackStructEvent({ category: 'c', action: 'throw' }));
  assert.equal(thrown, '', 'a filter that throws drops the event (tracker-core keeps it)');
  assert.equal(seen.length, 1);
  assert.match(seen[0][0], /plugin's filter threw/);
  const ids = t.trackEcommerceTransaction(ITEMS);
  assert.equal(ids.length, 3);
  assert.deepEqual([ids[1], ids[2]], ['', '']);
  assert.equal(sent.length, 1);
  assert.equal(sent[0].eid, ids[0]);
  assert.deepEqual(after, ['tr']);
});

test('beforeTrack changes fields and entities as tracker-core\'s builder allows; the result reaches the collector valid', async () => {
  const t = new Tracker(new Emitter(collector.url), { appId: 'pl-before' });
  t.addPlugin({
    beforeTrack(b) {
      b.add('uid', 'user-from-plugin');
      b.add('page', '');
      b.addDict({ tz: 'Europe/Paris', lang: undefined });
      b.addContextEntity(GEO);
      b.getPayload().url = 'https://shop.example/scrubbed';
      delete b.getPayload().refr;
    },
  });
  t.trackPageView({ pageUrl: 'https://shop.example/?email=a@b.c', referrer: 'https://ref.example/', pageTitle: 'T', context: [WEB_PAGE] });
  await t.flush();
  const [ev] = collector.events().filter((e) => e.aid === 'pl-before');
  assert.deepEqual(validateEvent(ev), []);
  assert.equal(ev.url, 'https://shop.example/scrubbed');
  assert.equal(ev.refr, undefined);
  assert.equal(ev.page, 'T', 'add skips ""');
  assert.equal(ev.uid, 'user-from-plugin');
  assert.equal(ev.tz, 'Europe/Paris');
  assert.deepEqual(schemas(ev), ['web_page', 'geolocation_context']);
});

test('a beforeTrack that leaves an invalid event, throws or returns a promise is skipped (one warning per plugin); maxEventBytes still applies', () => {
  const sent = [];
  const t = new Tracker({ input: (e) => sent.push(e) }, { appId: 'pl-bad', maxEventBytes: 4000 });
  t.addPlugin({ beforeTrack: (b) => b.add('not_a_field', 'x') });
  t.addPlugin({ beforeTrack: (b) => { b.add('uid', 'second'); throw new Error('late'); } });
  t.addPlugin({ beforeTrack: async (b) => { b.add('tz', 'UTC'); } });
  const [, seen] = warnings(() => {
    t.trackStructEvent({ category: 'c', action: 'a' });
    t.trackStructEvent({ category: 'c', action: 'b' });
  });
  assert.equal(sent.length, 2);
  assert.equal(sent[0].uid, undefined, 'a throwing hook\'s changes are not kept');
  assert.equal(sent[0].tz, undefined, 'a promise-returning hook is ignored');
  assert.equal(seen.length, 3, seen.map((s) => s[0]).join('\n'));
  assert.match(seen[0][0], /beforeTrack left an invalid event.*not_a_field/);
  assert.match(seen[2][0], /returned a promise/);
  const big = new Tracker({ input: (e) => sent.push(e) }, { appId: 'pl-big', maxEventBytes: 4000 });
  big.addPlugin({ beforeTrack: (b) => b.addContextEntity({ schema: GEO.schema, data: { latitude: 1, longitude: 2, pad: 'x'.repeat(5000) } }) });
  assert.throws(() => big.trackStructEvent({ category: 'c', action: 'a' }), (e) => e instanceof RangeError && /maxEventBytes/.test(e.message));
  assert.equal(sent.length, 2, 'nothing reached the emitter');
});

test('what is not a plugin is a TypeError; Snowplow\'s own plugin packages are refused by name', () => {
  const t = new Tracker({ input() {} }, { appId: 'pl-type' });
  assert.throws(() => t.addPlugin(), /Tracker\.addPlugin: plugin must be an object/);
  assert.throws(() => t.addPlugin(() => {}), TypeError);
  assert.throws(() => t.addPlugin({}), /an object with none/);
  assert.throws(() => t.addPlugin({ activateBrowserPlugin() {}, beforeTrack() {} }), /not supported/);
  // The adapter the README shows works.
  const theirs = { activateBrowserPlugin() {}, filter: () => false };
  t.addPlugin({ filter: theirs.filter });
  assert.equal(t.trackStructEvent({ category: 'c', action: 'a' }), '');
});

test('afterTrack and contexts() that throw are reported once and the event goes on', () => {
  const sent = [];
  const t = new Tracker({ input: (e) => sent.push(e) }, { appId: 'pl-throw' });
  t.addPlugin({ contexts: () => { throw new Error('c'); }, afterTrack: () => { throw new Error('a'); } });
  t.addPlugin({ contexts: () => 'nope' });
  const [, seen] = warnings(() => {
    for (let i = 0; i < 3; i++) t.trackStructEvent({ category: 'c', action: 'a' });
  });
  assert.equal(sent.length, 3);
  assert.equal(seen.length, 2, seen.map((s) => s[0]).join('\n'));
});
