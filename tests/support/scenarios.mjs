// One valid call of every track method, shared by the node tests, the sample and the
// benchmark. Contexts and events use schemas that exist in tests/schemas, so every request
// they produce can be validated.
export const WEB_PAGE = { schema: 'iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0', data: { id: '5d79770b-015b-4af8-8c91-b2ed6faf4b1e' } };
export const GEO = { schema: 'iglu:com.snowplowanalytics.snowplow/geolocation_context/jsonschema/1-0-0', data: { latitude: 48.85, longitude: 2.35 } };
export const TIMING = { schema: 'iglu:com.snowplowanalytics.snowplow/timing/jsonschema/1-0-0', data: { category: 'load', variable: 'dom', timing: 120 } };

/** [method, options] for every event type; `extra` is merged into each options object. */
export function everyEvent(extra = {}) {
  return [
    ['trackPageView', { pageUrl: 'https://shop.example/a b?q=1&r=é#x', pageTitle: 'Home — 🌍', referrer: 'https://ref.example/', ...extra }],
    ['trackPagePing', { pageUrl: 'https://shop.example/', minX: 0, maxX: 100, minY: 5, maxY: 250, ...extra }],
    ['trackStructEvent', { category: 'shop', action: 'add & go', label: 'l=1+2', property: 'p/q', value: 13.99, ...extra }],
    ['trackSelfDescribingEvent', { event: TIMING, ...extra }],
    ['trackScreenView', { name: 'Home', id: 'screen-1', ...extra }],
    ['trackMobileScreenView', { id: 'f1e2d3c4-b5a6-4789-8abc-def012345678', name: 'Cart', type: 'feed', previousName: 'Home', previousId: '5d79770b-015b-4af8-8c91-b2ed6faf4b1e', transitionType: 'push', ...extra }],
    ['trackLinkClick', { targetUrl: 'https://out.example/?a=1', elementId: 'lnk', elementClasses: ['a', 'b'], elementTarget: '_blank', elementContent: 'Go "now"', ...extra }],
    ['trackAddToCart', { sku: 'SKU-1', quantity: 2, name: 'Mug', category: 'kitchen', unitPrice: 9.5, currency: 'EUR', ...extra }],
    ['trackRemoveFromCart', { sku: 'SKU-1', quantity: 1, unitPrice: 9.5, currency: 'EUR', ...extra }],
    ['trackFormChange', { formId: 'f', elementId: 'email', nodeName: 'INPUT', value: 'a@b.c', type: 'email', elementClasses: ['x'], ...extra }],
    ['trackFormSubmit', { formId: 'f', formClasses: ['c'], elements: [{ name: 'email', value: 'a@b.c', nodeName: 'INPUT', type: 'email' }, { name: 'msg', value: null, nodeName: 'TEXTAREA' }], ...extra }],
    ['trackSiteSearch', { terms: ['blue', 'mug'], filters: { color: 'blue', inStock: true }, totalResults: 12, pageResults: 2, ...extra }],
    ['trackEcommerceTransaction', { orderId: 'o-1', totalValue: 19.5, affiliation: 'web', taxValue: 1.5, shipping: 0, city: 'Paris', state: 'IDF', country: 'FR', currency: 'EUR', items: [{ sku: 'SKU-1', price: 9.5, quantity: 2, name: 'Mug', category: 'kitchen' }], ...extra }],
  ];
}

/** Events one `everyEvent()` pass produces (the transaction has one item). */
export const EVENTS_PER_PASS = 14;
