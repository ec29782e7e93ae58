// A Worker that tracks a page view for each request with Subject.fromRequest, into a custom
// emitter, and answers the event's fields.
import { Tracker, Subject } from '../../../pkg/workerd.js';

export default {
  async fetch(request) {
    let event;
    const options = request.headers.get('x-test-ip-header') ? { ipHeader: { name: request.headers.get('x-test-ip-header') } } : undefined;
    const tracker = new Tracker({ input: (e) => { event = e; } }, { subject: Subject.fromRequest(request, options) });
    tracker.trackPageView({ pageUrl: request.url });
    return Response.json(event);
  },
};
