// What web tracking costs per event in a page (headless Chromium, pkg/ as built): identity kept
// in cookies (the default), in localStorage, or nowhere. Prints microseconds per event.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../tests/support/chromium.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PAGE = `<!doctype html><title>p</title><script type="module">
const { Tracker, Emitter } = await import('/pkg/browser.js');
const custom = { input() {} };
const run = (opts) => { const t = new Tracker(custom, { cookieSecure: false, ...opts }); const n = 3000; const t0 = performance.now(); for (let i = 0; i < n; i++) t.trackStructEvent({ category: 'c', action: 'a' }); return ((performance.now() - t0) * 1000 / n).toFixed(1); };
run({}); run({ stateStorageStrategy: 'none' });
window.result = { cookies: run({}), localStorage: run({ stateStorageStrategy: 'localStorage' }), none: run({ stateStorageStrategy: 'none' }) };
</script>`;
const server = createServer(async (req, res) => {
  if (req.url === '/') { res.writeHead(200, { 'Content-Type': 'text/html' }); return res.end(PAGE); }
  try { const b = await readFile(ROOT + req.url.slice(1)); res.writeHead(200, { 'Content-Type': req.url.endsWith('.wasm') ? 'application/wasm' : 'text/javascript' }); res.end(b); } catch { res.writeHead(404); res.end(); }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${server.address().port}/`);
await page.waitForFunction(() => window.result);
const r = await page.evaluate(() => window.result);
console.log(`web tracking in headless Chromium, µs per trackStructEvent (custom emitter, 3,000 events): cookies ${r.cookies}, localStorage ${r.localStorage}, no storage ${r.none}`);
await browser.close(); server.close();
