// Subject setters return the very object they were called on (wasm-bindgen cannot return
// `this`); shared by both builds' API modules.
export function chainSetters(Subject) {
  for (const name of Object.getOwnPropertyNames(Subject.prototype)) {
    const set = Object.getOwnPropertyDescriptor(Subject.prototype, name).value;
    if (!name.startsWith('set') || typeof set !== 'function') continue;
    Object.defineProperty(Subject.prototype, name, {
      value: function (...args) { set.apply(this, args); return this; },
      writable: true,
      configurable: true,
    });
  }
}
