// Pins the public TypeScript surface: this file must type-check against pkg/*.d.ts, and each
// expect-error directive below must still mark an error.
import { Tracker, Emitter, AsyncEmitter, QueueEmitter, RedisEmitter, Subject, forwardQueueBatch, drainRedis, identityCookie } from 'snowplow-tracker-wasm';
import * as lazy from 'snowplow-tracker-wasm/lazy';
import type { ContextEvent, GlobalContextProvider, PayloadBuilder, TrackerPlugin, DrainResult, ForwardResult, QueueProducer, AsyncEmitterOptions, FailureInfo, FlushResult, EmitterOptions, PageViewOptions, SelfDescribingJson, TrackedEvent, TransactionOptions } from 'snowplow-tracker-wasm';

const options: EmitterOptions = { protocol: 'https', port: 8080, method: 'get', bufferSize: 1 };
const emitter: Emitter = new Emitter('collector.example.com', options);
const custom = { input(event: TrackedEvent): void { void event.eid; }, flush: async (): Promise<void> => {} };
const subject: Subject = new Subject().setPlatform('web').setUserId('u').setScreenResolution(1, 2).setViewport(1, 2)
  .setColorDepth(24).setTimezone('UTC').setLang('en').setDomainUserId('d').setDomainSessionId('s')
  .setDomainSessionIndex(1).setIpAddress('ip').setUseragent('ua').setNetworkUserId('n');
const tracker = new Tracker([emitter, custom], { namespace: 'ns', appId: 'app', encodeBase64: false, subject });
tracker.addEmitter(custom);
tracker.setSubject(null);

const ctx: SelfDescribingJson[] = [{ schema: 'iglu:com.acme/c/jsonschema/1-0-0', data: { a: 1 } }];
const pv: PageViewOptions = { pageUrl: 'https://x', pageTitle: 't', referrer: 'r', context: ctx, trueTimestamp: 1, subject };
const eid: string = tracker.trackPageView(pv);
const generator = (args: ContextEvent) => (args.eventType === 'pv' && args.eventSchema === '' ? ctx[0] : undefined);
const providers: GlobalContextProvider[] = [ctx[0], generator, [{ accept: 'iglu:com.acme/*/jsonschema/*-*-*' }, [ctx[0], generator]], [(a: ContextEvent) => a.event.e === 'se', ctx[0]]];
tracker.addGlobalContexts(providers);
tracker.addGlobalContexts({ named: ctx[0] });
tracker.removeGlobalContexts(['named', generator]);
tracker.clearGlobalContexts();
const plugin: TrackerPlugin = { contexts: () => ctx, beforeTrack: (b: PayloadBuilder) => b.add('uid', 'u'), filter: (p) => p.e !== 'pp', afterTrack: (p) => void p.eid };
tracker.addPlugin(plugin);
tracker.trackButtonClick({ label: 'Buy', id: 'b', classes: ['x'], name: 'n' });
tracker.trackFormFocus({ formId: 'f', elementId: 'e', nodeName: 'INPUT', type: 'email', value: null });
tracker.trackError({ message: 'm', filename: 'f.js', lineno: 1, colno: 2, error: new Error('e') });
// @ts-expect-error a plugin's filter returns a boolean
tracker.addPlugin({ filter: () => 'yes' });
tracker.trackPagePing({ pageUrl: 'u', minX: 0, maxX: 1, minY: 0, maxY: 1 });
tracker.trackStructEvent({ category: 'c', action: 'a', label: 'l', property: 'p', value: 1 });
tracker.trackSelfDescribingEvent({ event: ctx[0] });
tracker.trackScreenView({ name: 'n' });
tracker.trackMobileScreenView({ name: 'n', id: 'x', type: 't', previousName: 'p', previousId: 'i', previousType: 't', transitionType: 't' });
tracker.trackLinkClick({ targetUrl: 'u', elementId: 'i', elementClasses: ['a'], elementTarget: '_blank', elementContent: 'c' });
tracker.trackAddToCart({ sku: 's', quantity: 1, name: 'n', category: 'c', unitPrice: 1, currency: 'EUR' });
tracker.trackRemoveFromCart({ sku: 's', quantity: 1 });
tracker.trackFormChange({ formId: 'f', elementId: 'e', nodeName: 'INPUT', value: null, type: 'email', elementClasses: [] });
tracker.trackFormSubmit({ formId: 'f', formClasses: ['c'], elements: [{ name: 'n', value: 'v', nodeName: 'SELECT', type: 'text' }] });
tracker.trackSiteSearch({ terms: ['a'], filters: { a: 'b', c: true }, totalResults: 1, pageResults: 1 });
const tr: TransactionOptions = { orderId: 'o', totalValue: 1, items: [{ sku: 's', price: 1, quantity: 1 }] };
const ids: string[] = tracker.trackEcommerceTransaction(tr);
const done: Promise<FlushResult | undefined> = tracker.flush();
const started = tracker.flush(true);
const closed: Promise<FlushResult> = tracker.close();
const buffered: number = emitter.bufferedCount;
const asyncOptions: AsyncEmitterOptions = {
  threadCount: 4, byteLimit: 1000, requestTimeout: [1, 2], bufferCapacity: 10, maxRetryDelaySeconds: 0.5,
  customRetryCodes: { 429: false, 400: true }, maxRetries: 0, flushTimeout: 1, postPath: '/x', customHeaders: { a: 'b' },
  onSuccess: (events: TrackedEvent[]) => void events.length,
  onFailure: (n: number, events: TrackedEvent[], info: FailureInfo) => void [n, events, info.reason, info.willRetry, info.status],
  fetch: (url, init) => fetch(url, init),
};
const asyncEmitter = new AsyncEmitter('h', asyncOptions);
asyncEmitter.setFlushTimer(0.5);
asyncEmitter.cancelFlushTimer();
const added: boolean = asyncEmitter.input({ e: 'pv', eid: 'x', p: 'web', tv: 't' });
tracker.addEmitter(asyncEmitter);
void [eid, ids, done, started, closed, buffered, emitter.flush(), added];

// In a page the page gives the URL: options may be left out.
tracker.trackPageView();
tracker.trackPageView({ pageTitle: 't' });
// Web tracking options and methods.
const web = new Tracker(emitter, {
  stateStorageStrategy: 'cookie', cookieName: '_sp_', cookieDomain: '.example.com', discoverRootDomain: false,
  cookieLifetime: 100, sessionCookieTimeout: 60, cookieSameSite: 'Strict', cookieSecure: true,
  contexts: { webPage: true, session: true }, onSessionUpdateCallback: (s) => void [s.sessionId, s.previousSessionId, s.eventIndex],
  anonymousTracking: { withSessionTracking: true, withServerAnonymisation: false }, respectDoNotTrack: true,
});
web.setUserId('u'); web.setUserId(null); web.setCustomUrl('https://x'); web.setReferrerUrl('https://r'); web.setDocumentTitle('t');
web.newSession(); web.enableAnonymousTracking(); web.enableAnonymousTracking({ withSessionTracking: true }); web.disableAnonymousTracking();
web.clearUserData({ preserveSession: true });
web.enableActivityTracking({ minimumVisitLength: 5, heartbeatDelay: 10 });
web.enableActivityTrackingCallback({ minimumVisitLength: 5, heartbeatDelay: 10, callback: (p) => void [p.maxYOffset, p.pageViewId] });
web.disableActivityTracking(); web.disableActivityTrackingCallback(); web.updatePageActivity();
// @ts-expect-error cookieSameSite is Strict, Lax or None
new Tracker(emitter, { cookieSameSite: 'lax' });
// @ts-expect-error method is "get" | "post"
new Emitter('h', { method: 'put' });
// @ts-expect-error numbers are numbers
tracker.trackStructEvent({ category: 'c', action: 'a', value: '2' });
// @ts-expect-error unknown platform
new Subject().setPlatform('desktop');
// @ts-expect-error threadCount is an AsyncEmitter option
new Emitter('h', { threadCount: 2 });

// Queues and Redis
declare const queue: QueueProducer;
const queued = new QueueEmitter(queue, { bufferSize: 100, byteLimit: 256000, maxRetryDelaySeconds: 1, flushTimeout: 5 });
const redisEmitter = new RedisEmitter({}, 'snowplow');
const edge = new Tracker([queued, redisEmitter]);
void edge;
declare const batch: { messages: { body: unknown; ack(): void; retry(): void }[] };
const forwarded: Promise<ForwardResult> = forwardQueueBatch(batch, emitter);
const drained: Promise<DrainResult> = drainRedis({}, 'snowplow', emitter, { batch: 10 });
void [forwarded, drained, redisEmitter.input({ e: 'pv', eid: 'x', p: 'srv', tv: 't' }), redisEmitter.flush()];

// The non-blocking entry: the same classes, whose calls may return undefined before the module is ready.
const lazyTracker = new lazy.Tracker(new lazy.Emitter('collector.example.com'));
const maybeEid: string | undefined = lazyTracker.trackPageView({ pageUrl: 'https://x' });
// @ts-expect-error: before the module is ready there is no event id
const surelyEid: string = lazyTracker.trackPageView({ pageUrl: 'https://x' });
void [maybeEid, surelyEid, lazy.ready.then((ok: boolean) => ok)];

// The autotrack entry takes a Tracker of either entry.
import { enableLinkClickTracking, disableLinkClickTracking, enableButtonClickTracking, enableFormTracking, disableFormTracking } from 'snowplow-tracker-wasm/autotrack';
enableLinkClickTracking(tracker, { options: { denylist: ['x'] }, pseudoClicks: true, trackContent: true, context: [ctx[0], (link) => (link.href ? ctx[0] : null)] });
disableLinkClickTracking(tracker);
enableButtonClickTracking(new lazy.Tracker(custom), { filter: (b) => b.id !== 'x', defaultLabel: (b) => b.id });
enableFormTracking(tracker, { options: { fields: { allowlist: ['email'], transform: (v) => (v ? v.toUpperCase() : v) }, events: ['submit_form'] } });
disableFormTracking(tracker);
// @ts-expect-error events are the three schema names
enableFormTracking(tracker, { options: { events: ['click'] } });

// Subject from a request (Node and workerd build).
const fromRequest: Subject = Subject.fromRequest(new Request('https://x.example/'), { cookieDomain: '.x.example', ipHeader: { name: 'X-Forwarded-For', hops: 2 } });
fromRequest.setFromRequest({ url: 'https://x.example/', headers: { get: (name: string) => (name === 'cookie' ? 'a=1' : null) } });
const issued: { setCookie: string | null; subject: Subject } = identityCookie(new Request('https://x.example/'), { create: true, cookieLifetime: 86400, cookieSameSite: 'Strict', respectPrivacySignals: false });
const reissued: string | null = issued.subject.identityCookie(new Request('https://x.example/'), { discoverRootDomain: false });
void reissued;
// @ts-expect-error cookieSameSite is one of three words
identityCookie(new Request('https://x.example/'), { cookieSameSite: 'lax' });
