// The JavaScript half of the boundary between user code and the WebAssembly module, shared by
// the public classes (facade.js) and the module itself (imported by the glue as './boundary.js').
//
// - Handles: the package's own objects are found by the object itself (a WeakMap), never by a
//   number read from a property, so no other object can pass for one.
// - Traps: if the module ever traps (a bug, or its memory exhausted), it is marked broken, one
//   console.error says so, every later call throws an Error naming the package, and timers stop
//   instead of throwing uncaught errors.
// - Timers and console output for the module: these functions never throw into a wasm frame.

const handles = new WeakMap();
/**
 * The clock as loaded: a page that later replaces `Date.now` (even with one that calls back
 * into the tracker while an event is being made) does not reach the module.
 */
export const now = Date.now.bind(Date);

/** The longest message text the module takes, as it said (`setTextBound`). */
let textBound = Infinity;

/** The module's bound on message texts (core's rule; it says so at start and when it grows). */
export function setTextBound(chars) {
  textBound = chars;
}

/** `text`, or the marker of a text too long to copy in (`"\u0000"`: the module refuses it with
 * an error naming the call). */
export function bounded(text) {
  return text.length > textBound ? '\u0000' : text;
}

/** `Promise` as loaded (a page may replace it later). */
const NativePromise = Promise;

/** `Promise.prototype.then` as loaded (a page may replace it later). */
export const promiseThen = Promise.prototype.then;

/** Call `f` in a later job (with the promise functions as loaded); never throws. */
export function later(f) {
  promiseThen.call(NativePromise.resolve(), f);
}
let lastId = 0;

/** A new handle id, unique among every module instance sharing this file (both builds). */
export function nextId() {
  return ++lastId;
}
let broken = null;

/** Remember `obj` as the live object with handle `id` (the module's own number). */
export function register(obj, id) {
  handles.set(obj, id);
}

/** Forget `obj` (freed). */
export function unregister(obj) {
  handles.delete(obj);
}

/** The handle of one of our live objects, 0 for anything else; never throws. */
export function handleOf(value) {
  return (typeof value === 'object' || typeof value === 'function') && value !== null ? handles.get(value) || 0 : 0;
}

let logLevel = 2; // 0 off, 1 errors, 2 warnings and errors (set by the module's setLogLevel)

/** Set the log level (checked by the module). */
export function setLogLevel(level) {
  logLevel = level;
}

/** `console.warn(message)` (`console.warn(message, detail)` with a detail) at level "warn",
 * never throwing (a page may have replaced `console`). */
export function warn(message, detail) {
  if (logLevel < 2) return;
  try {
    if (detail === undefined) console.warn(message);
    else console.warn(message, detail);
  } catch {}
}

/** `console.error(message, detail)`, never throwing. */
export function error(message, detail) {
  if (logLevel < 1) return;
  try {
    console.error(message, detail);
  } catch {}
}

/** What `hold` keeps, by number: what the facade took out of a call's message (the user's
 * callbacks, `fetch`, custom emitters and stores, package objects), then what each probe read. */
const holds = new Map();
let lastHold = 0;
/** Numbers the module kept during the call that made them (see `keep`, `releaseTaken`). */
const kept = new Set();
/** `JSON.parse` as loaded (a page may replace it later). */
export const parseJson = JSON.parse;
/** `JSON.stringify` as loaded (a page may replace it later). */
export const stringify = JSON.stringify;

/** Keep `values` (functions or `undefined`) for `callBack`; their number. */
export function hold(values) {
  holds.set(++lastHold, values);
  return lastHold;
}

/** Forget what `hold` kept as `id`. */
function release(id) {
  holds.delete(id);
}

/** Hold `values` as `id` in place of what it held. */
export function replaceHeld(id, values) {
  if (holds.has(id)) holds.set(id, values);
}

/** The module keeps what the facade held as `id` for a call (until it releases it). */
function keep(id) {
  kept.add(id);
}

/** A call is over: forget what the facade held for it (`ids`) and the module did not keep. */
export function releaseTaken(ids) {
  for (const id of ids) if (!kept.delete(id)) holds.delete(id);
}

/** Value `slot` of what `hold` kept as `id`. */
export function heldValue(id, slot) {
  return holds.get(id)?.[slot];
}

/**
 * Call the function `hold` kept first as `id` with the arguments in the JSON text `args`
 * (the module wrote it); what the function throws is logged with `thrown` and goes no further.
 */
function callBack(id, args, thrown) {
  const f = holds.get(id)?.[0];
  if (typeof f !== 'function') return;
  try {
    f(...parseJson(args));
  } catch (e) {
    error(thrown, e);
  }
}

/**
 * Call method `name` of the object `hold` kept first as `id` (a custom emitter) with the
 * arguments in the JSON text `args`; what it throws is logged with `thrown` and goes no further.
 */
function callMethod(id, name, args, thrown) {
  try {
    const target = holds.get(id)[0];
    target[name](...parseJson(args));
  } catch (e) {
    error(thrown, e);
  }
}

/**
 * Call `flush()` of the object `hold` kept first as `id`, if it has one, and wake task `task` of
 * instance `k` once what it returned settles; a throw or a rejection is logged with `thrown`.
 */
function flushHeld(k, task, id, thrown) {
  const done = () => wake(k, task);
  const failed = (e) => {
    error(thrown, e);
    done();
  };
  try {
    const target = holds.get(id)[0];
    const result = typeof target.flush === 'function' ? target.flush() : undefined;
    promiseThen.call(settle(result), done, failed);
  } catch (e) {
    later(() => failed(e));
  }
}

/** True when what `hold` kept first as `a` and as `b` is the same value. */
function sameHeld(a, b) {
  return holds.get(a)?.[0] === holds.get(b)?.[0];
}

/**
 * What the module does with what the host holds for it as `id`, by number (its one call for
 * them): 0 keep it (see `releaseTaken`), 1 release it, 2 call it with the arguments in the JSON
 * text `args`, 3 call its method `name` so, 4 call its `flush()` and wake task `task` of
 * instance `k` once that settles, 5 whether it is the same value as what is held as `k`. What
 * user code throws is logged with `thrown`; never throws.
 */
export function held(op, id, k, task, name, args, thrown) {
  switch (op) {
    case 0: keep(id); break;
    case 1: release(id); break;
    case 2: callBack(id, args, thrown); break;
    case 3: callMethod(id, name, args, thrown); break;
    case 4: flushHeld(k, task, id, thrown); break;
    case 5: return sameHeld(id, k);
  }
  return false;
}

/** The errors the package threw (a page's error tracking never tracks them: it could loop). */
const own = new WeakSet();

/** `e`, remembered as one the package threw. */
export function ours(e) {
  own.add(e);
  return e;
}

/** True when `value` is an error the package threw; never throws. */
export function isOwnError(value) {
  return value !== null && typeof value === 'object' && own.has(value);
}

function brokenError() {
  return ours(new Error(
    'snowplow-tracker-wasm: the WebAssembly module stopped after an internal error (' + broken +
      '); tracking is off until the page or process is reloaded.',
  ));
}

function fail(cause) {
  if (cause instanceof WebAssembly.RuntimeError) {
    if (!broken) {
      broken = String(cause && cause.message);
      error('snowplow-tracker-wasm: the WebAssembly module trapped and has stopped; events it held are lost. Please report this.', cause);
    }
    return brokenError();
  }
  return cause;
}

/** The exports of the module the running call went into (see `guard`), for `connect`. */
let entered = null;

/**
 * Run `call` (a call into the module whose exports are `module`): after a trap, throw an Error
 * naming the package.
 */
export function guard(call, module) {
  if (broken) throw brokenError();
  const outer = entered;
  if (module) entered = module;
  try {
    return call();
  } catch (e) {
    throw fail(e);
  } finally {
    entered = outer;
  }
}

// Tasks: the module hands JS no closure of its own. Each instance connects once, at its first
// wait, from inside a call the facade made into it (so its exports are `entered`); what it waits
// for (a timer, a promise, a page event, a request) is a task number, and the host wakes task
// `id` of instance `k` with `(ok, value)` through that instance's `wake` export.
const dispatchers = [];
const timers = new Map(); // task id → [setTimeout/setInterval handle, repeat]
const deferreds = new Map(); // id → [resolve, reject] of a promise the module made

/**
 * Connect a module instance: its dispatcher `(id, text)` is `dispatch` when given (the
 * in-crate tests, which have no facade), else the `wake` export of the module being called;
 * the instance's number. Never throws.
 */
export function connect(dispatch) {
  const wakeTask = dispatch ?? entered?.wake;
  if (typeof wakeTask !== 'function') error('snowplow-tracker-wasm: an internal error: the module waits outside any call (its tasks cannot be woken)');
  return dispatchers.push(wakeTask ?? (() => {}));
}

/**
 * Wake task `id` of instance `k` with `text` (a string, or none): not once the module is
 * broken; a trap marks it broken, any other exception is reported; never throws.
 */
export function wake(k, id, text) {
  if (broken) return;
  try {
    dispatchers[k - 1](id, text);
  } catch (e) {
    if (fail(e) === e) error('snowplow-tracker-wasm: a task failed', e);
  }
}

/** How many timers are scheduled and not yet run or cancelled (read by the tests). */
export function scheduledTimers() {
  return timers.size;
}

/**
 * Wake task `id` of instance `k` after `ms` (every `ms` when `repeat`); `unref` keeps it from
 * holding a Node process open. A task that traps stops the module and its timer.
 */
export function schedule(k, id, ms, repeat, unref) {
  const run = () => {
    if (!repeat) timers.delete(id);
    if (broken) return cancel(id);
    wake(k, id);
  };
  try {
    const handle = repeat ? setInterval(run, ms) : setTimeout(run, ms);
    if (unref && handle && typeof handle.unref === 'function') handle.unref();
    timers.set(id, [handle, repeat]);
  } catch (e) {
    error('snowplow-tracker-wasm: could not start a timer', e);
  }
}

/** Stop the timer of task `id` (from `schedule`); never throws. */
export function cancel(id) {
  const timer = timers.get(id);
  if (!timer) return;
  timers.delete(id);
  try {
    if (timer[1]) clearInterval(timer[0]);
    else clearTimeout(timer[0]);
  } catch {}
}

const early = new Map(); // id → [ok, JSON text or reason] of a deferred settled before its promise was made
let thrown; // the exception `keepThrown` kept for the call's answer

/** The promise of the module's deferred `id`, settled by `resolveDeferred(id, json)` or
 * `rejectDeferred(id, reason)` (or already, when the module settled it before answering). */
export function deferred(id) {
  if (early.has(id)) {
    const [ok, v] = early.get(id);
    early.delete(id);
    return ok ? NativePromise.resolve(jsonValue(v)) : NativePromise.reject(v);
  }
  return new NativePromise((resolve, reject) => deferreds.set(id, [resolve, reject]));
}

function settleDeferred(id, ok, v) {
  const d = deferreds.get(id);
  if (!d) return void early.set(id, [ok, v]);
  deferreds.delete(id);
  if (ok) d[0](jsonValue(v));
  else d[1](v);
}

/** Resolve the promise of deferred `id` with the value of the JSON text `json` the module
 * wrote (`undefined` for ""), once. */
export function resolveDeferred(id, json) {
  settleDeferred(id, true, json);
}

/** Reject the promise of deferred `id` with `reason` (what a client the host called threw). */
export function rejectDeferred(id, reason) {
  settleDeferred(id, false, reason);
}

const jsonValue = (json) => (json === '' ? undefined : parseJson(json));

/** Keep `e` (an exception a user's object threw while the module read it) for the facade,
 * which throws it again from the call's answer; never throws. */
export function keepThrown(e) {
  thrown = e;
}

/**
 * What a call into the module answered, as the module wrote it: `""` undefined; `"\u0000P<n>"`
 * the promise of deferred n; `"\u0000T…"`/`"\u0000R…"` a TypeError/RangeError with that
 * message, thrown; `"\u0000J"` the exception the module kept, thrown; else a JSON value.
 */
export function answer(text) {
  if (text.charCodeAt(0) !== 0) return jsonValue(text);
  const rest = text.slice(2);
  switch (text[1]) {
    case 'P':
      return deferred(Number(rest));
    case 'R':
      throw ours(new RangeError(rest));
    case 'J': {
      const e = thrown;
      thrown = undefined;
      throw e;
    }
    default:
      throw ours(new TypeError(rest));
  }
}

/** `Promise.resolve(value)` that never throws (a throwing `constructor` getter rejects instead). */
export function settle(value) {
  try {
    return NativePromise.resolve(value);
  } catch (e) {
    return NativePromise.reject(e);
  }
}

/**
 * Wake task `id` of instance `k` when the page is hidden or left (`visibilitychange` → hidden,
 * then `pagehide`); with `leftOnly`, only when it is left (`pagehide`).
 */
function onPageExit(k, id, leftOnly) {
  const run = () => wake(k, id);
  try {
    globalThis.addEventListener('pagehide', run);
    if (!leftOnly && globalThis.document) {
      globalThis.document.addEventListener('visibilitychange', () => {
        if (globalThis.document.visibilityState === 'hidden') run();
      });
    }
  } catch {}
}

/** True when the page is hidden (`document.visibilityState`); never throws. */
function isHidden() {
  try {
    return globalThis.document?.visibilityState === 'hidden';
  } catch {
    return false;
  }
}

/** True when the browser says it is offline (`navigator.onLine === false`); never throws. */
function isOffline() {
  try {
    return globalThis.navigator ? globalThis.navigator.onLine === false : false;
  } catch {
    return false;
  }
}

/** Wake task `id` of instance `k` once, at the next `online` event. */
function onceOnline(k, id) {
  try {
    globalThis.addEventListener('online', () => wake(k, id), { once: true });
  } catch {}
}

/** Wake task `id` of instance `k` each time the page comes back from the back/forward cache. */
function onPageRestored(k, id) {
  try {
    globalThis.addEventListener('pageshow', (e) => {
      if (e && e.persisted) wake(k, id);
    });
  } catch {}
}

/**
 * What the module asks of the page's life, by number (its one call for it): 0 wake task `id`
 * of instance `k` when the page is hidden or left, 1 only when it is left, 2 once at the next
 * `online` event, 3 each time the page is restored from the back/forward cache, 4 whether the
 * browser says it is offline. Never throws.
 */
export function pageEvent(op, k, id) {
  switch (op) {
    case 0: onPageExit(k, id, false); break;
    case 1: onPageExit(k, id, true); break;
    case 2: onceOnline(k, id); break;
    case 3: onPageRestored(k, id); break;
    case 4: return isOffline();
    case 5: return isHidden();
  }
  return false;
}

/**
 * True when the platform's URL parser (the URL standard, IDNA included) takes `url` with a
 * host; never throws. The module checks endpoints itself first; this catches hosts only IDNA
 * mapping refuses (invalid punycode, characters that map to `/` or `@`, unassigned ones).
 */
export function urlParses(url) {
  try {
    return new URL(url).hostname !== '';
  } catch {
    return false;
  }
}

/**
 * What the module asks of the global scope (never `window`), read as it is now: whether there is
 * a `document` with cookies (`'cookie' in document`: "1", else ""), `navigator.userAgent`,
 * `process.versions.node` and the Edge runtime's `EdgeRuntime` ("" when absent). The module
 * decides what they mean; never throws.
 */
export function hostFacts() {
  const read = (f) => {
    try {
      const v = f();
      return typeof v === 'string' ? v : '';
    } catch {
      return '';
    }
  };
  const d = read(() => (typeof document === 'object' && document !== null && 'cookie' in document ? '1' : ''));
  return stringify([d, read(() => globalThis.navigator.userAgent), read(() => globalThis.process.versions.node), read(() => globalThis.EdgeRuntime)]);
}
