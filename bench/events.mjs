// Events built per second: this package vs @snowplow/tracker-core 4.10.2 in the same process.
// Both build a page view (and a self-describing event) with one context, base64 on, and hand
// it to a callback/custom emitter that discards it. Prints figures and ratios; asserts nothing.
//   node bench/events.mjs [seconds-per-run=1]
import { Tracker } from 'snowplow-tracker-wasm';
import { trackerCore, buildPageView, buildSelfDescribingEvent } from '@snowplow/tracker-core';

const SECONDS = Number(process.argv[2] || 1);
const CONTEXT = [{ schema: 'iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0', data: { id: '5d79770b-015b-4af8-8c91-b2ed6faf4b1e' } }];
const EVENT = { schema: 'iglu:com.snowplowanalytics.snowplow/timing/jsonschema/1-0-0', data: { category: 'load', variable: 'dom', timing: 120 } };

let sink = 0;
const ours = new Tracker({ input: (e) => { sink += e.eid.length; } }, { namespace: 'bench', appId: 'bench', encodeBase64: true });
const core = trackerCore({ base64: true, callback: (pb) => { sink += pb.build().eid.length; } });
core.setTrackerNamespace('bench');
core.setAppId('bench');
core.setPlatform('srv');

const cases = {
  'page view': {
    ours: () => ours.trackPageView({ pageUrl: 'https://shop.example/products/1', pageTitle: 'Product', referrer: 'https://ref.example/', context: CONTEXT }),
    core: () => core.track(buildPageView({ pageUrl: 'https://shop.example/products/1', pageTitle: 'Product', referrer: 'https://ref.example/' }), CONTEXT),
  },
  'self-describing': {
    ours: () => ours.trackSelfDescribingEvent({ event: EVENT, context: CONTEXT }),
    core: () => core.track(buildSelfDescribingEvent({ event: EVENT }), CONTEXT),
  },
};

function rate(fn) {
  for (let i = 0; i < 20000; i++) fn();                     // warm up the JIT
  let n = 0;
  const end = performance.now() + SECONDS * 1000;
  while (performance.now() < end) { for (let i = 0; i < 1000; i++) fn(); n += 1000; }
  return n / SECONDS;
}

console.log(`node ${process.version}, ${SECONDS} s per run, best of 3`);
for (const [name, c] of Object.entries(cases)) {
  let best = { ours: 0, core: 0 };
  for (let round = 0; round < 3; round++) {
    best.core = Math.max(best.core, rate(c.core));
    best.ours = Math.max(best.ours, rate(c.ours));
  }
  console.log(`${name.padEnd(16)} snowplow-tracker-wasm ${Math.round(best.ours).toLocaleString('en')}/s   tracker-core ${Math.round(best.core).toLocaleString('en')}/s   ratio ${(best.ours / best.core).toFixed(2)}x`);
}
if (sink === 0) console.log('(nothing built?)');
