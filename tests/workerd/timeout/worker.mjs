// A Worker whose collector keeps failing: its flush ends at flushTimeout, and since timers die
// with the request, the pending events must be reported to onFailure (timeout, not retried).
import { Tracker, Emitter } from '../../../pkg/workerd.js';

export default {
  async fetch(request, env) {
    const failures = [];
    const emitter = new Emitter(env.COLLECTOR_URL, {
      flushTimeout: 0.5,
      maxRetryDelaySeconds: 30,
      onFailure: (sent, events, info) => failures.push({ sent, eids: events.map((e) => e.eid), info }),
    });
    const tracker = new Tracker(emitter, { appId: 'timeout' });
    const eids = [tracker.trackPageView({ pageUrl: 'https://a.example/' }), tracker.trackPageView({ pageUrl: 'https://b.example/' })];
    const result = await tracker.flush();
    return Response.json({ result, eids, failures, buffered: emitter.bufferedCount });
  },
};
