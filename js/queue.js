// The persistent event queue's storage, for the module (imported by the glue as './queue.js').
import { error, promiseThen, settle, task, warn } from './boundary.js';

// The module sees a queue object: `items` (id → stored text, as last loaded plus this page's own
// writes), written through to a store with `{ load, add, remove }`: localStorage, IndexedDB, or
// the user's own. None of these functions ever throws: a store that throws or rejects (quota,
// disabled storage, private mode, a custom store's error) leaves the queue in memory only,
// warned once.

const LOAD_MS = 10000;

/** localStorage items `<prefix><id>`; read afresh each time (another tab may have written). */
function localStore(prefix) {
  const s = () => globalThis.localStorage;
  return {
    sync: true,
    load() {
      const store = s();
      const out = [];
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i);
        if (key !== null && key.startsWith(prefix)) out.push([key.slice(prefix.length), store.getItem(key)]);
      }
      return out;
    },
    add: (id, text) => s().setItem(prefix + id, text),
    remove: (id) => s().removeItem(prefix + id),
  };
}

/**
 * IndexedDB: database `snowplow-wasm`, object store `events`, records `[id, text]` at
 * `<prefix><id>`. The writes made in one turn share one transaction, committed at once (at page
 * exit, many small transactions would not all commit).
 */
function indexedStore(prefix) {
  let db;
  let batch = null;
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
          const req = op(t.objectStore('events'));
          if (t.commit) t.commit();
          t.oncomplete = () => ok(req && req.result);
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
    load: () => run('readonly', (s) => s.getAll(IDBKeyRange.bound(prefix, prefix + '\uffff'))),
    add: (id, text) => write((s) => s.put([id, text], prefix + id)),
    remove: (id) => write((s) => s.delete(prefix + id)),
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
      return { load: () => load.call(v), add: (id, text) => add.call(v, id, text), remove: (id) => remove.call(v, id) };
    }
  } catch {}
  return null;
}

/** A queue stored under `prefix` in store `kind`: 1 localStorage, 2 IndexedDB, 3 `custom` (from `customStore`). */
export function openQueue(kind, custom, prefix) {
  const store = kind === 1 ? localStore(prefix) : kind === 2 ? indexedStore(prefix) : custom;
  return { store, items: new Map(), done: Promise.resolve(), ok: true };
}

function refused(q, e) {
  if (q.ok) {
    q.ok = false;
    warn('snowplow-tracker-wasm: storage refused the event queue (full, disabled or private mode); events are kept in memory only (' + e + ')');
  }
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

/** Call `q.store[name](…args)`; a throw or a rejection leaves the queue in memory. */
function call(q, name, ...args) {
  if (!q.ok) return false;
  try {
    const p = promiseThen.call(settle(q.store[name](...args)), undefined, (e) => refused(q, e));
    q.done = promiseThen.call(Promise.all([q.done, p]), () => {});
  } catch (e) {
    refused(q, e);
  }
  return q.ok;
}

/** Load `q` from its store, replacing `items`. */
async function load(q) {
  try {
    q.items = new Map(await inTime(settle(q.store.load())));
  } catch (e) {
    refused(q, e);
  }
}

/** `[[id, text], …]` of the queue (a synchronous store is read afresh). */
export function queueItems(q) {
  if (q.ok && q.store.sync) {
    try {
      q.items = new Map(q.store.load());
    } catch (e) {
      refused(q, e);
    }
  }
  return Array.from(q.items);
}

/** True until the store has refused. */
export function queueOk(q) {
  return q.ok;
}

/** The stored text of `id`, or undefined. */
export function queueGet(q, id) {
  const text = q.items.get(id);
  return typeof text === 'string' ? text : undefined;
}

/** Store `text` as `id`; false once the store has refused (the queue is then in memory only). */
export function queuePut(q, id, text) {
  q.items.set(id, text);
  return call(q, 'add', id, text);
}

/** Remove `id`. */
export function queueRemove(q, id) {
  q.items.delete(id);
  call(q, 'remove', id);
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
    await inTime(q.done).catch((e) => refused(q, e));
    if (q.ok) await load(q);
    run();
    await inTime(q.done).catch((e) => refused(q, e));
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

