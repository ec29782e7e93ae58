// The persistent event queue's storage, for the module (imported by the glue as './queue.js').
import { error, heldValue, promiseThen, replaceHeld, settle, stringify, wake } from './boundary.js';

// The module names a queue by number: `items` (item name → stored text, as last loaded plus
// this page's own writes), written through to a store with `{ load, add, remove }`:
// localStorage, IndexedDB, or the user's own. Items are named by the module (`<key>:<eid>`);
// which belong to which queue, what a refusal means, what is tried again and how long a store
// may take are the module's rules. None of these functions ever throws: a store that throws or
// rejects is reported as refused.

const queues = new Map();
let lastQueue = 0;
const releases = new Map(); // lock number → its release
let lastLock = 0;

/** localStorage items whose names start with `prefix`; read afresh each time (another tab may have written). */
function localStore() {
  const s = () => globalThis.localStorage;
  return {
    sync: true,
    load(prefix) {
      const store = s();
      const out = [];
      for (let i = 0; i < store.length; i++) {
        const name = store.key(i);
        if (name !== null && name.startsWith(prefix)) out.push([name, store.getItem(name)]);
      }
      return out;
    },
    add: (name, text) => s().setItem(name, text),
    remove: (name) => s().removeItem(name),
  };
}

/**
 * IndexedDB: database `snowplow-wasm`, object store `events`, records `[name, text]` at key
 * `name` (loaded by key, so records written as `[eid, text]` read the same). The writes made in
 * one turn share one transaction, committed at once (at page exit, many small transactions
 * would not all commit).
 */
function indexedStore() {
  let db;
  let batch = null;
  // `op` runs in the transaction and returns what to answer once it completes.
  const run = (mode, op) =>
    promiseThen.call(
      (db ||= new Promise((ok, no) => {
        const open = indexedDB.open('snowplow-wasm', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('events');
        open.onsuccess = () => ok(open.result);
        open.onerror = () => no(open.error);
      })),
      (d) =>
        new Promise((ok, no) => {
          const t = d.transaction('events', mode);
          const answer = op(t.objectStore('events'));
          if (t.commit) t.commit();
          t.oncomplete = () => ok(answer && answer());
          t.onerror = t.onabort = () => no(t.error);
        }),
    );
  const write = (op) => {
    if (!batch) {
      const ops = [];
      batch = { ops, done: run('readwrite', (s) => ((batch = null), ops.forEach((f) => f(s)))) };
    }
    batch.ops.push(op);
    return batch.done;
  };
  return {
    load: (prefix) =>
      run('readonly', (s) => {
        const range = IDBKeyRange.bound(prefix, prefix + '\uffff');
        const names = s.getAllKeys(range);
        const records = s.getAll(range);
        return () => names.result.map((name, i) => [name, records.result[i] && records.result[i][1]]);
      }),
    add: (name, text) => write((s) => s.put([name, text], name)),
    remove: (name) => write((s) => s.delete(name)),
  };
}

/**
 * Make the user's `eventStore` object that the facade held as `id` (with its `load`, `add` and
 * `remove` functions, read once; core checked them) a store, held as `id` in its place.
 */
function customStore(id) {
  const [v, load, add, remove] = [0, 1, 2, 3].map((slot) => heldValue(id, slot));
  replaceHeld(id, [{ load: () => load.call(v), add: (name, text) => add.call(v, name, text), remove: (name) => remove.call(v, name) }]);
}

/**
 * Open the queue of the items named `prefix…` in store `kind`: 1 localStorage, 2 IndexedDB, 3
 * the store held as `custom` (from `customStore`); its number. An asynchronous store's refusal
 * of an operation wakes task `refused` of instance `k` with the JSON text `[name, wasWrite,
 * latestText | null]` (`latestText`: the item's, while it is held); a store may take `ms` to
 * load or to finish its writes.
 */
function openQueue(kind, custom, prefix, k, refused, ms) {
  const store = kind === 1 ? localStore() : kind === 2 ? indexedStore() : heldValue(custom, 0);
  queues.set(++lastQueue, { store, prefix, k, refused, ms, items: new Map(), done: Promise.resolve(), failed: false });
  return lastQueue;
}

/** Forget queue `id` (writes under way still finish). */
function closeQueue(id) {
  queues.delete(id);
}

/** `promise`, or a rejection after `q.ms` (a store that never answers must not hold the lock). */
function inTime(q, promise) {
  let timer;
  const late = new Promise((_, no) => {
    timer = setTimeout(() => no(new Error('the store did not answer in time')), q.ms);
    if (timer && typeof timer.unref === 'function') timer.unref();
  });
  return promiseThen.call(Promise.race([promise, late]), (v) => (clearTimeout(timer), v), (e) => (clearTimeout(timer), Promise.reject(e)));
}

/** `q.store[op](name, …)`: 1 done, 2 under way (a refusal later goes to `q.refused`), 0 refused. */
function call(q, op, name, text) {
  try {
    const result = q.store[op](name, text);
    if (q.store.sync) return 1;
    const told = () => {
      const latest = op === 'add' ? q.items.get(name) : undefined;
      wake(q.k, q.refused, stringify([name, op === 'add', typeof latest === 'string' ? latest : null]));
    };
    const p = promiseThen.call(settle(result), undefined, told);
    q.done = promiseThen.call(Promise.all([q.done, p]), () => {});
    return 2;
  } catch {
    return 0;
  }
}

/** Load `q` from its (asynchronous) store, replacing `items`; `failed` if it could not. */
async function load(q) {
  try {
    q.items = new Map(await inTime(q, settle(q.store.load(q.prefix))));
  } catch {
    q.failed = true;
  }
}

/**
 * The JSON text of queue `id`'s items, `[[name, text], …]` (a synchronous store is read afresh;
 * what is not a string is null), or undefined when the store could not be read.
 */
function queueItems(id) {
  const q = queues.get(id);
  if (!q) return undefined;
  try {
    if (q.store.sync) q.items = new Map(q.store.load(q.prefix));
  } catch {
    q.failed = true;
  }
  const failed = q.failed;
  q.failed = false;
  const text = (v) => (typeof v === 'string' ? v : null);
  return failed ? undefined : stringify(Array.from(q.items, ([name, item]) => [text(name), text(item)]));
}

/** The stored text of `name` in queue `id`, or undefined. */
function queueGet(id, name) {
  const text = queues.get(id)?.items.get(name);
  return typeof text === 'string' ? text : undefined;
}

/** Store `text` as `name` in queue `id`: 1 stored, 2 under way, 0 refused. */
function queuePut(id, name, text) {
  const q = queues.get(id);
  const done = q ? call(q, 'add', name, text) : 0;
  if (done) q.items.set(name, text);
  return done;
}

/** Remove `name` from queue `id`: 1 removed, 2 under way, 0 refused. */
function queueRemove(id, name) {
  const q = queues.get(id);
  if (!q) return 0;
  q.items.delete(name);
  return call(q, 'remove', name);
}

/**
 * Write `id` to sessionStorage item `name` (which a reload or a navigation in the same tab
 * keeps) and return what it held before (a string, or undefined). Never throws.
 */
function followTab(name, id) {
  try {
    const s = globalThis.sessionStorage;
    const before = s.getItem(name);
    s.setItem(name, id);
    return typeof before === 'string' ? before : undefined;
  } catch {
    return undefined;
  }
}

/** `navigator.locks` where it has `request`, else undefined; never throws. */
function webLocks() {
  try {
    const l = globalThis.navigator && globalThis.navigator.locks;
    return l && typeof l.request === 'function' ? l : undefined;
  } catch {
    return undefined;
  }
}

/** `locks.request(name, section)`, a failure logged. */
function request(locks, name, section) {
  try {
    promiseThen.call(settle(locks.request(name, section)), undefined, (e) => error('snowplow-tracker-wasm: a Web Lock failed', e));
  } catch (e) {
    error('snowplow-tracker-wasm: a Web Lock failed', e);
  }
}

/**
 * Wake task `task` of instance `k` holding the cross-tab Web Lock `name`, after queue `id` is
 * loaded afresh; the lock is held until what the task wrote is stored. Where the browser has no
 * Web Locks (and outside browsers) it runs without one: claims are then only as safe as the
 * store's ordering.
 */
function queueLocked(id, name, k, task) {
  const q = queues.get(id);
  if (!q) return;
  const section = async () => {
    await inTime(q, q.done).catch(() => {});
    if (!q.store.sync) await load(q);
    wake(k, task);
    await inTime(q, q.done).catch(() => {});
  };
  const locks = webLocks();
  if (locks) request(locks, name, section);
  else section();
}

/**
 * Wake task `task` of instance `k` with a lock number once the cross-tab Web Lock `name` is
 * held; it stays held until `releaseLock` is given that number (where the browser has no Web
 * Locks, the task runs at once).
 */
function lockHeld(name, k, task) {
  const id = ++lastLock;
  const locks = webLocks();
  if (!locks) return wake(k, task, String(id));
  request(locks, name, () => new Promise((release) => {
    releases.set(id, release);
    wake(k, task, String(id));
  }));
}

/** Let go of the lock `lockHeld` numbered `id` (once; never throws). */
function releaseLock(id) {
  const release = releases.get(id);
  releases.delete(id);
  if (release) release();
}

/**
 * What the module asks of the stored queues, by number (its one call into this file): 0 make
 * the store held as `a` a custom store, 1 open a queue (kind `a`, custom store `b`, prefix
 * `name`, refusals to task `d` of instance `c`, `text` ms to answer), 2 close queue `a`, 3
 * queue `a`'s items, 4 its item `name`, 5 store `text` as `name` in it, 6 remove `name` from
 * it, 7 wake task `c` of instance `b` holding lock `name` after queue `a` is loaded, 8 wake
 * task `b` of instance `a` holding lock `name`, 9 release lock `a`, 10 follow the tab (item
 * `name`, page `text`). A string (numbers as text), or undefined; never throws.
 */
export function store(op, a, b, c, d, name, text) {
  switch (op) {
    case 0: return customStore(a);
    case 1: return String(openQueue(a, b, name, c, d, Number(text)));
    case 2: return closeQueue(a);
    case 3: return queueItems(a);
    case 4: return queueGet(a, name);
    case 5: return String(queuePut(a, name, text));
    case 6: return String(queueRemove(a, name));
    case 7: return queueLocked(a, name, b, c);
    case 8: return lockHeld(name, a, b);
    case 9: return releaseLock(a);
    case 10: return followTab(name, text);
    default: return undefined;
  }
}
