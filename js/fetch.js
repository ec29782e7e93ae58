// One request for the module (imported by the glue as './fetch.js'): the global `fetch` (never
// `window.fetch`) or the user's, with the headers, body and deadlines the module chose. What
// the collector answered goes back to the module's task as it came; the module decides what it
// means. Nothing here throws: a `fetch` that throws, rejects or answers nonsense is an answer too.

import { heldValue, later, parseJson, promiseThen, settle, stringify, wake } from './boundary.js';

/**
 * Make a request with the global `fetch` (`custom` 0) or the function the module holds as
 * `custom` (see `hold`), and wake task `id` of instance `k` once with its end as JSON text:
 * `[status, Retry-After, Retry-After as Date.parse reads it]` when a response came (its body
 * read, or `readMs` passed; what is missing is null), `"error"` when it failed, `"timeout"` when
 * no status came within `connectMs` (it is aborted). `method`, `body` (`undefined`: none),
 * `headers` (the JSON text of `[[name, value], …]`), `keepalive` and `credentials` (send cookies)
 * are the module's.
 */
export function request(k, id, custom, url, method, body, headers, keepalive, credentials, connectMs, readMs) {
  let over = false;
  let timer = 0;
  let controller;
  const end = (value) => {
    if (over) return;
    over = true;
    try {
      clearTimeout(timer);
    } catch {}
    wake(k, id, stringify(value));
  };
  // A deadline; never throws (a page may have replaced the timer functions).
  const limit = (ms) => {
    try {
      clearTimeout(timer);
      timer = setTimeout(() => {
        try {
          if (controller) controller.abort();
        } catch {}
        end('timeout');
      }, ms);
    } catch {}
  };
  let pending;
  try {
    controller = typeof AbortController === 'function' ? new AbortController() : undefined;
    const init = { method, headers: new Headers(parseJson(headers)) };
    if (body !== undefined) init.body = body;
    if (credentials) init.credentials = 'include';
    if (keepalive) init.keepalive = true;
    if (controller) init.signal = controller.signal;
    const f = custom ? heldValue(custom, 0) : undefined;
    pending = f ? f(url, init) : fetch(url, init);
  } catch {
    // A header that cannot be set, or a `fetch` that throws: a network error, later.
    return later(() => end('error'));
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
    const number = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
    const status = read(() => resp.status);
    const retryAfter = read(() => resp.headers.get('Retry-After'));
    const text = typeof retryAfter === 'string' ? retryAfter : null;
    const answer = [number(status), text, text === null ? null : number(Date.parse(text))];
    let bodyRead;
    try {
      const arrayBuffer = resp.arrayBuffer;
      bodyRead = arrayBuffer.call(resp);
    } catch {
      return end(answer);
    }
    limit(readMs);
    const done = () => end(answer);
    try {
      promiseThen.call(settle(bodyRead), done, done);
    } catch {
      done();
    }
  };
  try {
    promiseThen.call(settle(pending), answered, () => end('error'));
  } catch {
    later(() => end('error'));
  }
}
