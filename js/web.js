// The page, for the module's web tracking (browser build; imported by the glue as './web.js'):
// cookies and localStorage values written as sp.js writes them, the page's own fields, scroll
// offsets and activity listeners. The rules are the module's; these functions only touch the
// page, and none of them ever throws (a page may forbid cookies or storage, or replace APIs).

import { task } from './boundary.js';

/** True in a page (there is a `document` with cookies). */
export function hasDocument() {
  try {
    return typeof globalThis.document === 'object' && globalThis.document !== null && 'cookie' in globalThis.document;
  } catch {
    return false;
  }
}

/** The page's host name, or ''. */
export function hostName() {
  try {
    return globalThis.location.hostname || '';
  } catch {
    return '';
  }
}

// Cookie writes are coalesced as sp.js does: the last value per name is written 10 ms later (or
// at once when the page is hidden or left), and read back from here for 50 ms; a cookie write
// costs a round trip to the browser's cookie store, twice per event otherwise.
const written = new Map(); // name → [value, read from here until (ms)]
const pending = new Map(); // name → cookie string
let timer = 0;

function writeCookies() {
  clearTimeout(timer);
  timer = 0;
  for (const cookie of pending.values()) {
    try {
      globalThis.document.cookie = cookie;
    } catch {}
  }
  pending.clear();
}

/** The cookie `name` (decoded; the first if there are several), or undefined. */
export function cookieGet(name) {
  const mine = written.get(name);
  if (mine && mine[1] > Date.now()) return mine[0];
  try {
    const value = ('; ' + globalThis.document.cookie).split('; ' + name + '=')[1];
    return value === undefined ? undefined : decodeURIComponent(value.split(';')[0]);
  } catch {
    return undefined;
  }
}

function cookieString(name, value, ttl, domain, sameSite, secure) {
  return name + '=' + encodeURIComponent(value) +
    (ttl ? '; Expires=' + new Date(Date.now() + ttl * 1000).toUTCString() : '') +
    '; Path=/' + (domain ? '; Domain=' + domain : '') +
    (sameSite ? '; SameSite=' + sameSite : '') + (secure ? '; Secure' : '');
}

/**
 * Write cookie `name` as sp.js does: `Expires` after `ttl` seconds (none for 0: a browser
 * session cookie; in the past for a negative `ttl`: deleted at once), `Path=/`, the domain if any.
 */
export function cookieSet(name, value, ttl, domain, sameSite, secure) {
  const cookie = cookieString(name, value, ttl, domain, sameSite, secure);
  if (ttl < 0) {
    pending.delete(name);
    written.delete(name);
    try {
      globalThis.document.cookie = cookie;
    } catch {}
    return;
  }
  if (!timer) {
    if (!pending.size && !written.size) {
      try {
        globalThis.addEventListener('pagehide', writeCookies);
        globalThis.document.addEventListener('visibilitychange', writeCookies);
      } catch {}
    }
    timer = setTimeout(writeCookies, 10);
  }
  pending.set(name, cookie);
  written.set(name, [value, Date.now() + 50]);
}

/** True when a cookie set on `domain` can be read back (root-domain discovery); leaves none. */
export function cookieSticks(domain, sameSite, secure) {
  const name = '_sp_root_domain_test_' + Date.now();
  const value = '_test_value_' + Date.now();
  try {
    globalThis.document.cookie = cookieString(name, value, 0, domain, sameSite, secure);
  } catch {}
  const stuck = cookieGet(name) === value;
  cookieSet(name, '', -1, domain, sameSite, secure);
  return stuck;
}

/** localStorage value `key` unless its `<key>.expires` time passed (then both are removed). */
export function stateGet(key) {
  try {
    const s = globalThis.localStorage;
    const expires = s.getItem(key + '.expires');
    if (expires === null || Number(expires) > Date.now()) return s.getItem(key) ?? undefined;
    s.removeItem(key);
    s.removeItem(key + '.expires');
  } catch {}
  return undefined;
}

/** Store `value` as `key` for `ttl` seconds, as sp.js does (`<key>.expires` in ms first). */
export function stateSet(key, value, ttl) {
  try {
    const s = globalThis.localStorage;
    s.setItem(key + '.expires', String(Date.now() + ttl * 1000));
    s.setItem(key, value);
  } catch {}
}

/** Remove `key` and its expiry from localStorage. */
export function stateRemove(key) {
  try {
    globalThis.localStorage.removeItem(key);
    globalThis.localStorage.removeItem(key + '.expires');
  } catch {}
}

const size = (w, h) => Math.max(0, Math.floor(w)) + 'x' + Math.max(0, Math.floor(h));

/** A `referrer` (or `referer`) query parameter of `href`, decoded as sp.js does, or ''. */
function referrerParam(href) {
  const m = /^[^#]*[?&]referr?er=([^&#]*)/.exec(href);
  try {
    return m ? decodeURIComponent(m[1].replace(/\+/g, ' ')) : '';
  } catch {
    return '';
  }
}

/** `url` resolved against the page's URL (as `setCustomUrl` takes it), or as given. */
export function resolveUrl(url) {
  try {
    return new URL(url, globalThis.location.href).href;
  } catch {
    return url;
  }
}

/** A string of `f()`, or '' when it throws or gives nothing. */
function read(f) {
  try {
    const v = f();
    return v === undefined || v === null ? '' : String(v);
  } catch {
    return '';
  }
}

let fixed; // res, cd, cs, lang, tz, cookie: read once (a time zone costs ~0.1 ms each time)

/**
 * `[url, referrer parameter, document referrer, title, res, vp, ds, cd, cs, lang, tz, cookie]`
 * of the page, each a string ('' when unknown). Never throws.
 */
export function pageFields() {
  const g = globalThis;
  const d = g.document;
  fixed ||= [
    read(() => Math.floor(g.screen.width) + 'x' + Math.floor(g.screen.height)),
    read(() => g.screen.colorDepth),
    read(() => d.characterSet || d.charset),
    read(() => g.navigator.language || g.navigator.userLanguage),
    read(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
    read(() => (g.navigator.cookieEnabled ? '1' : '0')),
  ];
  const [res, cd, cs, lang, tz, cookie] = fixed;
  const ds = read(() => {
    const e = d.documentElement;
    const b = d.body;
    const bodyH = b ? Math.max(b.offsetHeight, b.scrollHeight) : 0;
    return Math.max(e.clientWidth, e.offsetWidth, e.scrollWidth) + 'x' + Math.max(e.clientHeight, e.offsetHeight, e.scrollHeight, bodyH);
  });
  const href = read(() => g.location.href);
  return [href, referrerParam(href), read(() => d.referrer), read(() => d.title), res, read(() => size(g.innerWidth, g.innerHeight)), ds, cd, cs, lang, tz, cookie];
}

/** True when the browser asks not to be tracked (`doNotTrack` is "1" or "yes"). */
export function doNotTrack() {
  try {
    const n = globalThis.navigator;
    const v = n.doNotTrack || n.msDoNotTrack || globalThis.doNotTrack;
    return v === '1' || v === 'yes';
  } catch {
    return false;
  }
}

/** `[x, y]` scroll offsets of the page. */
export function scrollOffsets() {
  try {
    const e = globalThis.document.documentElement;
    return [e.scrollLeft || globalThis.pageXOffset || 0, e.scrollTop || globalThis.pageYOffset || 0];
  } catch {
    return [0, 0];
  }
}

/**
 * Call `onActive()` on user activity (mouse, keys, touch, wheel, the page shown again) and
 * `onScroll(x, y)` on scroll. Listeners live as long as the page.
 */
export function watchActivity(onActive, onScroll) {
  const active = task(onActive, 'an activity listener');
  const scrolled = task(() => onScroll(...scrollOffsets()), 'a scroll listener');
  try {
    const d = globalThis.document;
    const options = { passive: true, capture: true };
    for (const type of ['click', 'mouseup', 'mousedown', 'mousemove', 'keypress', 'keydown', 'keyup', 'touchend', 'touchstart', 'wheel']) {
      d.addEventListener(type, active, options);
    }
    d.addEventListener('visibilitychange', () => d.visibilityState === 'visible' && active(), options);
    d.addEventListener('scroll', scrolled, options);
  } catch {}
}

/** sp.js's queues as parsed by `readSpQueue`, by storage key, for `writeSpQueue`. */
const spQueues = new Map();

/**
 * The events sp.js left unsent under tracker id `namespace` (its localStorage queues `snowplowOutQueue_<id>`,
 * `_post2` and `_get`, each a JSON array of `{ payload }` or query strings): `[[key, index, event], …]`,
 * each event a plain object of strings. Nothing is removed here (see `writeSpQueue`).
 */
export function readSpQueue(namespace) {
  const out = [];
  try {
    const s = globalThis.localStorage;
    for (const suffix of ['', '_post2', '_get']) {
      const key = 'snowplowOutQueue_' + namespace + suffix;
      const text = s.getItem(key);
      if (text === null) continue;
      let items;
      try {
        items = JSON.parse(text);
      } catch {
        continue;
      }
      if (!Array.isArray(items)) continue;
      spQueues.set(key, items);
      items.forEach((item, i) => {
        const ev = typeof item === 'string' ? Object.fromEntries(new URLSearchParams(item.replace(/^\?/, ''))) : item && (item.payload || item.evt || item);
        if (ev && typeof ev === 'object') {
          out.push([key, i, Object.fromEntries(Object.entries(ev).filter(([k]) => k !== 'stm').map(([k, v]) => [k, String(v)]))]);
        }
      });
    }
  } catch {}
  return out;
}

/** Rewrite sp.js's queue `key` (as `readSpQueue` read it) keeping the items at `keep`, in its own format; `keep` undefined: remove it. */
export function writeSpQueue(key, keep) {
  const items = spQueues.get(key);
  try {
    const s = globalThis.localStorage;
    if (keep === undefined) {
      s.removeItem(key);
      s.removeItem(key + '.expires');
    } else if (items) {
      s.setItem(key, JSON.stringify(Array.from(keep, (i) => items[i])));
    }
  } catch {}
}
