// A Worker that tracks one page view per request and keeps the request alive until the events
// are delivered: ctx.waitUntil(tracker.flush()). The tracker is made per request (workerd
// forbids I/O objects crossing requests).
import { Tracker, Emitter, Subject } from 'snowplow-tracker-wasm';

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const tracker = new Tracker(new Emitter(env.COLLECTOR_URL, { method: url.searchParams.get('method') || 'post' }), {
      namespace: 'worker',
      appId: url.searchParams.get('app') || 'worker',
      subject: new Subject().setUseragent(request.headers.get('user-agent') || ''),
    });
    const eid = tracker.trackPageView({ pageUrl: request.url, context: [{ schema: 'iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0', data: { id: crypto.randomUUID() } }] });
    tracker.trackStructEvent({ category: 'worker', action: 'request', value: 1 });
    ctx.waitUntil(tracker.flush());
    return new Response(eid);
  },
};
