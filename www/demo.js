// The demo page: a button per event kind, emitter controls, a collector down/up switch, and a
// live log of what the emitter did (its per-request callbacks), counters and a chart.
const $ = (id) => document.getElementById(id);
const status = $('status');
let sp;
let auto;
try {
  sp = await import('/pkg/browser.js');
  auto = await import('/pkg/autotrack.js');
} catch (e) {
  status.textContent = String(e && e.message);
  status.classList.add('error');
  throw e;
}

const WEB_PAGE = { schema: 'iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0', data: { id: crypto.randomUUID() } };
const page = () => ({ pageUrl: location.href, pageTitle: document.title, referrer: document.referrer || undefined });

/** One button per event kind: what it is called, what it tracks, and the call. */
const EVENTS = [
  ['Page view', 'e=pv with this page\'s URL and title', (t) => t.trackPageView({ ...page(), context: [WEB_PAGE] })],
  ['Page ping', 'e=pp with the scroll offsets', (t) => t.trackPagePing({ ...page(), minX: 0, maxX: Math.round(innerWidth), minY: Math.round(scrollY), maxY: Math.round(scrollY + innerHeight) })],
  ['Struct event', 'e=se: category, action, label, value', (t) => t.trackStructEvent({ category: 'demo', action: 'click', label: 'struct button', value: 1 })],
  ['Self-describing', 'e=ue: a timing event of your own schema', (t) => t.trackSelfDescribingEvent({ event: { schema: 'iglu:com.snowplowanalytics.snowplow/timing/jsonschema/1-0-0', data: { category: 'demo', variable: 'click', timing: Math.round(performance.now()) } } })],
  ['Screen view', 'snowplow/screen_view 1-0-0', (t) => t.trackScreenView({ name: 'Demo', id: 'demo-screen' })],
  ['Mobile screen view', 'mobile/screen_view 1-0-0 (id generated)', (t) => t.trackMobileScreenView({ name: 'Demo', type: 'web' })],
  ['Link click', 'link_click 1-0-1 to the inspector', (t) => t.trackLinkClick({ targetUrl: new URL('/micro/ui', location.href).href, elementId: 'inspector', elementClasses: ['link'] })],
  ['Add to cart', 'add_to_cart 1-0-0: 2 × SKU-1', (t) => t.trackAddToCart({ sku: 'SKU-1', quantity: 2, name: 'Mug', unitPrice: 9.5, currency: 'EUR' })],
  ['Remove from cart', 'remove_from_cart 1-0-0: 1 × SKU-1', (t) => t.trackRemoveFromCart({ sku: 'SKU-1', quantity: 1, unitPrice: 9.5, currency: 'EUR' })],
  ['Form change', 'change_form 1-0-0: an email field', (t) => t.trackFormChange({ formId: 'signup', elementId: 'email', nodeName: 'INPUT', value: 'a@b.example', type: 'email' })],
  ['Form submit', 'submit_form 1-0-0 with two elements', (t) => t.trackFormSubmit({ formId: 'signup', elements: [{ name: 'email', value: 'a@b.example', nodeName: 'INPUT', type: 'email' }, { name: 'note', value: null, nodeName: 'TEXTAREA' }] })],
  ['Site search', 'site_search 1-0-0: "blue mug"', (t) => t.trackSiteSearch({ terms: ['blue', 'mug'], filters: { inStock: true }, totalResults: 12, pageResults: 1 })],
  ['Transaction', 'e=tr and one e=ti per item (2 items)', (t) => t.trackEcommerceTransaction({ orderId: `o-${Date.now()}`, totalValue: 28.5, currency: 'EUR', items: [{ sku: 'SKU-1', price: 9.5, quantity: 2 }, { sku: 'SKU-2', price: 9.5, quantity: 1 }] })],
];

const counts = { tracked: 0, delivered: 0, failed: 0 };
const SECONDS = 60;
const series = { tracked: new Array(SECONDS).fill(0), delivered: new Array(SECONDS).fill(0), failed: new Array(SECONDS).fill(0) };
const bump = (what, n) => { counts[what] += n; series[what][SECONDS - 1] += n; };

function log(kind, text) {
  const li = document.createElement('li');
  li.className = kind;
  li.textContent = `${new Date().toLocaleTimeString()}  ${text}`;
  $('log').prepend(li);
  while ($('log').children.length > 300) $('log').lastChild.remove();
}

const requestLine = (r) => `${r.method} ${r.bytes.toLocaleString()} B, ${r.events.length} event${r.events.length === 1 ? '' : 's'}, attempt ${r.attempt}`;

let tracker;
let emitter;

/** A new emitter and tracker from the form's settings (the old ones are closed). */
async function setUp() {
  const form = new FormData($('emitter'));
  if (tracker) {
    for (const off of [auto.disableLinkClickTracking, auto.disableButtonClickTracking, auto.disableFormTracking, auto.disableErrorTracking]) off(tracker);
    await tracker.close();
  }
  emitter = new sp.Emitter(location.origin, {
    method: form.get('method'),
    bufferSize: Number(form.get('bufferSize')),
    byteLimit: Number(form.get('byteLimit')),
    maxRetryDelaySeconds: 4, // short, so the retry after a 503 shows up quickly
    onRequestSuccess: (r) => { bump('delivered', r.events.length); log('ok', `${requestLine(r)} → ${r.status}`); },
    onRequestFailure: (r) => {
      if (!r.willRetry) bump('failed', r.events.length);
      log(r.willRetry ? 'retry' : 'bad', `${requestLine(r)} → ${r.status || r.reason} (${r.reason}), ${r.willRetry ? 'will retry with backoff' : 'dropped'}`);
    },
    onFailure: (n, events, info) => {
      if (info.reason === 'capacity') { bump('failed', events.length); log('bad', `${events.length} event refused: buffer full`); }
    },
  });
  const seconds = Number(form.get('flushTimer'));
  if (seconds > 0) emitter.setFlushTimer(seconds);
  tracker = new sp.Tracker(emitter, { appId: 'demo', namespace: 'demo' });
  window.tracker = tracker;
  window.emitter = emitter;
  // Autotracking, in the "Autotrack" card only (its elements have the class `autotrack`).
  const only = { allowlist: ['autotrack'] };
  auto.enableLinkClickTracking(tracker, { options: only });
  auto.enableButtonClickTracking(tracker, { filter: only });
  auto.enableFormTracking(tracker, { options: { forms: only } });
  auto.enableErrorTracking(tracker);
  log('note', `emitter: ${form.get('method').toUpperCase()}, bufferSize ${form.get('bufferSize')}, byteLimit ${form.get('byteLimit')}${seconds > 0 ? `, flush every ${seconds} s` : ''}`);
}

for (const [label, what, run] of EVENTS) {
  const b = document.createElement('button');
  b.type = 'button';
  b.dataset.event = label;
  const note = document.createElement('span');
  note.className = 'what';
  note.textContent = what;
  b.append(label, note);
  b.addEventListener('click', () => {
    try {
      const ids = run(tracker);
      bump('tracked', Array.isArray(ids) ? ids.length : 1);
    } catch (e) {
      log('bad', `${label}: ${e.message}`);
    }
  });
  $('events').append(b);
}

$('emitter').addEventListener('submit', (e) => { e.preventDefault(); setUp(); });
$('auto-form').addEventListener('submit', (e) => e.preventDefault()); // tracked, then kept on the page
$('auto-error').addEventListener('click', () => {
  setTimeout(() => { throw new Error('an uncaught error from the demo'); }); // tracked by enableErrorTracking
});
$('flush').addEventListener('click', async () => {
  log('note', 'flush…');
  const r = await tracker.flush();
  log('note', `flushed: ${r.sent} sent, ${r.failed} failed, ${r.pending} pending`);
});
$('close').addEventListener('click', async () => {
  const r = await tracker.close();
  log('note', `closed: ${r.sent} sent, ${r.failed} failed, ${r.pending} pending; Apply makes a new emitter`);
});
$('collector').addEventListener('click', async (e) => {
  const button = e.currentTarget;
  const down = button.getAttribute('aria-pressed') !== 'true';
  await fetch(`/demo/collector?state=${down ? 'down' : 'up'}`, { method: 'POST' });
  button.setAttribute('aria-pressed', String(down));
  button.textContent = down ? 'Collector is down (503): click to bring it up' : 'Collector is up: click to take it down (503)';
  log('note', down ? 'collector down: it answers 503' : 'collector up');
});

function draw() {
  const canvas = $('chart');
  const g = canvas.getContext('2d');
  const { width, height } = canvas;
  g.clearRect(0, 0, width, height);
  const max = Math.max(4, ...series.tracked, ...series.delivered, ...series.failed);
  const colours = { tracked: '#6638b8', delivered: '#1a7f4b', failed: '#b3261e' };
  for (const [what, values] of Object.entries(series)) {
    g.strokeStyle = colours[what];
    g.lineWidth = 2;
    g.beginPath();
    values.forEach((v, i) => {
      const x = (i / (SECONDS - 1)) * (width - 4) + 2;
      const y = height - 4 - (v / max) * (height - 8);
      if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
    });
    g.stroke();
  }
}

setInterval(() => {
  for (const values of Object.values(series)) { values.shift(); values.push(0); }
  $('count-waiting').textContent = emitter ? emitter.bufferedCount : 0;
  draw();
}, 1000);
setInterval(() => { for (const k of Object.keys(counts)) $(`count-${k}`).textContent = counts[k]; }, 200);

await setUp();
status.textContent = `ready: the browser build (${Object.keys(sp).length} exports) sends to ${location.origin}`;
status.dataset.ready = 'yes';
