// identityCookie (Node and workerd build), through the built package: the server re-issues sp.js's
// _sp_id cookie byte for byte with the lifetime asked, makes one with `create`, and sets none for
// a request that asks not to be tracked; the subject it answers carries the same ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { Tracker, Subject, identityCookie } from 'snowplow-tracker-wasm';

const hash = (domain) => createHash('sha1').update(`${domain}/`).digest('hex').slice(0, 4);
const DUID = randomUUID();
const SID = randomUUID();
const SP_ID = `${DUID}.1700000000.4.1700000100.1699990000.${SID}.${randomUUID()}.${randomUUID()}.1700000000123.9`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const request = (url, headers = {}) => new Request(url, { headers });

/** The duid, sid and vid a tracker with `subject` sends. */
function ids(subject) {
  let event;
  new Tracker({ input: (e) => { event = e; } }, { subject }).trackPageView({ pageUrl: 'https://example.com/' });
  return [event.duid, event.sid, event.vid];
}

test('a well-formed _sp_id is re-issued as the browser build writes it, with the lifetime asked', () => {
  const h = hash('example.co.uk');
  const req = request('https://www.shop.example.co.uk/', { cookie: `_sp_id.${h}=${SP_ID}; _sp_ses.${h}=*` });
  const { setCookie, subject } = identityCookie(req);
  assert.equal(setCookie, `_sp_id.${h}=${SP_ID}; Max-Age=63072000; Path=/; Domain=example.co.uk; SameSite=Lax; Secure`);
  assert.ok(subject instanceof Subject);
  assert.deepEqual(ids(subject), [DUID, SID, '4']);
  const asked = identityCookie(req, { cookieLifetime: 86400 * 30, cookieSameSite: 'None' }).setCookie;
  assert.equal(asked, `_sp_id.${h}=${SP_ID}; Max-Age=2592000; Path=/; Domain=example.co.uk; SameSite=None; Secure`);
  // The method form sets the subject it is called on.
  const s = new Subject();
  assert.equal(s.identityCookie(req), setCookie);
  assert.deepEqual(ids(s), [DUID, SID, '4']);
});

test('nothing is made or extended without a valid id, or when the request asks not to be tracked', () => {
  const h = hash('example.com');
  assert.deepEqual(identityCookie(request('https://example.com/')).setCookie, null, 'no id and no create');
  assert.equal(identityCookie(request('https://example.com/', { cookie: `_sp_id.${h}=${SP_ID}.extra` }), { create: true }).setCookie, null, 'a malformed id is left alone');
  const made = identityCookie(request('https://example.com/'), { create: true });
  const [name, value] = made.setCookie.split('; ')[0].split('=');
  assert.equal(name, `_sp_id.${h}`);
  const fields = value.split('.');
  assert.equal(fields.length, 10);
  assert.match(fields[0], UUID);
  assert.deepEqual([fields[2], fields[4], fields[9]], ['0', '', '0'], 'no visit yet');
  assert.deepEqual(ids(made.subject), [fields[0], undefined, undefined], 'the new duid, no session yet');
  // The made cookie is re-issued by the next request.
  assert.equal(identityCookie(request('https://example.com/', { cookie: `${name}=${value}` })).setCookie, made.setCookie.replace(/; Max-Age.*/, '; Max-Age=63072000; Path=/; Domain=example.com; SameSite=Lax; Secure'));
  for (const signal of [{ 'sec-gpc': '1' }, { dnt: '1' }]) {
    const req = request('https://example.com/', { cookie: `_sp_id.${h}=${SP_ID}`, ...signal });
    const { setCookie, subject } = identityCookie(req, { create: true });
    assert.equal(setCookie, null, JSON.stringify(signal));
    assert.equal(ids(subject)[0], DUID, 'the request is still read');
    assert.ok(identityCookie(req, { respectPrivacySignals: false }).setCookie.startsWith(`_sp_id.${h}=${SP_ID};`));
  }
});

test('bad options and requests are TypeErrors or RangeErrors naming them', () => {
  const req = request('https://example.com/');
  const named = (re, Kind) => (e) => e instanceof Kind && re.test(e.message);
  assert.throws(() => identityCookie(req, { cookieSameSite: 'lax' }), named(/^identityCookie: cookieSameSite must be "Strict", "Lax" or "None"/, TypeError));
  assert.throws(() => identityCookie(req, { cookieLifetime: -1 }), named(/^identityCookie: cookieLifetime/, RangeError));
  assert.throws(() => identityCookie(req, { cookieDomain: 'example.com\r\nX: y' }), named(/^identityCookie: cookieDomain must be a domain name/, TypeError));
  assert.throws(() => identityCookie(req, { create: 'yes' }), named(/^identityCookie: create must be a boolean/, TypeError));
  assert.throws(() => identityCookie(42), named(/^identityCookie: request must be/, TypeError));
  assert.throws(() => identityCookie({ url: 'https://x.example/', headers: { get() { throw new Error('hostile'); } } }), /headers\.get threw/);
});
