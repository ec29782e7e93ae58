// The autotrack entry (`snowplow-tracker-wasm/autotrack`): link, button, form and error tracking in pages.
import type { ErrorOptions, ButtonClickOptions, FormChangeOptions, FormFocusOptions, FormSubmitOptions, LinkClickOptions, SelfDescribingJson } from './index.js';

/** A Tracker of the main or the lazy entry. */
export interface AutotrackTracker {
  trackError(options: ErrorOptions): unknown;
  trackLinkClick(options: LinkClickOptions): unknown;
  trackButtonClick(options: ButtonClickOptions): unknown;
  trackFormChange(options: FormChangeOptions): unknown;
  trackFormFocus(options: FormFocusOptions): unknown;
  trackFormSubmit(options: FormSubmitOptions): unknown;
}

/** Which elements count: by class (`allowlist`, `denylist`) or by your own `filter`. */
export interface FilterCriterion<T> {
  allowlist?: string[];
  denylist?: string[];
  filter?: (element: T) => boolean;
}

/** Entities, and functions of the element making them (a falsy result or a throw is left out). */
export type DynamicContext<A extends unknown[]> = Array<SelfDescribingJson | ((...args: A) => SelfDescribingJson | null | undefined)>;

/** `enableLinkClickTracking`'s configuration, as browser-tracker's link click plugin takes it. */
export interface LinkClickTrackingConfiguration {
  /** Which links count, by their classes. */
  options?: FilterCriterion<HTMLAnchorElement | HTMLAreaElement>;
  /** Count a left or middle button pressed and released on the same link, instead of `click`. */
  pseudoClicks?: boolean;
  /** Send the link's `innerHTML` as `elementContent`. */
  trackContent?: boolean;
  context?: DynamicContext<[HTMLAnchorElement | HTMLAreaElement]>;
}

/** Track link clicks (link_click 1-0-1); links added later count. */
export function enableLinkClickTracking(tracker: AutotrackTracker, configuration?: LinkClickTrackingConfiguration): void;
/** Nothing to do: links added later are tracked already. */
export function refreshLinkClickTracking(tracker?: AutotrackTracker): void;
/** Stop link click tracking. */
export function disableLinkClickTracking(tracker: AutotrackTracker): void;

/** `enableButtonClickTracking`'s configuration, as browser-tracker's button click plugin takes it. */
export interface ButtonClickTrackingConfiguration {
  /** Which buttons count: a function of the button, or classes. */
  filter?: ((button: HTMLElement) => boolean) | { allowlist: string[] } | { denylist: string[] };
  /** The label of a `<button>` without text or `data-sp-button-label`. Default "(empty)". */
  defaultLabel?: string | ((button: HTMLElement) => string);
  context?: DynamicContext<[ButtonClickOptions, HTMLElement]>;
}

/** Track clicks on `<button>` and `<input type="button">` (button_click 1-0-0). */
export function enableButtonClickTracking(tracker: AutotrackTracker, configuration?: ButtonClickTrackingConfiguration): void;
/** Stop button click tracking. */
export function disableButtonClickTracking(tracker: AutotrackTracker): void;

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** `enableFormTracking`'s configuration, as browser-tracker's form tracking plugin takes it. */
export interface FormTrackingConfiguration {
  options?: {
    /** Which forms count: by class, or a list of forms. */
    forms?: FilterCriterion<HTMLFormElement> | HTMLCollection | NodeList | HTMLFormElement[];
    /** Which fields count, by their `name`; `transform` changes the values sent (PII!). */
    fields?: FilterCriterion<Field> & { transform?: (value: string | null, element: unknown, field: Field) => string | null };
    /** Default all three. */
    events?: Array<'change_form' | 'focus_form' | 'submit_form'>;
  };
  context?: DynamicContext<[Field | HTMLFormElement, ...unknown[]]>;
}

/** Track form changes, focus and submissions; values are sent unless filtered or transformed (passwords never). */
export function enableFormTracking(tracker: AutotrackTracker, configuration?: FormTrackingConfiguration): void;
/** Stop form tracking. */
export function disableFormTracking(tracker: AutotrackTracker): void;

/** `enableErrorTracking`'s configuration, as browser-tracker's error tracking plugin takes it. */
export interface ErrorTrackingConfiguration {
  /** Track only the errors for which it returns true. */
  filter?: (event: ErrorEvent | PromiseRejectionEvent | Event) => boolean;
  /** Entities for one error. */
  contextAdder?: (event: ErrorEvent | PromiseRejectionEvent | Event) => SelfDescribingJson[];
  /** Entities for every error. */
  context?: SelfDescribingJson[];
}

/** Track the page's errors and unhandled promise rejections (application_error 1-0-1): at most 10 a second, never the tracker's own. */
export function enableErrorTracking(tracker: AutotrackTracker, configuration?: ErrorTrackingConfiguration): void;
/** Stop error tracking. */
export function disableErrorTracking(tracker: AutotrackTracker): void;
