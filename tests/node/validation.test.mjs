// Bad input throws at once a TypeError or RangeError naming the parameter; never a wasm trap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Tracker, Emitter, Subject, QueueEmitter, forwardQueueBatch, setLogLevel } from 'snowplow-tracker-wasm';
import { validateEvent } from '../support/schemas.mjs';
import { everyEvent } from '../support/scenarios.mjs';

const t = new Tracker({ input() {} });
const ctx = (c) => ({ pageUrl: 'u', context: c });
const cases = [
  [() => new Emitter(''), TypeError, 'Emitter: endpoint must be a non-empty host without spaces, got ""'],
  [() => new Emitter(42), TypeError, 'Emitter: endpoint must be a string, got 42'],
  [() => new Emitter('ftp://x'), TypeError, 'Emitter: endpoint must be a host or an http(s):// URL'],
  // Endpoints checked with the URL standard's rules: each used to fail as "network" forever.
  [() => new Emitter('user@127.0.0.1'), TypeError, 'Emitter: endpoint must be a host without user name or password'],
  [() => new Emitter('[zz]:80'), TypeError, 'Emitter: endpoint must be a valid host name or IP address, got "[zz]:80"'],
  [() => new Emitter('host:+80'), TypeError, 'Emitter: endpoint must be a host with an optional port from 1 to 65535'],
  [() => new Emitter('exa%00mple.com'), TypeError, 'Emitter: endpoint must be a valid host name or IP address'],
  [() => new Emitter('exa\u00a0mple.com'), TypeError, 'Emitter: endpoint must be a non-empty host without spaces'],
  // Hosts only IDNA's mapping refuses (the platform's URL parser says so).
  [() => new Emitter('http://xn--a.com'), TypeError, 'Emitter: endpoint must be a valid host name or IP address'],
  [() => new Emitter('http://a\uFF0Fb.com'), TypeError, 'Emitter: endpoint must be a valid host name or IP address'],
  [() => new Emitter('h', { customHeaders: { 'X-HTTP-Method-Override': 'TRACE' } }), TypeError, 'EmitterOptions.customHeaders.X-HTTP-Method-Override must be a method override other than CONNECT, TRACE or TRACK'],
  [() => new Emitter('h', { customHeaders: new Headers({ 'X-A': '1' }) }), TypeError, 'EmitterOptions.customHeaders must be an object of header name → string, got an object'],
  [() => new Emitter('h', { customHeaders: new Map([['X-A', '1']]) }), TypeError, 'EmitterOptions.customHeaders must be an object of header name → string'],
  // customHeaders checked with fetch's rules: each used to fail every send, or be dropped quietly.
  [() => new Emitter('h', { customHeaders: { 'X-A': 'a\r\nb' } }), TypeError, 'EmitterOptions.customHeaders.X-A must be a header value without CR, LF or NUL, in Latin-1'],
  [() => new Emitter('h', { customHeaders: { 'X-A': 'a\u0000' } }), TypeError, 'EmitterOptions.customHeaders.X-A must be a header value without CR, LF or NUL'],
  [() => new Emitter('h', { customHeaders: { 'X-A': 'Ā' } }), TypeError, 'EmitterOptions.customHeaders.X-A must be a header value without CR, LF or NUL, in Latin-1'],
  [() => new Emitter('h', { customHeaders: { '': 'v' } }), TypeError, 'EmitterOptions.customHeaders must be keyed by HTTP header names'],
  [() => new Emitter('h', { customHeaders: { 'Content-Length': '1' } }), TypeError, 'EmitterOptions.customHeaders.Content-Length must be a header the emitter may set'],
  [() => new Emitter('h', { customHeaders: { Host: 'x' } }), TypeError, 'EmitterOptions.customHeaders.Host must be a header the emitter may set'],
  [() => new Emitter('h', { customHeaders: { 'content-type': 'text/plain' } }), TypeError, 'EmitterOptions.customHeaders.content-type must be a header the emitter may set'],
  [() => new Emitter('h', { protocol: 'ws' }), TypeError, 'EmitterOptions.protocol must be "http" or "https", got "ws"'],
  [() => new Emitter('h', { method: 'put' }), TypeError, 'EmitterOptions.method must be "get" or "post", got "put"'],
  [() => new Emitter('h', { bufferSize: 0 }), RangeError, 'EmitterOptions.bufferSize must be a positive integer, got 0'],
  [() => new Emitter('h', { bufferSize: 2.5 }), RangeError, 'EmitterOptions.bufferSize must be a positive integer, got 2.5'],
  [() => new Emitter('h', { bufferSize: '10' }), TypeError, 'EmitterOptions.bufferSize must be a number, got "10"'],
  [() => new Emitter('h', { port: 0 }), RangeError, 'EmitterOptions.port must be an integer from 1 to 65535, got 0'],
  [() => new Emitter('h:1', { port: 2 }), TypeError, 'EmitterOptions.port must be absent when the endpoint has a port'],
  [() => new Emitter('h', 'post'), TypeError, 'EmitterOptions.options must be an object, got "post"'],
  [() => new Tracker([]), TypeError, 'Tracker: emitters must be one emitter or a non-empty array of emitters'],
  [() => new Tracker(), TypeError, 'Tracker: emitters must be an Emitter or an object with an input(event) method, got undefined'],
  [() => new Tracker([{ input() {} }, {}]), TypeError, 'Tracker: emitters[1] must be an Emitter or an object with an input(event) method'],
  [() => new Tracker({ input() {} }, { subject: {} }), TypeError, 'TrackerOptions.subject must be a Subject or null, got an object'],
  [() => new Tracker({ input() {} }, { encodeBase64: 'yes' }), TypeError, 'TrackerOptions.encodeBase64 must be a boolean'],
  [() => { const e = new Emitter('h'); return new Tracker([e, e]); }, TypeError, 'Tracker: emitters[1] must be an emitter not already in the list'],
  [() => { const c = { input() {} }; new Tracker(c).addEmitter(c); }, TypeError, 'Tracker.addEmitter: emitter must be an emitter this tracker does not have yet'],
  [() => t.addEmitter(null), TypeError, 'Tracker.addEmitter: emitter must be an Emitter or an object with an input(event) method'],
  [() => t.setSubject('s'), TypeError, 'Tracker.setSubject: subject must be a Subject or null'],
  [() => new Subject().setPlatform('desktop'), TypeError, 'Subject.setPlatform: platform must be one of pc, tv, mob, cnsl, iot, web, srv, app, got "desktop"'],
  [() => new Subject().setScreenResolution(0, 10), RangeError, 'Subject.setScreenResolution: width must be an integer from 1 to 2147483647, got 0'],
  [() => new Subject().setViewport(10, -1), RangeError, 'Subject.setViewport: height must be an integer from 1 to 2147483647, got -1'],
  [() => new Subject().setViewport('10', 1), TypeError, 'Subject.setViewport: width must be a number, got "10"'],
  [() => new Subject().setColorDepth(-24), RangeError, 'Subject.setColorDepth: depth must be an integer from 0 to 2147483647, got -24'],
  // Numbers a field cannot carry are refused, never sent as `cd=1e+300` or a saturated `ttm`.
  [() => new Subject().setColorDepth(1e300), RangeError, 'Subject.setColorDepth: depth must be an integer from 0 to 2147483647, got 1e+300'],
  [() => new Subject().setScreenResolution(2 ** 31, 1), RangeError, 'Subject.setScreenResolution: width must be an integer from 1 to 2147483647, got 2147483648'],
  [() => t.trackPageView({ pageUrl: 'u', trueTimestamp: 1e300 }), RangeError, 'trackPageView: trueTimestamp must be a time in ms within ±8.64e15'],
  [() => new Subject().setUserId(5), TypeError, 'Subject.setUserId: value must be a string, got 5'],
  [() => t.trackPageView(), TypeError, 'trackPageView: options must be an object, got undefined'],
  [() => t.trackPageView({}), TypeError, 'trackPageView: pageUrl is required'],
  [() => t.trackPageView({ pageUrl: 1 }), TypeError, 'trackPageView: pageUrl must be a string, got 1'],
  [() => t.trackPageView(ctx({})), TypeError, 'trackPageView: context must be an array of {schema, data} objects, got an object'],
  [() => t.trackPageView(ctx([{ data: {} }])), TypeError, 'trackPageView: context[0].schema must be a string, got undefined'],
  [() => t.trackPageView(ctx([{ schema: 'x', data: {} }])), TypeError, 'trackPageView: context[0].schema must be an Iglu URI'],
  [() => t.trackPageView(ctx([{ schema: 'iglu:a/b/jsonschema/1-0-0' }])), TypeError, 'trackPageView: context[0].data must be JSON-serialisable data, got undefined'],
  [() => t.trackPageView(ctx([{ schema: 'iglu:a/b/jsonschema/1-0-0', data: { n: 1n } }])), TypeError, 'trackPageView: context[0].data must be JSON-serialisable data (no cycles, BigInt or functions)'],
  [() => t.trackPageView({ pageUrl: 'u', trueTimestamp: '1' }), TypeError, 'trackPageView: trueTimestamp must be a number, got "1"'],
  [() => t.trackPageView({ pageUrl: 'u', trueTimestamp: Infinity }), RangeError, 'trackPageView: trueTimestamp must be a finite number, got Infinity'],
  [() => t.trackPagePing({ pageUrl: 'u', minX: '0' }), TypeError, 'trackPagePing: minX must be a number, got "0"'],
  [() => t.trackPagePing({ pageUrl: 'u', maxY: 1e300 }), RangeError, 'trackPagePing: maxY must be an integer from -2147483648 to 2147483647, got 1e+300'],
  [() => t.trackPagePing({ pageUrl: 'u', minX: 1.5 }), RangeError, 'trackPagePing: minX must be an integer from -2147483648 to 2147483647, got 1.5'],
  [() => t.trackEcommerceTransaction({ orderId: 'o', totalValue: 1, items: [{ sku: 's', price: 1, quantity: 1.5 }] }), RangeError, 'trackEcommerceTransaction: items[0].quantity must be an integer'],
  [() => t.trackStructEvent({ category: 'c', action: 'a', value: 1n }), TypeError, 'trackStructEvent: value must be a number, got a BigInt'],
  [() => t.trackStructEvent({ action: 'a' }), TypeError, 'trackStructEvent: category is required'],
  [() => t.trackStructEvent({ category: 'c' }), TypeError, 'trackStructEvent: action is required'],
  [() => t.trackStructEvent({ category: 'c', action: 'a', value: '2' }), TypeError, 'trackStructEvent: value must be a number, got "2"'],
  [() => t.trackSelfDescribingEvent({}), TypeError, 'trackSelfDescribingEvent: event is required'],
  [() => t.trackSelfDescribingEvent({ event: { schema: '', data: {} } }), TypeError, 'trackSelfDescribingEvent: event.schema must be an Iglu URI'],
  [() => t.trackScreenView({}), TypeError, 'trackScreenView: name or id must be given'],
  [() => t.trackMobileScreenView({ id: 'f1e2d3c4-b5a6-4789-8abc-def012345678' }), TypeError, 'trackMobileScreenView: name is required'],
  [() => t.trackMobileScreenView({ name: 'n', id: '534' }), TypeError, 'trackMobileScreenView: id must be a UUID'],
  [() => t.trackLinkClick({}), TypeError, 'trackLinkClick: targetUrl is required'],
  [() => t.trackLinkClick({ targetUrl: 'u', elementClasses: 'a b' }), TypeError, 'trackLinkClick: elementClasses must be an array of strings, got "a b"'],
  [() => t.trackLinkClick({ targetUrl: 'u', elementClasses: ['a', 1] }), TypeError, 'trackLinkClick: elementClasses[1] must be a string, got 1'],
  [() => t.trackAddToCart({ quantity: 1 }), TypeError, 'trackAddToCart: sku is required'],
  [() => t.trackAddToCart({ sku: 's' }), TypeError, 'trackAddToCart: quantity is required'],
  [() => t.trackRemoveFromCart({ sku: 's', quantity: 1, unitPrice: '1' }), TypeError, 'trackRemoveFromCart: unitPrice must be a number'],
  [() => t.trackFormChange({ elementId: 'e', nodeName: 'INPUT', value: null }), TypeError, 'trackFormChange: formId is required'],
  [() => t.trackFormChange({ formId: 'f', nodeName: 'INPUT', value: null }), TypeError, 'trackFormChange: elementId is required'],
  [() => t.trackFormChange({ formId: 'f', elementId: 'e', nodeName: 'DIV', value: null }), TypeError, 'trackFormChange: nodeName must be one of INPUT, TEXTAREA, SELECT, got "DIV"'],
  [() => t.trackFormChange({ formId: 'f', elementId: 'e', nodeName: 'INPUT', value: null, type: 'fancy' }), TypeError, 'trackFormChange: type must be an HTML input type'],
  [() => t.trackFormSubmit({}), TypeError, 'trackFormSubmit: formId is required'],
  [() => t.trackFormSubmit({ formId: 'f', elements: [{ value: 'v', nodeName: 'INPUT' }] }), TypeError, 'trackFormSubmit: elements[0].name is required'],
  [() => t.trackFormSubmit({ formId: 'f', elements: [{ name: 'n', value: 'v', nodeName: 'P' }] }), TypeError, 'trackFormSubmit: elements[0].nodeName must be one of INPUT, TEXTAREA, SELECT'],
  [() => t.trackSiteSearch({ terms: [] }), TypeError, 'trackSiteSearch: terms must be a non-empty array of strings'],
  [() => t.trackSiteSearch({ terms: ['a'], filters: { x: 1 } }), TypeError, 'trackSiteSearch: filters.x must be a string or a boolean, got 1'],
  [() => t.trackSiteSearch({ terms: ['a'], totalResults: -1 }), RangeError, 'trackSiteSearch: totalResults must be an integer from 0 to 2147483647, got -1'],
  [() => t.trackEcommerceTransaction({ totalValue: 1 }), TypeError, 'trackEcommerceTransaction: orderId is required'],
  [() => t.trackEcommerceTransaction({ orderId: 'o' }), TypeError, 'trackEcommerceTransaction: totalValue is required'],
  [() => t.trackEcommerceTransaction({ orderId: 'o', totalValue: 1, items: [{ price: 1, quantity: 1 }] }), TypeError, 'trackEcommerceTransaction: items[0].sku is required'],
  [() => t.trackEcommerceTransaction({ orderId: 'o', totalValue: 1, items: [{ sku: 's', quantity: 1 }] }), TypeError, 'trackEcommerceTransaction: items[0].price is required'],
  [() => t.trackEcommerceTransaction({ orderId: 'o', totalValue: 1, items: [{ sku: 's', price: 1 }] }), TypeError, 'trackEcommerceTransaction: items[0].quantity is required'],
  [() => t.trackEcommerceTransaction({ orderId: 'o', totalValue: 1, items: {} }), TypeError, 'trackEcommerceTransaction: items must be an array of {sku, price, quantity} objects'],
  [() => t.trackPageView({ pageUrl: 'u', subject: new Emitter('h') }), TypeError, 'trackPageView: subject must be a Subject, got an object'],
  [() => new QueueEmitter({}), TypeError, 'QueueEmitter: queue must be a Queues producer binding (with sendBatch or send), got an object'],
  [() => new QueueEmitter(undefined), TypeError, 'QueueEmitter: queue must be a Queues producer binding'],
  [() => new QueueEmitter({ sendBatch() {} }, { byteLimit: 300000 }), RangeError, 'QueueEmitterOptions.byteLimit must be an integer from 1 to 256000 (a Queues batch), got 300000'],
  [() => forwardQueueBatch({ messages: [] }, {}), TypeError, 'forwardQueueBatch: emitter must be an Emitter or AsyncEmitter, got an object'],
  [() => forwardQueueBatch({}, new Emitter('h')), TypeError, 'forwardQueueBatch: batch must be a Queues batch with messages'],
];

test('every invalid input throws the right error class with a message naming the parameter', () => {
  for (const [fn, cls, prefix] of cases) {
    assert.throws(fn, (e) => {
      assert.equal(e.constructor, cls, `${prefix}: got ${e.constructor.name}: ${e.message}`);
      assert.ok(e.message.startsWith(prefix), `expected "${prefix}…", got "${e.message}"`);
      return true;
    });
  }
});

test('a throwing getter on an options object is rethrown, and the tracker keeps working', () => {
  const events = [];
  const tr = new Tracker({ input: (e) => events.push(e) });
  const boom = new Error('getter');
  assert.throws(() => tr.trackPageView({ get pageUrl() { throw boom; } }), (e) => e === boom);
  tr.trackPageView({ pageUrl: 'after' });
  assert.equal(events.at(-1).url, 'after');
});

test('a freed handle is rejected, not a trap', () => {
  const s = new Subject();
  s.free();
  assert.throws(() => new Tracker({ input() {} }, { subject: s }), TypeError);
});

test('the schema validator itself rejects what it should (so the other tests can fail)', () => {
  const events = [];
  const tr = new Tracker({ input: (e) => events.push(e) }, { encodeBase64: false });
  for (const [m, opts] of everyEvent()) tr[m](opts);
  for (const e of events) assert.deepEqual(validateEvent(e), [], e.e);
  const pv = events[0];
  assert.notDeepEqual(validateEvent({ ...pv, p: undefined }), []);
  assert.notDeepEqual(validateEvent({ ...pv, extra: 'x' }), []);
  assert.notDeepEqual(validateEvent({ ...pv, dtm: 5 }), []);
  const ue = events.find((e) => e.ue_pr && e.ue_pr.includes('mobile/screen_view'));
  assert.notDeepEqual(validateEvent({ ...ue, ue_pr: ue.ue_pr.replace(/"id":"[^"]+"/, '"id":"534"') }), []);
  assert.notDeepEqual(validateEvent({ ...pv, co: JSON.stringify({ schema: 'iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1', data: [{ schema: 'iglu:com.acme/unknown/jsonschema/1-0-0', data: {} }] }) }), []);
});

test('emitter options cross as JSON text: marks name what was given, getters are read once, toJSON applies', () => {
  const throwsLike = (f, type, text) => assert.throws(f, (e) => e instanceof type && e.message.startsWith(text), text);
  throwsLike(() => new Emitter('h', { port: NaN }), RangeError, 'EmitterOptions.port must be a finite number, got NaN');
  throwsLike(() => new Emitter('h', { requestTimeout: [1, -Infinity] }), RangeError, 'EmitterOptions.requestTimeout[1] must be a finite number, got -Infinity');
  throwsLike(() => new Emitter('h', { bufferSize: 10n }), TypeError, 'EmitterOptions.bufferSize must be a number, got a BigInt');
  throwsLike(() => new Emitter('h', { method: Symbol('post') }), TypeError, 'EmitterOptions.method must be a string, got a symbol');
  throwsLike(() => new Emitter('h', { protocol: () => 'http' }), TypeError, 'EmitterOptions.protocol must be a string, got a function');
  throwsLike(() => new Emitter('h', { onSuccess: {} }), TypeError, 'EmitterOptions.onSuccess must be a function, got an object');
  throwsLike(() => new Emitter('h', { customHeaders: { 'X-A': { deep: { er: 1 } } } }), TypeError, 'EmitterOptions.customHeaders.X-A must be a string, got an object');
  throwsLike(() => new Emitter(new String('h')), TypeError, 'Emitter: endpoint must be a string, got an object');
  throwsLike(() => new Emitter(undefined), TypeError, 'Emitter: endpoint is required');
  throwsLike(() => new Emitter('h', null), TypeError, 'EmitterOptions.options must be an object, got null');
  throwsLike(() => new Emitter('h', { threadCount: 2 }), TypeError, 'EmitterOptions.threadCount must be absent');
  // A getter is read once; its own exception propagates unchanged; a revoked Proxy is a TypeError.
  let reads = 0;
  new Emitter('h', { get bufferSize() { reads += 1; return 3; } }).free();
  assert.equal(reads, 1);
  const boom = new Error('getter');
  assert.throws(() => new Emitter('h', { get port() { throw boom; } }), (e) => e === boom);
  // Read by the module itself (the Node build's Queues options): the same exception, kept by the
  // host and thrown again from the call's answer; the module works on.
  assert.throws(() => new QueueEmitter({ sendBatch() {} }, { get bufferSize() { throw boom; } }), (e) => e === boom);
  assert.equal(new QueueEmitter({ sendBatch() {} }).bufferedCount, 0);
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  assert.throws(() => new Emitter('h', proxy), TypeError);
  // toJSON applies, undeclared options are never serialised (a cycle there is harmless).
  const cyclic = { bufferSize: 2 };
  cyclic.self = cyclic;
  new Emitter('h', cyclic).free();
  new Emitter('h', { toJSON: () => ({ method: 'get' }) }).free();
  throwsLike(() => new Emitter('h', { toJSON: () => ({ method: 5 }) }), TypeError, 'EmitterOptions.method must be a string, got 5');
  // A class instance as the bag is read by its own enumerable properties, as before.
  class Options { constructor() { this.bufferSize = 2; } }
  new Emitter('h', new Options()).free();
  // An options text longer than any event could be is refused before it is copied in.
  throwsLike(() => new Emitter('h', { customHeaders: { 'X-A': 'a'.repeat(5_000_000) } }), RangeError, 'Emitter: options must be JSON text of at most');
  new Emitter('h', { method: 'get' }).free();
});

test('tracker options cross as JSON text: emitters, subject and callback are taken out by identity, the rest read by name', () => {
  const throwsLike = (f, type, text) => assert.throws(f, (e) => e instanceof type && e.message.startsWith(text), text);
  const events = [];
  const sink = { input: (e) => events.push(e) };
  const subject = new Subject().setUserId('u1');
  // Emitters as one object or an array, the subject found by identity and seen as it changes.
  const tr = new Tracker([sink], { appId: 'a', namespace: 'n', encodeBase64: false, subject, maxEventBytes: 5000 });
  subject.setUserId('u2');
  tr.trackPageView({ pageUrl: 'https://x' });
  assert.deepEqual([events[0].aid, events[0].tna, events[0].uid, events[0].co], ['a', 'n', 'u2', undefined]);
  throwsLike(() => tr.trackSelfDescribingEvent({ event: { schema: 'iglu:com.acme/e/jsonschema/1-0-0', data: { s: 'x'.repeat(6000) } } }), RangeError, 'trackSelfDescribingEvent: event must be within maxEventBytes');
  // What JSON cannot hold is named as it was given.
  throwsLike(() => new Tracker(sink, { namespace: () => 'n' }), TypeError, 'TrackerOptions.namespace must be a string, got a function');
  throwsLike(() => new Tracker(sink, { maxEventBytes: NaN }), RangeError, 'TrackerOptions.maxEventBytes must be a finite number, got NaN');
  throwsLike(() => new Tracker(sink, { subject: 'me' }), TypeError, 'TrackerOptions.subject must be a Subject or null, got "me"');
  throwsLike(() => new Tracker(sink, { subject: new Map() }), TypeError, 'TrackerOptions.subject must be a Subject or null, got an object');
  throwsLike(() => new Tracker(sink, []), TypeError, 'TrackerOptions.options must be an object, got an array');
  throwsLike(() => new Tracker('collector'), TypeError, 'Tracker: emitters must be an Emitter or an object with an input(event) method, got "collector"');
  throwsLike(() => new Tracker([sink, 5]), TypeError, 'Tracker: emitters[1] must be an Emitter or an object with an input(event) method, got 5');
  // The web options are checked everywhere (they act in pages only).
  throwsLike(() => new Tracker(sink, { cookieSecure: 'yes' }), TypeError, 'TrackerOptions.cookieSecure must be a boolean, got "yes"');
  throwsLike(() => new Tracker(sink, { contexts: { webPage: 1 } }), TypeError, 'TrackerOptions.contexts.webPage must be a boolean, got 1');
  throwsLike(() => new Tracker(sink, { anonymousTracking: 'on' }), TypeError, 'TrackerOptions.anonymousTracking must be a boolean or { withSessionTracking, withServerAnonymisation }, got "on"');
  throwsLike(() => new Tracker(sink, { onSessionUpdateCallback: {} }), TypeError, 'TrackerOptions.onSessionUpdateCallback must be a function, got an object');
  new Tracker(sink, { anonymousTracking: { withSessionTracking: true }, contexts: { session: true }, onSessionUpdateCallback() {} }).free();
  // A getter is read once; its exception propagates; a revoked Proxy (as the bag or an emitter) is a TypeError.
  let reads = 0;
  new Tracker(sink, { get appId() { reads += 1; return 'g'; } }).free();
  assert.equal(reads, 1);
  const boom = new Error('getter');
  assert.throws(() => new Tracker(sink, { get namespace() { throw boom; } }), (e) => e === boom);
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  assert.throws(() => new Tracker(sink, proxy), TypeError);
  assert.throws(() => new Tracker(proxy), TypeError);
  assert.throws(() => new Tracker([sink, proxy]), TypeError);
  // A cycle outside the declared options is never walked; toJSON applies.
  const cyclic = { appId: 'c' };
  cyclic.self = cyclic;
  new Tracker(sink, cyclic).free();
  throwsLike(() => new Tracker(sink, { toJSON: () => ({ encodeBase64: 1 }) }), TypeError, 'TrackerOptions.encodeBase64 must be a boolean, got 1');
  throwsLike(() => new Tracker(sink, { appId: 'a'.repeat(5_000_000) }), RangeError, 'Tracker: options must be JSON text of at most');
  // The module goes on.
  tr.trackPageView({ pageUrl: 'https://after' });
  assert.equal(events.at(-1).url, 'https://after');
});

test('method arguments cross as one message: setters, flush, activity and module settings name what they got', () => {
  const throwsLike = (f, type, text) => assert.throws(f, (e) => e instanceof type && e.message.startsWith(text), text);
  const tr = new Tracker({ input() {} });
  const s = new Subject();
  assert.equal(s.setUserId('u').setViewport(800, 600).setColorDepth(null), s);
  throwsLike(() => s.setUserId(() => 'u'), TypeError, 'Subject.setUserId: value must be a string, got a function');
  throwsLike(() => s.setViewport(800), TypeError, 'Subject.setViewport: height is required');
  throwsLike(() => s.setColorDepth(NaN), RangeError, 'Subject.setColorDepth: depth must be a finite number, got NaN');
  throwsLike(() => s.setPlatform('desktop'), TypeError, 'Subject.setPlatform: platform must be one of pc');
  throwsLike(() => tr.flush('yes'), TypeError, 'Tracker.flush: isAsync must be a boolean, got "yes"');
  throwsLike(() => new Emitter('h').setFlushTimer(0), RangeError, 'Emitter.setFlushTimer: seconds must be a number of seconds > 0, got 0');
  throwsLike(() => tr.setSubject({}), TypeError, 'Tracker.setSubject: subject must be a Subject or null, got an object');
  tr.setSubject(s);
  tr.setSubject(null);
  // Outside pages the web methods check their arguments and do nothing else.
  throwsLike(() => tr.enableActivityTracking({ minimumVisitLength: '5', heartbeatDelay: 10 }), TypeError, 'Tracker.enableActivityTracking: minimumVisitLength must be a number, got "5"');
  throwsLike(() => tr.enableActivityTracking({ heartbeatDelay: 10 }), TypeError, 'Tracker.enableActivityTracking: minimumVisitLength is required');
  throwsLike(() => tr.enableActivityTrackingCallback({ minimumVisitLength: 5, heartbeatDelay: 10 }), TypeError, 'Tracker.enableActivityTrackingCallback: callback must be a function, got undefined');
  tr.enableActivityTrackingCallback({ minimumVisitLength: 5, heartbeatDelay: 10, callback() {} });
  throwsLike(() => tr.clearUserData({ preserveUser: 1 }), TypeError, 'Tracker.clearUserData: preserveUser must be a boolean, got 1');
  throwsLike(() => tr.enableAnonymousTracking('on'), TypeError, 'Tracker.enableAnonymousTracking: anonymousTracking must be a boolean or');
  tr.enableAnonymousTracking({ withSessionTracking: true });
  throwsLike(() => tr.setCustomUrl(5), TypeError, 'Tracker.setCustomUrl: value must be a string, got 5');
  throwsLike(() => setLogLevel(), TypeError, 'setLogLevel: level is required');
  throwsLike(() => setLogLevel(Symbol('x')), TypeError, 'setLogLevel: level must be a string, got a symbol');
  // A throwing getter on a bag argument propagates as it was thrown.
  const boom = new Error('getter');
  assert.throws(() => tr.clearUserData({ get preserveUser() { throw boom; } }), (e) => e === boom);
});
