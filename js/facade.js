// The public classes: each wraps the module's own (generated) class, which user code never
// sees. A private WeakMap per class is the brand: a method called on anything but a live
// instance of its class throws a TypeError instead of reading the module's memory as one, and
// every call goes through the trap guard. Instances that other objects may be handed (Subject,
// the emitters) are registered by identity for the module to find.
import { guard, register, stringify, unregister } from './boundary.js';

const HIDDEN = new Set(['constructor', 'free', '__destroy_into_raw', '__snowplowHandle', 'track', 'call']);

/**
 * The public class over the generated class `Raw`, named `name`; `chain`: its `set*` methods
 * return the object they were called on; `params`: its constructor's message spec, `methods`: each
 * method's whose arguments cross as one message (see `message`); `defined`: methods the module
 * has as one export each, `{ track: [names], call: [names] }`: method `names[i]` is
 * `Raw.prototype.track(i, …)` (core's event kinds) or `Raw.prototype.call(i, …)` (core's
 * declared methods of the class).
 */
export function wrapClass(Raw, name, chain, params, methods, defined) {
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
  // Method `key` of the public class: `invoke(raw, args)` on the live instance's generated object,
  // behind the trap guard; a chained setter returns the public object.
  const define = (key, invoke) => {
    const setter = chain && key.startsWith('set');
    Object.defineProperty(Class.prototype, key, {
      value: {
        [key](...args) {
          const raw = own(this, key);
          const result = guard(() => invoke(raw, args));
          return setter ? this : result;
        },
      }[key],
      writable: true,
      configurable: true,
    });
  };
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
      const spec = methods && Object.hasOwn(methods, key) ? methods[key] : null;
      define(key, (raw, args) => method.apply(raw, spec ? message(args, spec) : args));
    }
  }
  for (const via of Object.keys(defined ?? {})) {
    const entry = Raw.prototype[via];
    defined[via].forEach((key, i) => define(key, (raw, args) => entry.call(raw, i, ...message(args, methods[key]))));
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
 * A call's arguments as one message: `[text, held]`, the JSON text of the arguments read once
 * by the engine's `JSON.stringify` and the functions and objects taken out of options bags.
 * `params` (generated from core's declarations) has one spec per parameter: `0` a value (objects
 * inside it are marked), `1` data (written as `JSON.stringify` writes it), `"function"` or
 * `"object"` taken out, `[spec]` an array of items, `{name: spec}` an options bag (undeclared
 * options are left out). Only declared places are marked and followed. When the text cannot be
 * made (a cycle or BigInt in data), it is made again with such data marked, for core to name.
 */
function message(args, params) {
  try {
    return pass(args, params, false);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    return pass(args, params, true);
  }
}

/** Each level of `params` → its held keys → their slot: numbered depth-first in declaration
 * order (parameters, then each bag's options, nested bags at their place), as core numbers them
 * (`opts::held_slot`). Items of arrays hold nothing. */
const slotTables = new WeakMap();
function slotTable(params) {
  let table = slotTables.get(params);
  if (table) return table;
  table = new Map();
  let next = 0;
  const walk = (spec) => {
    const own = {};
    table.set(spec, own);
    for (const key of Object.keys(spec)) {
      const s = spec[key];
      if (typeof s === 'string') own[key] = next++;
      else if (s !== null && typeof s === 'object' && !Array.isArray(s)) walk(s);
    }
  };
  walk(params);
  slotTables.set(params, table);
  return table;
}

function pass(args, params, retry) {
  const held = [];
  const level = new Map();
  const slots = slotTable(params);
  const root = Array.from(params, (_, i) => (args[i] === undefined ? marked('undefined') : args[i]));
  level.set(root, params);
  const follow = (v, spec) => {
    if (v !== null && typeof v === 'object' && !(MARK in v)) level.set(v, spec);
    return v;
  };
  const text = stringify(root, function (key, value) {
    const at = level.get(this);
    if (at === undefined) return value;
    if (at === INSIDE) {
      const v = mark(value, false);
      return v !== null && typeof v === 'object' && !(MARK in v) ? marked(Array.isArray(v) ? 'array' : 'object') : v;
    }
    let spec;
    if (Array.isArray(at)) spec = at === params ? at[key] : at[0];
    else if (!Object.hasOwn(at, key)) return undefined;
    else spec = at[key];
    if (typeof spec === 'string') {
      const slot = slots.get(at)?.[key];
      if (slot !== undefined && ((spec === 'function' && typeof value === 'function') || (spec === 'object' && value !== null && (typeof value === 'function' || (typeof value === 'object' && !(MARK in value)))))) {
        held[slot] = value;
        return marked(typeof value === 'function' ? 'function' : 'object');
      }
      spec = 0;
    }
    if (spec === 1) return data(value, retry);
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
  return [text, held];
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

/** A module function behind the trap guard; `params`: its arguments' message spec, if they cross
 * as one message. */
export function wrapFunction(fn, name, params) {
  return { [name]: (...args) => guard(() => (params ? fn(...message(args, params)) : fn(...args))) }[name];
}
