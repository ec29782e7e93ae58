// The public classes. The module keeps each object's state under a handle (a number); the class
// here holds it privately, in a WeakMap per class that is also the brand: a method called on
// anything but a live instance of its class throws a TypeError, and every call goes through the
// trap guard. Instances that other objects may be handed (Subject, the emitters) are registered
// by identity, so that a message names them by handle.
import { answer, bounded, guard, handleOf, hold, isOwnError, ours, register, releaseTaken, stringify, unregister } from './boundary.js';

/**
 * A public class named `name` over the module whose exports are `module`, whose instances each
 * hold a state: `make(self, args)` makes it for a new instance, `release(self, state)` lets it go
 * (`free()`); `chain`: its `set*` methods return the object they were called on. Returns the class and `define(key, invoke)` /
 * `defineGetter(key, read)`, which add a method or getter calling `invoke(state, args)` /
 * `read(state)` on the live instance's state behind the trap guard.
 */
function brandedClass(module, name, chain, make, release) {
  const states = new WeakMap();
  const own = (self, member) => {
    const state = states.get(self);
    if (state === undefined) throw ours(new TypeError(name + '.' + member + ': `this` is not a live ' + name));
    return state;
  };
  const Class = {
    [name]: class {
      constructor(...args) {
        states.set(this, make(this, args));
      }
      /** Release the module's state now (the garbage collector does it otherwise). */
      free() {
        const state = states.get(this);
        if (state === undefined) return;
        states.delete(this);
        unregister(this);
        release(this, state);
      }
    },
  }[name];
  const define = (key, invoke) => {
    const setter = chain && key.startsWith('set');
    Object.defineProperty(Class.prototype, key, {
      value: {
        [key](...args) {
          const state = own(this, key);
          const result = guard(() => invoke(state, args), module);
          return setter ? this : result;
        },
      }[key],
      writable: true,
      configurable: true,
    });
  };
  const defineGetter = (key, read) => {
    Object.defineProperty(Class.prototype, key, {
      get: { [key]() { const state = own(this, key); return guard(() => read(state), module); } }[key],
      configurable: true,
    });
  };
  if (Symbol.dispose) Class.prototype[Symbol.dispose] = Class.prototype.free;
  return { Class, define, defineGetter };
}

/**
 * The public class `name` over the module's objects of class index `kind` (`raw`: the module's
 * exports `make`, `call`, `track`, `discard`); `chain` as in `brandedClass`; `params`: its
 * constructor's message spec, `methods`: each method's (see `message`); `defined`: `{ track:
 * [names], call: [names] }`, method `names[i]` is the module's `track(handle, i, …)` (core's
 * event kinds) or `call(handle, i, …)` (core's declared methods of the class); `getters`: the
 * names of `call` that are read as properties; `statics`: `{ name: method }`, each static
 * `name(...args)` being `new Class().method(...args)`.
 */
export function wrapClass(raw, kind, name, chain, params, methods, defined, getters, statics = {}) {
  // An instance the garbage collector takes frees its module object; never throws.
  const finalizer = new FinalizationRegistry((handle) => {
    try {
      guard(() => raw.discard(handle), raw);
    } catch {}
  });
  const make = (self, args) => {
    const handle = guard(() => (params ? withMessage(args, params, (text) => answer(raw.make(kind, text))) : answer(raw.make(kind, '[]'))), raw);
    register(self, handle);
    finalizer.register(self, handle, self);
    return handle;
  };
  const release = (self, handle) => {
    finalizer.unregister(self);
    guard(() => raw.discard(handle), raw);
  };
  const { Class, define, defineGetter } = brandedClass(raw, name, chain, make, release);
  (defined.track ?? []).forEach((key, i) => define(key, (h, args) => withMessage(args, methods[key], (text) => answer(raw.track(h, i, text)))));
  (defined.call ?? []).forEach((key, i) => {
    if (getters.includes(key)) defineGetter(key, (h) => answer(raw.call(h, i, '[]')));
    else define(key, (h, args) => withMessage(args, methods[key], (text) => answer(raw.call(h, i, text))));
  });
  for (const [key, method] of Object.entries(statics)) Class[key] = { [key]: (...args) => new Class()[method](...args) }[key];
  return Class;
}

const MARK = '\u0000';
const INSIDE = {};
/** The level of an array or object whose members are global context providers. */
const PROVIDERS = {};
const marked = (what) => ({ [MARK]: what });

/** `v` as JSON can hold it; what it cannot (functions, symbols, BigInts, NaN, ±Infinity, objects
 * that are not plain, unless `bag`) as a marker that core describes. */
function mark(v, bag) {
  switch (typeof v) {
    case 'function':
    case 'symbol':
    case 'bigint':
      return marked(typeof v);
    case 'number':
      return Number.isFinite(v) ? v : marked(String(v));
    case 'object': {
      if (v === null || bag || Array.isArray(v)) return v;
      const proto = Object.getPrototypeOf(v);
      return proto === Object.prototype || proto === null ? v : marked('object');
    }
    default:
      return v;
  }
}

/**
 * `f(text)` with the message of a call's arguments: the JSON text of the arguments read once by
 * the engine's `JSON.stringify`, where each function or object taken out is held by the host
 * for the call and written as a marker naming it (see `take`); what the module did not keep is
 * let go when `f` returns or throws. `params` (generated from core's declarations) has one spec
 * per parameter: `0` a value (objects inside it are marked), `1` data (written as
 * `JSON.stringify` writes it), `"function"` or `"object …"` taken out, `[spec]` an array of
 * items, `{name: spec}` an options bag (undeclared options are left out), `"stack"` an object's
 * `stack` (an `Error`'s, read once; anything else as it is; one the package threw marked), `3` global context
 * providers: an array or object whose members are each a function (taken out), an array
 * (followed the same way) or data. Only declared places are marked and followed. When the text cannot be made (a cycle or BigInt in data), it is made
 * again with such data marked, for core to name.
 */
function withMessage(args, params, f) {
  const ids = [];
  try {
    let text;
    try {
      text = pass(args, params, false, ids);
    } catch (e) {
      if (!(e instanceof TypeError)) throw e;
      text = pass(args, params, true, ids);
    }
    return f(bounded(text));
  } finally {
    releaseTaken(ids);
  }
}

/**
 * The marker of `value`, taken out where its spec says `"object name…"`: held by the host (slot
 * 0 the value, then each function `names` asked about, read once), with its number (`hold`), its
 * handle when it is one of the package's objects, and the names of those it has as functions
 * (`has`); core decides what it must be. An array is marked with its items taken the same way.
 */
function take(value, names, ids) {
  if (Array.isArray(value)) {
    const items = Array.from(value, (v) => (v !== null && (typeof v === 'object' || typeof v === 'function') && !Array.isArray(v) ? take(v, names, ids) : mark(v, false)));
    return { [MARK]: 'array', items };
  }
  const read = names.map((n) => {
    const f = value[n];
    return typeof f === 'function' ? f : undefined;
  });
  const id = hold([value, ...read]);
  ids.push(id);
  const m = { [MARK]: typeof value === 'function' ? 'function' : 'object', hold: id };
  const handle = handleOf(value);
  if (handle) m.handle = handle;
  const has = names.filter((_, i) => read[i]);
  if (has.length) m.has = has;
  return m;
}

function pass(args, params, retry, ids) {
  const level = new Map();
  const root = Array.from(params, (_, i) => (args[i] === undefined ? marked('undefined') : args[i]));
  level.set(root, params);
  const follow = (v, spec) => {
    if (v !== null && typeof v === 'object' && !(MARK in v)) level.set(v, spec);
    return v;
  };
  const provider = (v) => (typeof v === 'function' ? take(v, [], ids) : Array.isArray(v) ? follow(v, PROVIDERS) : data(v, retry));
  const text = stringify(root, function (key, value) {
    const at = level.get(this);
    if (at === undefined) return value;
    if (at === PROVIDERS) return provider(value);
    if (at === INSIDE) {
      const v = mark(value, false);
      return v !== null && typeof v === 'object' && !(MARK in v) ? marked(Array.isArray(v) ? 'array' : 'object') : v;
    }
    let spec;
    if (Array.isArray(at)) spec = at === params ? at[key] : at[0];
    else if (!Object.hasOwn(at, key)) return undefined;
    else spec = at[key];
    if (spec === 'stack') {
      if (isOwnError(value)) return marked('own');
      if (value === null || typeof value !== 'object') return value;
      const stack = value.stack;
      return typeof stack === 'string' ? stack : undefined;
    }
    if (typeof spec === 'string') {
      const [kind, ...names] = spec.split(' ');
      if (kind === 'function' ? typeof value === 'function' : value !== null && (typeof value === 'function' || (typeof value === 'object' && !(MARK in value)))) {
        return take(value, names, ids);
      }
      spec = 0;
    }
    if (spec === 1) return data(value, retry);
    if (spec === 3) return value !== null && typeof value === 'object' ? follow(value, PROVIDERS) : provider(value);
    if (Array.isArray(spec)) {
      const v = mark(value, false);
      return follow(v, Array.isArray(v) ? spec : INSIDE);
    }
    if (spec !== 0) {
      const v = mark(value, true);
      return follow(v, Array.isArray(v) ? INSIDE : spec);
    }
    return follow(mark(value, false), INSIDE);
  });
  return text;
}

/** Event or context data: as `JSON.stringify` writes it; what it cannot write, marked. */
function data(value, retry) {
  const type = typeof value;
  if (type === 'function' || type === 'symbol' || type === 'bigint' || type === 'undefined') return marked(type);
  if (retry && type === 'object' && value !== null) {
    try {
      stringify(value);
    } catch {
      return marked(Array.isArray(value) ? 'array' : 'object');
    }
  }
  return value;
}

/** Function `name` of the module whose exports are `module`, behind the trap guard; `params`:
 * its arguments' message spec when they cross as one message, to the module's declared
 * function `index` (`call(0, index, text)`); else the export `name` itself. */
export function wrapFunction(module, name, params, index) {
  const fn = params ? (text) => answer(module.call(0, index, text)) : module[name];
  return { [name]: (...args) => guard(() => (params ? withMessage(args, params, fn) : fn(...args)), module) }[name];
}

/** Function `name`: method `method` called on a new instance of `Class`, returning `{ [answer]:
 * what the method returned, [instance]: the instance }`. */
export function wrapOn(Class, name, method, answer, instance) {
  return { [name]: (...args) => {
    const made = new Class();
    return { [answer]: made[method](...args), [instance]: made };
  } }[name];
}
