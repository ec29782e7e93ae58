// Pages served over HTTPS on real-looking hosts (`*.example.test`, mapped to 127.0.0.1), with a
// self-signed certificate made here by openssl: a secure context, so the page and its workers
// have Web Locks (plain-http pages on such hosts have none). Contexts must be opened with
// `ignoreHTTPSErrors: true`; the collector stays on http://127.0.0.1 (loopback is allowed from
// secure pages).
import { createServer } from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };

/** A key and self-signed certificate for `*.example.test` (and `example.test`), made by openssl. */
function certificate() {
  const dir = mkdtempSync(join(tmpdir(), 'sp-cert-'));
  try {
    execFileSync('/usr/bin/openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=example.test',
      '-addext', 'subjectAltName=DNS:*.example.test,DNS:example.test,DNS:*.shop.example.test',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Answer with a fetch `Response` (a Worker's, from Miniflare's own fetch classes): its status,
 * headers (each `Set-Cookie` apart) and body. */
async function relay(response, res) {
  const headers = [...response.headers].filter(([k]) => k !== 'set-cookie' && k !== 'content-length' && k !== 'content-encoding');
  for (const c of response.headers.getSetCookie()) headers.push(['set-cookie', c]);
  res.writeHead(response.status, headers.flat());
  res.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * An HTTPS server on 127.0.0.1: `routes` maps a path to `[contentType, body]` (or a function of
 * the URL and the request answering one, or a fetch `Response` to relay); `/pkg/…` serves the built package and `/spjs.js` sp.js 4.10.1's UMD
 * bundle. Returns `{ url(host, path), args, close }`: `args` are the Chromium switches that map
 * the hosts to the loopback.
 */
export async function startHttps(routes = {}) {
  const server = createServer(certificate(), async (req, res) => {
    const url = new URL(req.url, 'https://x');
    const send = ([type, body]) => { res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }); res.end(body); };
    const route = routes[url.pathname];
    if (route) {
      try {
        const got = typeof route === 'function' ? await route(url, req) : route;
        return Array.isArray(got) ? send(got) : await relay(got, res);
      } catch (e) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        return res.end(String(e?.stack ?? e));
      }
    }
    try {
      if (url.pathname === '/spjs.js') return send(['text/javascript', await readFile(ROOT + 'node_modules/@snowplow/browser-tracker/dist/index.umd.min.js')]);
      if (!url.pathname.startsWith('/pkg/')) throw new Error('not found');
      const ext = url.pathname.slice(url.pathname.lastIndexOf('.'));
      send([TYPES[ext] || 'application/octet-stream', await readFile(ROOT + url.pathname.slice(1))]);
    } catch { res.writeHead(404); res.end(); }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const port = server.address().port;
  return {
    url: (host, path) => `https://${host}:${port}${path}`,
    args: ['--host-resolver-rules=MAP *.example.test 127.0.0.1'],
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}

/** Assert-ready check: `navigator.locks` in the page (Web Locks exist only in secure contexts). */
export const HAS_LOCKS = () => typeof navigator.locks?.request === 'function';
