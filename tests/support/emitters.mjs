// Helpers of the emitter test files: unique app ids, a collector's requests per app and how
// many overlapped, tracking n struct events, callbacks that record their calls, and the engine's
// gc().

/** Helpers over the collector `get()` returns. */
export function emitterHelpers(get) {
  let apps = 0;
  const uniqueApp = (name) => `${name}-${++apps}`;
  const ofApp = (app) => get().requests.filter((r) => r.events.some((e) => e.aid === app));
  /** The most requests of `app` the collector was answering at once (from their time spans). */
  function maxOverlap(app) {
    const spans = ofApp(app).map((r) => [r.startedAt, r.endedAt ?? Infinity]);
    return Math.max(...spans.map(([s]) => spans.filter(([a, b]) => a <= s && s < b).length));
  }
  const se = (t, n = 1) => { for (let i = 0; i < n; i++) t.trackStructEvent({ category: 'c', action: `a${i}` }); };

  /** Callbacks that record their calls; `next(kind)` resolves at the next call of that kind. */
  function callbacks() {
    const calls = [];
    const waiting = [];
    const record = (kind) => (...args) => {
      calls.push({ kind, args, at: Date.now() });
      for (const w of waiting.splice(0)) w();
    };
    return {
      calls,
      onSuccess: record('success'),
      onFailure: record('failure'),
      until(pred, ms = 5000) {
        if (pred()) return Promise.resolve();
        return new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('callback not called in time')), ms);
          const check = () => { if (pred()) { clearTimeout(timer); resolve(); } else waiting.push(check); };
          waiting.push(check);
        });
      },
    };
  }
  return { uniqueApp, ofApp, maxOverlap, se, callbacks };
}

/** The engine's `gc()`, exposed for this process (a full collection, run its finalizers after). */
export async function collectGarbage() {
  const { setFlagsFromString } = await import('node:v8');
  const { runInNewContext } = await import('node:vm');
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc');
}
