// The public classes: each wraps the module's own (generated) class, which user code never
// sees. A private WeakMap per class is the brand: a method called on anything but a live
// instance of its class throws a TypeError instead of reading the module's memory as one, and
// every call goes through the trap guard. Instances that other objects may be handed (Subject,
// the emitters) are registered by identity for the module to find.
import { guard, register, unregister } from './boundary.js';

const HIDDEN = new Set(['constructor', 'free', '__destroy_into_raw', '__snowplowHandle']);

/**
 * The public class over the generated class `Raw`, named `name`; `chain`: its `set*` methods
 * return the object they were called on.
 */
export function wrapClass(Raw, name, chain, params) {
  const raws = new WeakMap();
  const own = (self, member) => {
    const raw = raws.get(self);
    if (raw === undefined) throw new TypeError(name + '.' + member + ': `this` is not a live ' + name);
    return raw;
  };
  const Class = {
    [name]: class {
      constructor(...args) {
        const raw = params ? guard(() => new Raw(...message(args, params))) : guard(() => new Raw(...args));
        raws.set(this, raw);
        if ('__snowplowHandle' in Raw.prototype) register(this, guard(() => raw.__snowplowHandle));
      }
      /** Release the module's state now (the garbage collector does it otherwise). */
      free() {
        const raw = raws.get(this);
        if (raw === undefined) return;
        raws.delete(this);
        unregister(this);
        guard(() => raw.free());
      }
    },
  }[name];
  for (const key of Object.getOwnPropertyNames(Raw.prototype)) {
    if (HIDDEN.has(key)) continue;
    const d = Object.getOwnPropertyDescriptor(Raw.prototype, key);
    if (d.get) {
      const get = d.get;
      Object.defineProperty(Class.prototype, key, {
        get: { [key]() { const raw = own(this, key); return guard(() => get.call(raw)); } }[key],
        configurable: true,
      });
    } else if (typeof d.value === 'function') {
      const method = d.value;
      const setter = chain && key.startsWith('set');
      Object.defineProperty(Class.prototype, key, {
        value: {
          [key](...args) {
            const raw = own(this, key);
            const result = guard(() => method.apply(raw, args));
            return setter ? this : result;
          },
        }[key],
        writable: true,
        configurable: true,
      });
    }
  }
  if (Symbol.dispose) Class.prototype[Symbol.dispose] = Class.prototype.free;
  return Class;
}

const MARK = '\u0000';
const INSIDE = {};
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
 * A constructor's arguments as one message: `[text, held]`, the JSON text of the arguments read
 * once by the engine's `JSON.stringify` and the functions and objects taken out of the options
 * bag. `params` (generated from core's declarations) has `0` for a parameter that crosses as
 * JSON, or for an options bag its options: `0`, or what is taken out (`"function"`/`"object"`).
 * Only declared places are marked and followed; undeclared options are left out.
 */
function message(args, params) {
  const held = [];
  const level = new Map();
  const slots = new Map();
  const root = Array.from(params, (_, i) => (args[i] === undefined ? marked('undefined') : args[i]));
  level.set(root, params);
  const text = JSON.stringify(root, function (key, value) {
    const at = level.get(this);
    if (at === undefined) return value;
    if (at === INSIDE) {
      const v = mark(value, false);
      return v !== null && typeof v === 'object' && !(MARK in v) ? marked(Array.isArray(v) ? 'array' : 'object') : v;
    }
    let v;
    if (at === params) {
      v = mark(value, params[key] !== 0);
      if (v !== null && typeof v === 'object' && !(MARK in v)) level.set(v, params[key] === 0 ? INSIDE : params[key]);
      return v;
    }
    if (!Object.hasOwn(at, key)) return undefined;
    const takes = at[key];
    if ((takes === 'function' && typeof value === 'function') || (takes === 'object' && value !== null && (typeof value === 'object' || typeof value === 'function'))) {
      if (!slots.has(at)) slots.set(at, Object.keys(at).filter((k) => at[k] !== 0));
      held[slots.get(at).indexOf(key)] = value;
      return marked(typeof value === 'function' ? 'function' : 'object');
    }
    v = mark(value, false);
    if (v !== null && typeof v === 'object' && !(MARK in v)) level.set(v, INSIDE);
    return v;
  });
  return [text, held];
}

/** A module function behind the trap guard. */
export function wrapFunction(fn, name) {
  return { [name]: (...args) => guard(() => fn(...args)) }[name];
}
