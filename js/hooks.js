// The module's calls of the user's functions that answer (global contexts' generators and
// filters, plugins' hooks): each called synchronously with the arguments the module wrote, its
// result answered as JSON text for core to judge. Imported by the glue as './hooks.js'.
import { heldValue, parseJson, stringify, warn } from './boundary.js';

/** `Reflect.apply` as loaded (a page may replace it later). */
const apply = Reflect.apply;
/** What a hook's answer says in place of a promise it returned (core ignores it, warning). */
const PROMISE = { '\u0000': 'promise' };

/**
 * A payload builder for a plugin's `beforeTrack`, as tracker-core's `PayloadBuilder` is used:
 * `getPayload()` and `getJson()` give the state the module sent as the JSON text `[dict, json]`
 * (read when first asked for; changes made to them count); `add`, `addDict`, `addJson` and
 * `addContextEntity` are recorded, in order, for the module, which applies them by
 * tracker-core's rules. `state()`: the objects handed out, or 0 when none was asked for.
 */
function payloadBuilder(text, calls) {
  let state = 0;
  const read = () => (state ||= parseJson(text));
  const record = (name) => (...args) => {
    calls.push([name, ...args]);
  };
  const builder = {
    add: record('add'),
    addDict: record('addDict'),
    addJson: record('addJson'),
    addContextEntity: record('addContextEntity'),
    getPayload: () => read()[0],
    getJson: () => read()[1],
  };
  return [builder, () => state];
}

/**
 * Call the user's function that `hold` kept as `id` (`slot` 0), or method `slot` of the object
 * it kept first (a plugin's hook, the plugin as `this`), with the arguments in the JSON text
 * `args`; `builder`: with a payload builder of the state `[dict, json]` in `args` instead.
 * Answers the JSON text of `[result]` (a promise as a marker; for a builder `[result, dict,
 * json, calls]`, `dict` and `json` 0 when never asked for), `[{"\u0000": "unserialisable"}]` when that text cannot be made, or `""` when
 * the function threw (logged with `thrown`, unless empty). Never throws.
 */
export function hook(id, slot, builder, args, thrown) {
  let answer;
  try {
    const calls = [];
    const [made, state] = builder ? payloadBuilder(args, calls) : [];
    const result = apply(heldValue(id, slot), slot ? heldValue(id, 0) : undefined, builder ? [made] : parseJson(args));
    const r = result !== null && (typeof result === 'object' || typeof result === 'function') && typeof result.then === 'function' ? PROMISE : result;
    const s = builder && state();
    answer = builder ? [r === PROMISE ? r : null, s && s[0], s && s[1], calls] : [r];
  } catch (e) {
    if (thrown) warn(thrown, e);
    return '';
  }
  try {
    return stringify(answer);
  } catch {
    return '[{"\u0000":"unserialisable"}]';
  }
}


/**
 * The URL (`name` "") or header `name` of the request `hold` kept as `id` (`Subject.fromRequest`):
 * `"\u0000"` when absent, `"\u0001"` when reading it threw. Never throws.
 */
export function requestPart(id, name) {
  try {
    const request = heldValue(id, 0);
    const value = name === '' ? request.url : request.headers.get(name);
    return value === null || value === undefined ? '\u0000' : String(value);
  } catch {
    return '\u0001';
  }
}
