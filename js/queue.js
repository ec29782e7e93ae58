// The persistent event queue's storage, for the module (imported by the glue as './queue.js').
import { error, promiseThen, settle, task } from './boundary.js';

// The module sees a queue object: `items` (item name → stored text, as last loaded plus this
// page's own writes), written through to a store with `{ load, add, remove }`: localStorage,
// IndexedDB, or the user's own. Items are named by the module (`<key>:<eid>`); which belong to
// which queue, what a refusal means and what is tried again are the module's rules. None of
// these functions ever throws: a store that throws or rejects is reported as refused.

const LOAD_MS = 10000;

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
 * The user's `eventStore` object as a store, its methods read once; null unless it has
 * `load`, `add` and `remove` functions. Never throws.
 */
export function customStore(v) {
  try {
    const { load, add, remove } = v;
    if (typeof load === 'function' && typeof add === 'function' && typeof remove === 'function') {
      return { load: () => load.call(v), add: (name, text) => add.call(v, name, text), remove: (name) => remove.call(v, name) };
    }
  } catch {}
  return null;
}

/**
 * The queue of the items named `prefix…` in store `kind`: 1 localStorage, 2 IndexedDB, 3
 * `custom` (from `customStore`). `refused(name, wasWrite, latestText)` hears of an
 * asynchronous store refusing an operation (`latestText`: the item's, while it is held).
 */
export function openQueue(kind, custom, prefix, refused) {
  const store = kind === 1 ? localStore() : kind === 2 ? indexedStore() : custom;
  return { store, prefix, refused, items: new Map(), done: Promise.resolve(), failed: false };
}

/** `promise`, or a rejection after LOAD_MS (a store that never answers must not hold the lock). */
function inTime(promise) {
  let timer;
  const late = new Promise((_, no) => {
    timer = setTimeout(() => no(new Error('the store did not answer within 10 s')), LOAD_MS);
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
      try {
        q.refused(name, op === 'add', op === 'add' ? q.items.get(name) : undefined);
      } catch {}
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
    q.items = new Map(await inTime(settle(q.store.load(q.prefix))));
  } catch {
    q.failed = true;
  }
}

/** `[[name, text], …]` of the queue (a synchronous store is read afresh), or null when the store could not be read. */
export function queueItems(q) {
  try {
    if (q.store.sync) q.items = new Map(q.store.load(q.prefix));
  } catch {
    q.failed = true;
  }
  const failed = q.failed;
  q.failed = false;
  return failed ? null : Array.from(q.items);
}

/** The stored text of `name`, or undefined. */
export function queueGet(q, name) {
  const text = q.items.get(name);
  return typeof text === 'string' ? text : undefined;
}

/** Store `text` as `name`: 1 stored, 2 under way, 0 refused. */
export function queuePut(q, name, text) {
  const done = call(q, 'add', name, text);
  if (done) q.items.set(name, text);
  return done;
}

/** Remove `name`: 1 removed, 2 under way, 0 refused. */
export function queueRemove(q, name) {
  q.items.delete(name);
  return call(q, 'remove', name);
}

/**
 * Remember page `id` as its tab's latest (sessionStorage, which a reload or a navigation in the
 * same tab keeps) and return the page it follows there, or 0. Never throws.
 */
export function followTab(id) {
  try {
    const s = globalThis.sessionStorage;
    const before = Number(s.getItem('snowplow-wasm-tab')) || 0;
    s.setItem('snowplow-wasm-tab', String(id));
    return before;
  } catch {
    return 0;
  }
}

/**
 * Run `callback` holding the cross-tab Web Lock `name`, after the queue is loaded afresh; the
 * lock is held until what the callback wrote is stored. Where the browser has no Web Locks (and
 * outside browsers) it runs without one: claims are then only as safe as the store's ordering.
 */
export function queueLocked(q, name, callback) {
  const run = task(callback, 'a storage task');
  const section = async () => {
    await inTime(q.done).catch(() => {});
    if (!q.store.sync) await load(q);
    run();
    await inTime(q.done).catch(() => {});
  };
  try {
    const locks = globalThis.navigator && globalThis.navigator.locks;
    if (locks && typeof locks.request === 'function') {
      promiseThen.call(settle(locks.request(name, section)), undefined, (e) => error('snowplow-tracker-wasm: a Web Lock failed', e));
      return;
    }
  } catch {}
  section();
}


/**
 * Call `granted(release)` once the cross-tab Web Lock `name` is held; it stays held until
 * `release()` (where the browser has no Web Locks, `granted` runs at once).
 */
export function lockHeld(name, granted) {
  const run = task(granted, 'a lock task');
  try {
    const locks = globalThis.navigator && globalThis.navigator.locks;
    if (locks && typeof locks.request === 'function') {
      const held = () => new Promise((release) => run(() => release()));
      promiseThen.call(settle(locks.request(name, held)), undefined, (e) => error('snowplow-tracker-wasm: a Web Lock failed', e));
      return;
    }
  } catch {}
  run(() => {});
}
