// Track every request of a Worker with snowplow-tracker-wasm.
//
// The tracker is made per request: workerd forbids I/O objects (fetches, timers) from crossing
// requests, and module scope may not do I/O, use timers or randomness. ctx.waitUntil(flush())
// keeps the Worker alive until every event is delivered or refused (retries included, up to the
// emitter's flushTimeout); timers alone are best-effort here because they die with the request.
import { Tracker, Emitter, Subject } from 'snowplow-tracker-wasm';

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const tracker = new Tracker(
      new Emitter(env.COLLECTOR_URL, {
        method: url.searchParams.get('method') === 'get' ? 'get' : 'post',
        maxRetryDelaySeconds: 2,
        flushTimeout: 20,
      }),
      {
        namespace: 'worker',
        appId: url.searchParams.get('app') || 'worker-example',
        subject: new Subject()
          .setUseragent(request.headers.get('user-agent'))
          .setIpAddress(request.headers.get('cf-connecting-ip')),
      },
    );
    const eid = tracker.trackPageView({ pageUrl: request.url, referrer: request.headers.get('referer') });
    tracker.trackStructEvent({ category: 'worker', action: request.method });
    ctx.waitUntil(tracker.flush());
    return new Response(eid, { headers: { 'content-type': 'text/plain' } });
  },
};
