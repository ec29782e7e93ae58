// Autotracking in pages: link clicks, button clicks, forms and errors, as @snowplow/browser-tracker's
// plugins track them (link-click, button-click and form tracking 4.6.8). This entry is a user of
// the public API, like a site's own code: its rules are the DOM's (which element, which
// attribute names a field), and every event goes through the tracker's own track methods, which
// check it. It works with a Tracker of the main or the lazy entry. Listeners are delegated to the
// document, so links, buttons and forms added later count; each `disable…` removes what its
// `enable…` added.

import { listen, switchOff, safely, classesOf, targetOf, criterion, contextOf } from './autotrack-dom.js';

const SCRIPT_URL = /^(javascript|vbscript|jscript|mocha|livescript|ecmascript):/i;

/**
 * Track link clicks (link_click 1-0-1) of `tracker`: `options` a criterion on the link's classes
 * (`{ allowlist } | { denylist } | { filter(link) }`), `pseudoClicks` to count a middle- or
 * left-button press and release on the same link instead of `click`, `trackContent` to send the
 * link's `innerHTML`, `context` entities or functions of the link.
 */
export function enableLinkClickTracking(tracker, { options, pseudoClicks, trackContent, context } = {}) {
  const passes = criterion(options, classesOf);
  const linkOf = (e) => {
    const node = targetOf(e);
    const link = typeof node?.closest === 'function' ? node.closest('a, area') : null;
    return link && link.href != null && passes(link) ? link : null;
  };
  const track = (link) =>
    safely('link click', () => {
      const url = String(link.href);
      if (SCRIPT_URL.test(url)) return;
      tracker.trackLinkClick({
        targetUrl: url || 'about:invalid',
        elementId: link.id,
        elementClasses: classesOf(link),
        elementTarget: link.target,
        elementContent: trackContent ? link.innerHTML : undefined,
        context: contextOf(context, link),
      });
    });
  if (!pseudoClicks) {
    listen(tracker, 'link', globalThis, ['click'], (e) => {
      const link = linkOf(e);
      if (link) track(link);
    }, true);
    return;
  }
  let pressed = null;
  listen(tracker, 'link', globalThis, ['mousedown', 'mouseup'], (e) => {
    const button = e.which || e.button;
    const link = linkOf(e);
    if (e.type === 'mousedown') {
      pressed = link && (button === 1 || button === 2) ? { button, link } : null;
    } else {
      if (link && pressed && pressed.button === button && pressed.link === link) track(link);
      pressed = null;
    }
  }, true);
}

/** Nothing to do: links added after `enableLinkClickTracking` are tracked already (kept for browser-tracker's API). */
export function refreshLinkClickTracking() {}

/** Stop what `enableLinkClickTracking` started. */
export function disableLinkClickTracking(tracker) {
  switchOff(tracker, 'link');
}

/**
 * Track button clicks (button_click 1-0-0) of `<button>` and `<input type="button">` elements:
 * `filter` a function of the button or `{ allowlist } | { denylist }` of classes, `defaultLabel`
 * (a string or a function of the button) for a button without text, `context` entities or
 * functions of `(event, button)`. The label is `data-sp-button-label`, else the text (an input's
 * value).
 */
export function enableButtonClickTracking(tracker, { filter, context, defaultLabel } = {}) {
  const passes = typeof filter === 'function' ? (el) => filter(el) === true : criterion(filter && !filter.filter ? filter : null, classesOf);
  listen(tracker, 'button', globalThis.document, ['click'], (e) => {
    let el = targetOf(e);
    while (el && !(el instanceof HTMLButtonElement || (el instanceof HTMLInputElement && el.type === 'button'))) el = el.parentElement;
    if (!el || !passes(el)) return;
    safely('button click', () => {
      const own = el.getAttribute('data-sp-button-label');
      const fallback = typeof defaultLabel === 'function' ? defaultLabel(el) : defaultLabel;
      const label = el instanceof HTMLInputElement ? own || el.value : own || el.innerText || fallback || '(empty)';
      const event = { label, id: el.id || undefined, classes: el.classList.length ? Array.from(el.classList) : undefined, name: el.name || undefined };
      tracker.trackButtonClick({ ...event, context: contextOf(context, event, el) });
    });
  }, true);
}

/** Stop what `enableButtonClickTracking` started. */
export function disableButtonClickTracking(tracker) {
  switchOff(tracker, 'button');
}

export { enableFormTracking, disableFormTracking } from './autotrack-forms.js';
export { enableErrorTracking, disableErrorTracking } from './autotrack-errors.js';
