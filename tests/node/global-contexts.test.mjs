// Global contexts (addGlobalContexts, removeGlobalContexts, clearGlobalContexts) as
// @snowplow/tracker-core 4.x has them, through the built package.
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

const recorder = () => { const events = []; return { events, input: (e) => events.push(e) }; };
const schemas = (ev) => (decodeField(ev, 'cx', 'co')?.data ?? []).map((c) => c.schema.split('/')[1]);
const LINK = { targetUrl: 'https://shop.example/x' };
const SNOWPLOW_EVENTS = { accept: ['iglu:com.snowplowanalytics.snowplow/*/jsonschema/*-*-*'] };

test('static and ruleset providers reach the collector valid, after the event\'s own context, primitives before conditionals', async () => {
  const t = new Tracker(new Emitter(collector.url), { appId: 'gc-static', encodeBase64: false });
  t.addGlobalContexts([[SNOWPLOW_EVENTS, TIMING], GEO]);
  t.addGlobalContexts({ page: WEB_PAGE });
  t.trackPageView({ pageUrl: 'https://shop.example/', context: [TIMING] });
  t.trackLinkClick(LINK);
  t.trackSelfDescribingEvent({ event: TIMING });
  await t.flush();
  const got = collector.events().filter((e) => e.aid === 'gc-static');
  assert.equal(got.length, 3);
  for (const ev of got) assert.deepEqual(validateEvent(ev), []);
  assert.deepEqual(schemas(got[0]), ['timing', 'geolocation_context', 'web_page'], 'a page view has no schema: the ruleset does not apply');
  assert.deepEqual(schemas(got[1]), ['geolocation_context', 'web_page', 'timing']);
  assert.deepEqual(schemas(got[2]), ['geolocation_context', 'web_page', 'timing']);
});

test('generators and filters are handed { event, eventType, eventSchema }; only a filter returning true applies', () => {
  const r = recorder();
  const t = new Tracker(r, { appId: 'gc-args' });
  const seen = [];
  const generator = (args) => { seen.push(args); return args.eventType === 'pv' ? GEO : [TIMING, WEB_PAGE]; };
  t.addGlobalContexts([generator, [(args) => args.eventType === 'se', GEO], [() => 1, TIMING], [() => false, TIMING]]);
  t.trackPageView({ pageUrl: 'https://shop.example/' });
  t.trackStructEvent({ category: 'c', action: 'a' });
  t.trackLinkClick(LINK);
  assert.deepEqual(r.events.map(schemas), [['geolocation_context'], ['timing', 'web_page', 'geolocation_context'], ['timing', 'web_page']]);
  assert.deepEqual(seen.map((a) => [a.eventType, a.eventSchema]), [['pv', ''], ['se', ''], ['ue', 'iglu:com.snowplowanalytics.snowplow/link_click/jsonschema/1-0-1']]);
  assert.equal(seen[0].event.aid, 'gc-args');
  assert.equal(seen[0].event.eid, r.events[0].eid, 'the event as built, its id included');
  assert.ok(!('cx' in seen[2].event) && !('ue_px' in seen[2].event), 'contexts and the self-describing event are handed apart');
});

test('named providers are replaced by name; removal by name, by identity for functions and by value for data; clear', () => {
  const r = recorder();
  const t = new Tracker(r, { appId: 'gc-remove' });
  const gen = () => TIMING;
  t.addGlobalContexts([GEO, gen, [SNOWPLOW_EVENTS, [WEB_PAGE]]]);
  t.addGlobalContexts({ a: GEO, b: [() => true, WEB_PAGE] });
  t.addGlobalContexts({ a: TIMING });
  t.trackLinkClick(LINK);
  assert.deepEqual(schemas(r.events.at(-1)), ['geolocation_context', 'timing', 'timing', 'web_page', 'web_page']);
  // Another function with the same code, the same ruleset with its entity not in an array: kept.
  t.removeGlobalContexts([() => TIMING, [SNOWPLOW_EVENTS, WEB_PAGE]]);
  t.trackLinkClick(LINK);
  assert.equal(schemas(r.events.at(-1)).length, 5);
  t.removeGlobalContexts([{ ...GEO, data: { ...GEO.data } }, gen, [{ accept: [...SNOWPLOW_EVENTS.accept] }, [WEB_PAGE]], 'b']);
  t.trackLinkClick(LINK);
  assert.deepEqual(schemas(r.events.at(-1)), ['timing']);
  t.clearGlobalContexts();
  t.trackLinkClick(LINK);
  assert.deepEqual(schemas(r.events.at(-1)), []);
});

test('what is not a provider is a TypeError naming it, and adds nothing', () => {
  const r = recorder();
  const t = new Tracker(r, { appId: 'gc-bad' });
  const cases = [
    [[{ schema: 'not a uri', data: {} }], /Tracker\.addGlobalContexts: contexts\[0\]\.schema/],
    [[GEO, 3], /contexts\[1\] must be a global context/],
    [[[{ accept: 'iglu:com.*/a/jsonschema/1-0-0' }, GEO]], /contexts\[0\]\[0\]\.accept must be an Iglu URI glob/],
    [[[{}, GEO]], /contexts\[0\]\[0\] must be a ruleset with accept, reject or both/],
    [[[() => true]], /contexts\[0\] must be a \[filter or ruleset, provider\(s\)\] pair/],
    [{ n: [1, 2, 3] }, /contexts\.n/],
    ['GEO', /contexts must be an array of global contexts or an object of named ones/],
  ];
  for (const [arg, message] of cases) assert.throws(() => t.addGlobalContexts(arg), (e) => e instanceof TypeError && message.test(e.message), String(message));
  assert.throws(() => t.addGlobalContexts(), /contexts/);
  assert.throws(() => t.removeGlobalContexts(GEO), TypeError);
  t.trackStructEvent({ category: 'c', action: 'a' });
  assert.deepEqual(schemas(r.events[0]), [], 'nothing was added');
});

test('a generator or filter that throws or answers wrongly is skipped for the event, with one warning per provider', () => {
  const r = recorder();
  const t = new Tracker(r, { appId: 'gc-throw' });
  let calls = 0;
  t.addGlobalContexts([() => { calls++; throw new Error('boom'); }, () => 'not an entity', [() => { throw new Error('filter'); }, GEO], () => Promise.resolve(GEO), WEB_PAGE]);
  const [, seen] = warnings(() => {
    for (let i = 0; i < 3; i++) t.trackStructEvent({ category: 'c', action: 'a' });
  });
  assert.equal(r.events.length, 3, 'every event is still tracked');
  assert.ok(r.events.every((e) => schemas(e).join() === 'web_page'));
  assert.equal(calls, 3, 'a throwing generator is called again for later events');
  assert.equal(seen.length, 4, seen.map((s) => s[0]).join('\n'));
  assert.ok(seen[0][1] instanceof Error && seen[0][1].message === 'boom', 'the first throw is logged with its error');
  assert.match(seen[1][0], /generator returned no entity/);
});

test('a generator may not track or change global contexts (it would recurse): refused as a throw', () => {
  const r = recorder();
  const t = new Tracker(r, { appId: 'gc-reenter' });
  const errors = [];
  t.addGlobalContexts([() => {
    for (const f of [() => t.trackStructEvent({ category: 'c', action: 'a' }), () => t.clearGlobalContexts(), () => t.addGlobalContexts([GEO])]) {
      try { f(); } catch (e) { errors.push(e); }
    }
    t.setUserId('set from a generator');
    return TIMING;
  }]);
  t.trackPageView({ pageUrl: 'https://shop.example/' });
  assert.equal(r.events.length, 1);
  assert.deepEqual(schemas(r.events[0]), ['timing']);
  assert.equal(errors.length, 3);
  assert.ok(errors.every((e) => e instanceof TypeError && /called from inside one/.test(e.message)), errors.map(String).join('\n'));
  t.trackPageView({ pageUrl: 'https://shop.example/' });
  assert.equal(r.events[1].uid, 'set from a generator', 'other methods work from a generator');
});
