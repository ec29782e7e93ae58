// Form tracking (change_form, focus_form, submit_form), as @snowplow/browser-tracker's form
// tracking plugin 4.6.8 tracks forms: delegated to the document, so forms and fields added later
// count. Password values are never sent: a password field's change and focus carry `null`, and
// submitted forms leave password fields out.
import { listen, switchOff, safely, classesOf, targetOf, criterion, contextOf } from './autotrack-dom.js';

const FIELD = /^(INPUT|SELECT|TEXTAREA)$/;
const EVENTS = ['change_form', 'focus_form', 'submit_form'];

/** How sp.js names a form or a field: its name, else its id, type or node name. */
function identifier(el) {
  for (const v of [el.getAttribute?.('name'), el.id, el.getAttribute?.('type'), el.nodeName]) if (typeof v === 'string' && v !== '') return v;
  return '';
}

/** The form a field is in, if any. */
function formOf(el) {
  if (el.form) return el.form;
  let node = el.parentNode;
  while (node && node.nodeName !== 'FORM') node = node.parentNode;
  return node;
}

/** A field's value as sent: `null` for passwords and unchecked checkboxes (and radios, `unchecked` true). */
function valueOf(el, radios) {
  const type = el.nodeName === 'INPUT' ? (el.type || 'text').toLowerCase() : undefined;
  if (type === 'password' || ((type === 'checkbox' || (radios && type === 'radio')) && !el.checked)) return null;
  return el.value;
}

/**
 * Track forms of `tracker`: `options.forms` a criterion on forms' classes (or a list of forms),
 * `options.fields` a criterion on fields' names with an optional `transform(value, element,
 * element)` of the values sent, `options.events` which of change_form, focus_form and
 * submit_form (all by default), `context` entities or functions of the element.
 */
export function enableFormTracking(tracker, { options = {}, context } = {}) {
  const forms = options.forms;
  const listed = forms && typeof forms.length === 'number' && typeof forms !== 'string' && forms.length > 0 ? Array.from(forms) : null;
  const formPasses = listed ? (form) => listed.some((f) => f.isSameNode(form)) : criterion(forms, classesOf);
  const fieldPasses = criterion(options.fields, (el) => [el.getAttribute?.('name') ?? '']);
  const transform = typeof options.fields?.transform === 'function' ? options.fields.transform : (v) => v;
  const events = Array.isArray(options.events) ? options.events : EVENTS;
  const field = (e, focus) => {
    const el = targetOf(e);
    if (!el || !FIELD.test(el.nodeName ?? '') || !fieldPasses(el)) return;
    const type = el.nodeName === 'INPUT' ? (el.type || 'text').toLowerCase() : undefined;
    if (focus && (type === 'checkbox' || type === 'radio')) return;
    const form = formOf(el);
    if (!form || !formPasses(form)) return;
    safely(focus ? 'form focus' : 'form change', () => {
      const value = transform(valueOf(el, false), el, el);
      const options = { formId: identifier(form), elementId: identifier(el), nodeName: el.nodeName, type, elementClasses: classesOf(el), value, context: contextOf(context, el, type, value) };
      if (focus) tracker.trackFormFocus(options);
      else tracker.trackFormChange(options);
    });
  };
  const submit = (e) => {
    const form = targetOf(e);
    if (form?.nodeName !== 'FORM' || !formPasses(form)) return;
    safely('form submission', () => {
      const elements = [];
      for (const el of Array.from(form.elements)) {
        const type = el.nodeName === 'INPUT' ? (el.type || 'text').toLowerCase() : undefined;
        if (!FIELD.test(el.nodeName) || type === 'submit' || type === 'image' || type === 'password' || !fieldPasses(el)) continue;
        const data = { name: identifier(el), value: valueOf(el, true), nodeName: el.nodeName, type };
        data.value = transform(data.value, data, el);
        elements.push(data);
      }
      tracker.trackFormSubmit({ formId: identifier(form), formClasses: classesOf(form), elements, context: contextOf(context, form, elements) });
    });
  };
  const handler = (e) => (e.type === 'submit' ? submit(e) : field(e, e.type === 'focus'));
  const types = [['change_form', 'change'], ['focus_form', 'focus'], ['submit_form', 'submit']].filter(([event]) => events.includes(event)).map(([, type]) => type);
  listen(tracker, 'form', globalThis.document, types, handler, true);
}

/** Stop what `enableFormTracking` started. */
export function disableFormTracking(tracker) {
  switchOff(tracker, 'form');
}
