// Error tracking (application_error 1-0-1), as @snowplow/browser-tracker's error tracking plugin
// tracks errors (4.3.1): the window's `error` events, and (ours alone) unhandled promise
// rejections. The tracker's `trackError` decides the rest: texts cut to the schema's maxima, at
// most 10 errors a second in the page, never an error the tracker threw.
import { listen, switchOff, safely } from './autotrack-dom.js';

/** What browser-tracker sends for an `error` event: a script error, an element's, or neither. */
function fromErrorEvent(e) {
  if ('message' in e) return { message: e.message, filename: e.filename, lineno: e.lineno, colno: e.colno, error: e.error };
  const el = e.target;
  if (el && 'tagName' in el) return { message: `Non-script error on ${el.tagName} element`, filename: el.src || undefined };
  return { message: "JS Exception. Browser doesn't support ErrorEvent API" };
}

/** An unhandled rejection: its reason's message and stack when it is an `Error`. */
function fromRejection(e) {
  const reason = e.reason;
  if (reason instanceof Error) return { message: String(reason.message), error: reason };
  return { message: `Unhandled promise rejection: ${String(reason)}` };
}

/**
 * Track the page's errors with `tracker`: `filter(event)` (track only when it returns true),
 * `contextAdder(event)` (entities for that error), `context` (entities for every error).
 */
export function enableErrorTracking(tracker, { filter, contextAdder, context } = {}) {
  listen(tracker, 'error', globalThis, ['error', 'unhandledrejection'], (e) => {
    safely('page error', () => {
      if (typeof filter === 'function' && !filter(e)) return;
      const entities = [...(Array.isArray(context) ? context : []), ...(typeof contextAdder === 'function' ? contextAdder(e) ?? [] : [])];
      const error = e.type === 'unhandledrejection' ? fromRejection(e) : fromErrorEvent(e);
      tracker.trackError({ ...error, context: entities });
    });
  }, true);
}

/** Stop what `enableErrorTracking` started. */
export function disableErrorTracking(tracker) {
  switchOff(tracker, 'error');
}
