// The scripted sample `npm start` runs: one event of every kind through the built package with
// a real Emitter (POST batches and GET), to the collector at COLLECTOR_URL.
import { Tracker, Emitter, Subject } from 'snowplow-tracker-wasm';
import { everyEvent, WEB_PAGE } from '../tests/support/scenarios.mjs';

export async function runSample(collectorUrl) {
  const subject = new Subject().setUserId('sample-user').setScreenResolution(1920, 1080).setLang('en-GB').setTimezone('Europe/London');
  const post = new Emitter(collectorUrl);                       // POST batches of 10 by default
  const get = new Emitter(collectorUrl, { method: 'get' });     // one GET per event
  const tracker = new Tracker([post], { namespace: 'sample', appId: 'sample-post', subject });
  const getTracker = new Tracker(get, { namespace: 'sample', appId: 'sample-get', encodeBase64: false, subject });
  let tracked = 0;
  for (const t of [tracker, getTracker]) {
    for (const [method, options] of everyEvent({ context: [WEB_PAGE] })) {
      const ids = t[method](options);
      tracked += Array.isArray(ids) ? ids.length : 1;
    }
  }
  await Promise.all([tracker.flush(), getTracker.flush()]);
  return tracked;
}
