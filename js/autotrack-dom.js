// What the autotrack entry's trackers share: switching listeners on and off per tracker, and the
// DOM readings browser-tracker's plugins make (classes, the event's element, criteria, context).

/** What each tracker has switched on: kind → the function that switches it off. */
const enabled = new WeakMap();

/** Remove the listeners of `kind` (`"link"`, `"button"`, `"form"`) that `listen` added for `tracker`. */
export function switchOff(tracker, kind) {
  const on = enabled.get(tracker);
  const off = on?.[kind];
  if (off) {
    delete on[kind];
    off();
  }
}

/** Listen to `types` on `target` with `handler` for `tracker`'s `kind`, in place of what it had. */
export function listen(tracker, kind, target, types, handler, capture) {
  switchOff(tracker, kind);
  for (const type of types) target.addEventListener(type, handler, capture);
  const on = enabled.get(tracker) ?? {};
  on[kind] = () => {
    for (const type of types) target.removeEventListener(type, handler, capture);
  };
  enabled.set(tracker, on);
}

/** Call `track()` so that nothing the tracker throws reaches the page as an error (`kind` names it in the warning). */
export function safely(kind, track) {
  try {
    track();
  } catch (e) {
    try {
      console.warn(`snowplow-tracker-wasm/autotrack: a ${kind} was not tracked`, e);
    } catch {}
  }
}

/** An element's classes (its `class` attribute split on whitespace). */
export function classesOf(el) {
  const text = typeof el.className === 'string' ? el.className : el.getAttribute?.('class') ?? '';
  return text.match(/\S+/g) ?? [];
}

/** The element an event happened on (inside a shadow root too). */
export function targetOf(e) {
  return e.composed && typeof e.composedPath === 'function' ? e.composedPath()[0] : e.target;
}

/**
 * A criterion `{ allowlist, denylist, filter }` over `key(el)` (an element's classes or its name):
 * `filter` when given, else at least one listed (allowlist) or none listed (denylist); anything
 * else lets every element through.
 */
export function criterion(c, key) {
  if (c === null || typeof c !== 'object' || Array.isArray(c)) return () => true;
  if (c.filter) return (el) => c.filter(el) === true;
  const listed = (list) => (Array.isArray(list) ? list : [list]);
  if (c.allowlist) return (el) => key(el).some((k) => listed(c.allowlist).includes(k));
  if (c.denylist) return (el) => !key(el).some((k) => listed(c.denylist).includes(k));
  return () => true;
}

/** The entities of `context` (entities, and functions called with `args`, falsy or throwing ones left out). */
export function contextOf(context, ...args) {
  if (!Array.isArray(context)) return undefined;
  const out = [];
  for (const c of context) {
    let entity = c;
    if (typeof c === 'function') {
      try {
        entity = c(...args);
      } catch {
        continue;
      }
    }
    if (entity) out.push(entity);
  }
  return out;
}
