// console.warn captured around a call, for tests of what the package warns about.

/** `f()` with console.warn captured: what it returned and each warning's arguments. */
export function warnings(f) {
  const seen = [];
  const original = console.warn;
  console.warn = (...args) => seen.push(args);
  try {
    return [f(), seen];
  } finally {
    console.warn = original;
  }
}
