// The non-blocking browser entry: its classes and functions can be used at once, while the
// WebAssembly module downloads and compiles (the main entry's top-level `await` would hold
// every module that imports it until then). Calls made before the module is ready are queued
// in order and replayed once it is; they return `undefined` (an event id is not known yet),
// and `flush()`/`close()` return promises that settle after the replay. A call that fails at
// replay, or a module that cannot load, is reported once with `console.error`; the page goes on.
import { SHAPE, FUNCTIONS } from './lazy-shape.js';

const targets = new WeakMap(); // our object → the module's object behind it
const queue = [];
let real = null;
let failed = false;

function report(what, e) {
  try {
    console.error('snowplow-tracker-wasm: ' + what, e);
  } catch {}
}

/** Resolves to true once the module is ready, or to false if it could not load. */
export const ready = import('./browser.js').then(
  (m) => {
    real = m;
    for (const job of queue.splice(0)) job(true);
    return true;
  },
  (e) => {
    failed = true;
    report('the tracker could not be loaded; its calls are ignored', e);
    for (const job of queue.splice(0)) job(false); // promises settle (to undefined), nothing runs
    return false;
  },
);

/** Our objects inside arguments (an emitter, a subject, one level into options) → the module's. */
function unwrap(v, depth = 0) {
  if (v === null || typeof v !== 'object') return v;
  if (targets.has(v)) return targets.get(v);
  if (depth < 2 && Array.isArray(v)) return v.map((x) => unwrap(x, depth + 1));
  if (depth < 2 && Object.getPrototypeOf(v) === Object.prototype) {
    const copy = {};
    for (const key of Object.keys(v)) copy[key] = unwrap(v[key], depth + 1);
    return copy;
  }
  return v;
}

/** Run `call` now if the module is ready, else queue it; `promised`: the caller gets a promise. */
function whenReady(what, call, promised) {
  if (real) return call();
  if (failed) return promised ? Promise.resolve(undefined) : undefined;
  const replay = (settle) => (loaded) => {
    let result;
    if (loaded) {
      try {
        result = call();
      } catch (e) {
        report(what + ' failed when replayed', e);
      }
    }
    if (settle) settle(result);
  };
  if (promised) return new Promise((resolve) => queue.push(replay(resolve)));
  queue.push(replay(null));
  return undefined;
}

function lazyClass(name, { methods, promised, getters, chain }) {
  const Class = {
    [name]: class {
      constructor(...args) {
        whenReady('new ' + name, () => targets.set(this, new real[name](...unwrap(args))), false);
      }
    },
  }[name];
  for (const method of methods) {
    Class.prototype[method] = {
      [method](...args) {
        const result = whenReady(name + '.' + method, () => targets.get(this)[method](...unwrap(args)), promised.includes(method));
        return chain && method.startsWith('set') ? this : result;
      },
    }[method];
  }
  for (const getter of getters) {
    Object.defineProperty(Class.prototype, getter, {
      get() {
        const target = targets.get(this);
        return target === undefined ? undefined : target[getter];
      },
      configurable: true,
    });
  }
  return Class;
}

const classes = Object.fromEntries(Object.entries(SHAPE).map(([name, shape]) => [name, lazyClass(name, shape)]));
const functions = Object.fromEntries(FUNCTIONS.map((name) => [name, { [name]: (...args) => whenReady(name, () => real[name](...unwrap(args)), false) }[name]]));

export const { Tracker, Emitter, AsyncEmitter, Subject } = classes;
export const { setLogLevel, setTotalBufferCapacityBytes } = functions;
