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
export function wrapClass(Raw, name, chain) {
  const raws = new WeakMap();
  const own = (self, member) => {
    const raw = raws.get(self);
    if (raw === undefined) throw new TypeError(name + '.' + member + ': `this` is not a live ' + name);
    return raw;
  };
  const Class = {
    [name]: class {
      constructor(...args) {
        const raw = guard(() => new Raw(...args));
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

/** A module function behind the trap guard. */
export function wrapFunction(fn, name) {
  return { [name]: (...args) => guard(() => fn(...args)) }[name];
}
