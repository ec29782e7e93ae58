// Producer Worker: tracks `n` events into a QueueEmitter bound to the EVENTS queue.
import { Tracker, QueueEmitter } from '../../../pkg/workerd.js';

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const n = Number(url.searchParams.get('n') || 1);
    const tracker = new Tracker(new QueueEmitter(env.EVENTS, { bufferSize: 100 }), { appId: url.searchParams.get('app') });
    const eids = [];
    for (let i = 0; i < n; i++) eids.push(tracker.trackStructEvent({ category: 'queue', action: 'a', value: i }));
    const result = await tracker.flush();
    return Response.json({ result, eids });
  },
};
