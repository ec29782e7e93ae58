// The page, for the module's web tracking (browser build; imported by the glue as './web.js'):
// cookies and localStorage items, the page's own fields, scroll offsets and activity listeners.
// The rules (which cookie string, when to write it, expiries, field formats) are the module's;
// these functions only touch the page and return raw values, and none of them ever throws (a
// page may forbid cookies or storage, or replace APIs).

import { parseJson, stringify, wake } from './boundary.js';

/** The page's host name, or ''. */
function hostName() {
  try {
    return globalThis.location.hostname || '';
  } catch {
    return '';
  }
}

/** `document.cookie`, or ''. */
function cookieText() {
  try {
    return String(globalThis.document.cookie);
  } catch {
    return '';
  }
}

/** `document.cookie = cookie` (one cookie string, as the module made it). */
function cookieWrite(cookie) {
  try {
    globalThis.document.cookie = cookie;
  } catch {}
}

/** `localStorage.getItem(key)`, or undefined (none, or no storage). */
function localGet(key) {
  try {
    return globalThis.localStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

/** `localStorage.setItem(key, value)`; false when it was refused. */
function localSet(key, value) {
  try {
    globalThis.localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

/** `localStorage.removeItem(key)`. */
function localRemove(key) {
  try {
    globalThis.localStorage.removeItem(key);
  } catch {}
}

/**
 * What the module asks of the page, by number (its one call into this file besides
 * `watchActivity`): 0 the host name, 1 `document.cookie`, 2 write cookie `a`, 3 localStorage
 * item `a`, 4 store `b` as item `a` ("1" when stored), 5 remove item `a`, 6 `a` resolved
 * against the page's URL, 7 the page's fields, 8 the Do Not Track signals, 9 the scroll
 * offsets. A string, or undefined; never throws.
 */
export function page(op, a, b) {
  switch (op) {
    case 0: return hostName();
    case 1: return cookieText();
    case 2: return cookieWrite(a);
    case 3: return localGet(a);
    case 4: return localSet(a, b) ? '1' : undefined;
    case 5: return localRemove(a);
    case 6: return resolveUrl(a);
    case 7: return pageFields();
    case 8: return doNotTrack();
    case 9: return scrollOffsets();
    default: return undefined;
  }
}

/** `url` resolved against the page's URL (as `setCustomUrl` takes it), or as given. */
function resolveUrl(url) {
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

/** `Number(f())` (as text when JSON cannot hold it: `"NaN"`, `"Infinity"`), or null when it
 * throws. */
function num(f) {
  try {
    const n = Number(f());
    return Number.isFinite(n) ? n : String(n);
  } catch {
    return null;
  }
}

/** `f()`, or null when it throws. */
function raw(f) {
  try {
    return f();
  } catch {
    return null;
  }
}

let fixed; // colour depth, charset, language, time zone, cookieEnabled, screen size: read once (a time zone costs ~0.1 ms each time)

/**
 * The page as it is, for the module to make its fields of, as the JSON text of `[url, document referrer, title,
 * colour depth, charset, language, time zone, cookieEnabled, screen width, screen height,
 * innerWidth, innerHeight, then documentElement's clientWidth, offsetWidth, scrollWidth,
 * clientHeight, offsetHeight, scrollHeight, then body's offsetHeight, scrollHeight]`. Strings
 * are '' when unknown; cookieEnabled whether it is truthy, null where reading threw; sizes
 * `Number()` of the DOM's value (text when not finite), null where reading threw. Never throws.
 */
function pageFields() {
  const g = globalThis;
  const d = g.document;
  fixed ||= [
    read(() => g.screen.colorDepth),
    read(() => d.characterSet || d.charset),
    read(() => g.navigator.language || g.navigator.userLanguage),
    read(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
    raw(() => !!g.navigator.cookieEnabled),
    num(() => g.screen.width),
    num(() => g.screen.height),
  ];
  const e = () => d.documentElement;
  return stringify([
    read(() => g.location.href), read(() => d.referrer), read(() => d.title), ...fixed,
    num(() => g.innerWidth), num(() => g.innerHeight),
    num(() => e().clientWidth), num(() => e().offsetWidth), num(() => e().scrollWidth),
    num(() => e().clientHeight), num(() => e().offsetHeight), num(() => e().scrollHeight),
    num(() => d.body.offsetHeight), num(() => d.body.scrollHeight),
  ]);
}

/** The JSON text of `[navigator.doNotTrack, navigator.msDoNotTrack, window.doNotTrack]`, each
 * a string as it is, else whether it is truthy (`[]` without a navigator). */
function doNotTrack() {
  const g = globalThis;
  try {
    const n = g.navigator;
    return stringify([n.doNotTrack, n.msDoNotTrack, g.doNotTrack].map((v) => (typeof v === 'string' ? v : !!v)));
  } catch {
    return '[]';
  }
}

/** The JSON text of the `[x, y]` scroll offsets of the page. */
function scrollOffsets() {
  try {
    const e = globalThis.document.documentElement;
    return stringify([e.scrollLeft || globalThis.pageXOffset || 0, e.scrollTop || globalThis.pageYOffset || 0]);
  } catch {
    return '[0,0]';
  }
}

/**
 * Wake task `activeId` of instance `k` on each page event named in the JSON text `events` (the
 * module's list) and when the page is shown again, and task `scrollId` on scroll (it reads
 * `scrollOffsets()`). Listeners live as long as the page.
 */
export function watchActivity(k, activeId, scrollId, events) {
  const active = () => wake(k, activeId);
  const scrolled = () => wake(k, scrollId);
  try {
    const d = globalThis.document;
    const options = { passive: true, capture: true };
    for (const type of parseJson(events)) {
      d.addEventListener(type, active, options);
    }
    d.addEventListener('visibilitychange', () => d.visibilityState === 'visible' && active(), options);
    d.addEventListener('scroll', scrolled, options);
  } catch {}
}
