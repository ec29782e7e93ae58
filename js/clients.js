// Calls the module asks for on the clients of the Node and workerd build (Redis clients, Queues
// bindings and messages), which the host holds for it (`hold` in boundary.js); each answer goes
// back to the module's task as JSON text. The module decides every call, its arguments and what
// the answer means (core's `emitter::drain`, `emitter::forward`).
import { error, hold, heldValue, later, parseJson, promiseThen, rejectDeferred, settle, stringify, wake } from './boundary.js';

const kept = new Map(); // number → an element that is not text, until the command that removes it
const failures = new Map(); // task → what the client threw or rejected with
let lastKept = 0;
let decoder;

/** An element as text: a string, or bytes that are UTF-8 (decoded exactly); else `null`. */
function asText(v) {
  if (typeof v === 'string') return v;
  if (!(v instanceof Uint8Array)) return null;
  try {
    decoder ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    return decoder.decode(v);
  } catch {
    return null;
  }
}

/** What a command answered, as the module reads it: `0`; for a move (`keep` 1 or 2), `null`
 * when the list was empty, else `[text or null, n]`, `n` the number an element that is not text
 * is kept under (when `keep` is 2; else 0). */
function answerText(keep, v) {
  if (!keep) return '0';
  if (v === null || v === undefined) return 'null';
  const text = asText(v);
  let n = 0;
  if (text === null && keep === 2) kept.set((n = ++lastKept), v);
  return stringify([text, n]);
}

/**
 * Call a method of the client held as `id`: the first of `names` (`"lMove lmove"`) it has as a
 * function, with the arguments in the JSON text `args` and, when `element` is not 0, the element
 * kept under that number last. Then wake task `task` of instance `k` with the answer (see
 * `answerText`; `keep`: 0 a call answered by `0`, 1 a move, 2 a move whose non-text element
 * is kept), or with `"!"` when it threw or rejected (what it threw is kept for
 * `clientFailed`). With no task (0), a failure is logged with `thrown`. The task is always woken
 * later, never during this call. Never throws.
 */
export function callClient(id, names, args, element, keep, k, task, thrown) {
  const failed = (e) => {
    if (!task) return error(thrown, e);
    failures.set(task, e);
    wake(k, task, '!');
  };
  try {
    const client = heldValue(id, 0);
    let f;
    for (const name of names.split(' ')) {
      f = client?.[name];
      if (typeof f === 'function') break;
    }
    const a = parseJson(args);
    if (element) {
      a.push(kept.get(element));
      kept.delete(element);
    }
    const result = f.apply(client, a);
    promiseThen.call(settle(result), (v) => task && wake(k, task, answerText(keep, v)), failed);
  } catch (e) {
    later(() => failed(e));
  }
}

/** Reject the module's deferred `deferred` with what the call of task `task` threw (0: only
 * forget it). Never throws. */
export function clientFailed(deferred, task) {
  const e = failures.get(task);
  failures.delete(task);
  if (deferred) rejectDeferred(deferred, e);
}

/** What `field` of an item holds, as JSON text; `null` when JSON cannot hold it. */
function fieldText(item, field) {
  const v = item?.[field];
  try {
    return stringify(v) ?? null;
  } catch {
    return null;
  }
}

/**
 * The items of the array `list` of the client held as `id` (a Queues batch's `messages`), each
 * held for the module (until it releases it), with the JSON text of its `field` (`body`):
 * `[[number, text or null], …]`, or `null` when `list` is not an array. What a getter throws
 * propagates to the module's catching import.
 */
export function clientItems(id, list, field) {
  const items = heldValue(id, 0)?.[list];
  if (!Array.isArray(items)) return 'null';
  return stringify(Array.from(items, (item) => [hold([item]), fieldText(item, field)]));
}
