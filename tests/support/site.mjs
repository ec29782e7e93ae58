// A test site on 127.0.0.1 for headless Chromium: each page of `pages` (path → a function of
// the request's URL giving its HTML), and the package's files under /pkg/.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html', '.json': 'application/json' };

/** Serve `pages` and /pkg/; resolves to `{ base, close }`. */
export async function startSite(pages) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const page = pages[url.pathname];
    if (page) {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      return res.end(page(url));
    }
    if (!url.pathname.startsWith('/pkg/')) { res.writeHead(404); return res.end(); }
    try {
      const body = await readFile(ROOT + url.pathname.slice(1));
      res.writeHead(200, { 'Content-Type': TYPES[url.pathname.slice(url.pathname.lastIndexOf('.'))] || 'application/octet-stream' });
      res.end(body);
    } catch { res.writeHead(404); res.end(); }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}
