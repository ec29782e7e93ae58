// Subject.fromRequest (Node and workerd build): what an HTTP request tells of its user, through
// the built package: sp.js's _sp_id/_sp_ses cookies, the collector's cookie, a named IP header,
// the user agent and language; malformed values never reflected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { Tracker, Subject } from 'snowplow-tracker-wasm';

const hash = (domain) => createHash('sha1').update(`${domain}/`).digest('hex').slice(0, 4);
const DUID = randomUUID();
const SID = randomUUID();
const NUID = randomUUID();
// As sp.js 4.x writes it: duid.created.visits.now.lastVisit.sid.previousSid.firstEventId.firstEventMs.index
const SP_ID = `${DUID}.1700000000.4.1700000100.1699990000.${SID}.${randomUUID()}.${randomUUID()}.1700000000123.9`;

/** The event fields a tracker with `subject` sends. */
function fields(subject) {
  let event;
  new Tracker({ input: (e) => { event = e; } }, { subject }).trackStructEvent({ category: 'c', action: 'a' });
  const { duid, sid, vid, tnuid, ip, ua, lang } = event;
  return { duid, sid, vid, tnuid, ip, ua, lang };
}

const request = (cookie, extra = {}) => new Request('https://www.shop.example.co.uk/cart', {
  headers: { cookie, 'user-agent': 'Mozilla/5.0 (test)', 'accept-language': 'fr-CA,fr;q=0.9', 'x-forwarded-for': '192.0.2.1, 203.0.113.9', 'cf-connecting-ip': '198.51.100.7', ...extra },
});

test('sp.js\'s cookies on the root domain give duid, vid and sid; the collector\'s cookie tnuid; ua and lang', () => {
  const h = hash('example.co.uk');
  const got = fields(Subject.fromRequest(request(`other=1; _sp_id.${h}=${SP_ID}; _sp_ses.${h}=*; sp=${NUID}`)));
  assert.deepEqual(got, { duid: DUID, sid: SID, vid: '4', tnuid: NUID, ip: undefined, ua: 'Mozilla/5.0 (test)', lang: 'fr-CA' });
  // Without _sp_ses the session has ended: no sid.
  assert.equal(fields(Subject.fromRequest(request(`_sp_id.${h}=${SP_ID}`))).sid, undefined);
  // cookieDomain given: only that domain's hash counts.
  const own = hash('.example.co.uk');
  assert.equal(fields(Subject.fromRequest(request(`_sp_id.${own}=${SP_ID}`), { cookieDomain: '.example.co.uk' })).duid, DUID);
  assert.equal(fields(Subject.fromRequest(request(`_sp_id.${own}=${SP_ID}`))).duid, undefined, 'another domain\'s hash');
});

test('a spoofable header is used only when named, counting the site\'s own proxies from the right', () => {
  const h = hash('example.co.uk');
  assert.equal(fields(Subject.fromRequest(request(''))).ip, undefined, 'outside workerd, not even CF-Connecting-IP');
  assert.equal(fields(Subject.fromRequest(request(''), { ipHeader: { name: 'X-Forwarded-For' } })).ip, '203.0.113.9');
  assert.equal(fields(Subject.fromRequest(request(''), { ipHeader: { name: 'X-Forwarded-For', hops: 2 } })).ip, '192.0.2.1');
  const fwd = request(`_sp_id.${h}=${SP_ID}`, { forwarded: 'for=192.0.2.60;proto=http, for="[2001:db8::7]"' });
  assert.equal(fields(Subject.fromRequest(fwd, { ipHeader: { name: 'Forwarded' } })).ip, '2001:db8::7');
});

test('malformed, oversized or foreign values are never reflected', () => {
  const h = hash('example.co.uk');
  for (const bad of [`${SP_ID}.extra`, SP_ID.replace(DUID, '<script>'), SP_ID.replace('.4.', '.4e2.'), `${SP_ID.slice(0, 40)}`, SP_ID.replace(DUID, DUID + 'x'.repeat(200)), '%E0%A4%A']) {
    const got = fields(Subject.fromRequest(request(`_sp_id.${h}=${bad}; _sp_ses.${h}=*; sp=not-a-uuid`, { 'accept-language': '<x>' })));
    assert.deepEqual([got.duid, got.sid, got.vid, got.tnuid, got.lang], [undefined, undefined, undefined, undefined, undefined], bad);
  }
});

test('anything with url and headers.get works (Node\'s IncomingMessage through a two-line adapter); bad input is a TypeError or RangeError', () => {
  const h = hash('example.co.uk');
  const incoming = { url: '/cart', headers: { host: 'www.shop.example.co.uk', cookie: `_sp_id.${h}=${SP_ID}` } };
  const adapted = { url: `https://${incoming.headers.host}${incoming.url}`, headers: { get: (name) => incoming.headers[name] } };
  assert.equal(fields(Subject.fromRequest(adapted)).duid, DUID);
  assert.equal(fields(new Subject().setUserId('u').setFromRequest(adapted)).duid, DUID, 'setFromRequest chains');
  assert.throws(() => Subject.fromRequest(42), (e) => e instanceof TypeError && /Subject\.setFromRequest: request/.test(e.message));
  assert.throws(() => Subject.fromRequest({ headers: {} }), TypeError);
  assert.throws(() => Subject.fromRequest({ url: 'https://x.example/', headers: { get() { throw new Error('hostile'); } } }), /headers\.get threw/);
  assert.throws(() => Subject.fromRequest(adapted, { ipHeader: { name: 'X-Forwarded-For', hops: 0 } }), /ipHeader\.hops/);
  assert.throws(() => Subject.fromRequest(adapted, { cookieDomain: 7 }), /cookieDomain/);
});
