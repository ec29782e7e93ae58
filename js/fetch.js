// One request for the module (imported by the glue as './fetch.js'): the global `fetch` (never
// `window.fetch`) or the user's, with the headers, body and deadlines the module chose. What
// the collector answered goes back to the module's task as it came; the module decides what it
// means. Nothing here throws: a `fetch` that throws, rejects or answers nonsense is an answer too.

import { heldValue, later, promiseThen, settle, wake } from './boundary.js';

/**
 * Make a request with the global `fetch` (`custom` 0) or the function the module holds as
 * `custom` (see `hold`), and wake task `id` of instance `k` once with its end: `(true, [status,
 * Retry-After])` when a response came (its body read, or `readMs` passed), `(false, 'error')`
 * when it failed, `(false, 'timeout')` when no status came within `connectMs` (it is aborted).
 * `headers` is `[name, value, …]`; `browser`: send cookies and allow `keepalive`.
 */
export function request(k, id, custom, url, body, headers, keepalive, browser, connectMs, readMs) {
  let over = false;
  let timer = 0;
  let controller;
  const end = (ok, value) => {
    if (over) return;
    over = true;
    try {
      clearTimeout(timer);
    } catch {}
    wake(k, id, ok, value);
  };
  // A deadline; never throws (a page may have replaced the timer functions).
  const limit = (ms) => {
    try {
      clearTimeout(timer);
      timer = setTimeout(() => {
        try {
          if (controller) controller.abort();
        } catch {}
        end(false, 'timeout');
      }, ms);
    } catch {}
  };
  let pending;
  try {
    controller = typeof AbortController === 'function' ? new AbortController() : undefined;
    const h = new Headers();
    for (let i = 0; i + 1 < headers.length; i += 2) h.append(headers[i], headers[i + 1]);
    const init = { method: body === undefined ? 'GET' : 'POST', headers: h };
    if (body !== undefined) init.body = body;
    if (browser) {
      init.credentials = 'include';
      if (keepalive) init.keepalive = true;
    }
    if (controller) init.signal = controller.signal;
    const f = custom ? heldValue(custom, 0) : undefined;
    pending = f ? f(url, init) : fetch(url, init);
  } catch {
    // A header that cannot be set, or a `fetch` that throws: a network error, later.
    return later(() => end(false, 'error'));
  }
  limit(connectMs);
  const answered = (resp) => {
    if (over) return;
    const read = (f) => {
      try {
        return f();
      } catch {
        return undefined;
      }
    };
    const status = read(() => resp.status);
    const retryAfter = read(() => resp.headers.get('Retry-After'));
    const answer = [status, typeof retryAfter === 'string' ? retryAfter : undefined];
    let bodyRead;
    try {
      const arrayBuffer = resp.arrayBuffer;
      bodyRead = arrayBuffer.call(resp);
    } catch {
      return end(true, answer);
    }
    limit(readMs);
    const done = () => end(true, answer);
    try {
      promiseThen.call(settle(bodyRead), done, done);
    } catch {
      done();
    }
  };
  try {
    promiseThen.call(settle(pending), answered, () => end(false, 'error'));
  } catch {
    later(() => end(false, 'error'));
  }
}
