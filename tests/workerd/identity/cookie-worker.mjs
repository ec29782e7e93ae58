// A Worker in front of a site, as the README's: on HTML navigations it re-issues the user's
// _sp_id (or makes one) with identityCookie and tracks a page view with the same ids. The site
// is `env.ORIGIN`'s page of the same path; the options come from the `x-test-options` header.
// The Worker's own event goes in the `x-test-event` header of its answer.
import { Tracker, identityCookie } from '../../../pkg/workerd.js';

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const response = await fetch(env.ORIGIN + url.pathname + url.search, { headers: { accept: 'text/html' } });
    if (request.method !== 'GET' || request.headers.get('sec-fetch-dest') !== 'document') return response;
    const { setCookie, subject } = identityCookie(request, JSON.parse(request.headers.get('x-test-options') || '{}'));
    let event;
    new Tracker({ input: (e) => { event = e; } }, { appId: 'edge', subject }).trackPageView({ pageUrl: request.url });
    const out = new Response(response.body, response);
    if (setCookie) out.headers.append('Set-Cookie', setCookie);
    out.headers.set('x-test-event', JSON.stringify(event));
    return out;
  },
};
