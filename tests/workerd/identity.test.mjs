// Subject.fromRequest in real workerd (Miniflare): CF-Connecting-IP is Cloudflare's own there;
// a spoofable X-Forwarded-For is used only when named; sp.js's cookie on a .co.uk root domain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const rules = [{ type: 'ESModule', include: ['**/*.js', '**/*.mjs'] }, { type: 'CompiledWasm', include: ['**/*.wasm'] }];
const hash = (domain) => createHash('sha1').update(`${domain}/`).digest('hex').slice(0, 4);

test('in workerd: duid, sid and vid from sp.js\'s cookies, ip from CF-Connecting-IP, X-Forwarded-For only when named', async () => {
  const mf = new Miniflare({ modulesRoot: ROOT, modules: true, modulesRules: rules, scriptPath: `${ROOT}tests/workerd/identity/worker.mjs`, compatibilityDate: '2026-04-01', cf: false });
  try {
    const [duid, sid] = [randomUUID(), randomUUID()];
    const h = hash('example.co.uk');
    const headers = {
      cookie: `_sp_id.${h}=${duid}.1700000000.2.1700000100.1699990000.${sid}...1700000000123.3; _sp_ses.${h}=*`,
      'cf-connecting-ip': '203.0.113.7',
      'x-forwarded-for': '192.0.2.66',
      'user-agent': 'Mozilla/5.0 (workerd test)',
      'accept-language': 'de-CH,de;q=0.9',
    };
    const event = await (await mf.dispatchFetch('https://www.shop.example.co.uk/page', { headers })).json();
    assert.deepEqual([event.duid, event.sid, event.vid, event.ip, event.ua, event.lang], [duid, sid, '2', '203.0.113.7', 'Mozilla/5.0 (workerd test)', 'de-CH']);
    const named = await (await mf.dispatchFetch('https://www.shop.example.co.uk/page', { headers: { ...headers, 'x-test-ip-header': 'X-Forwarded-For' } })).json();
    assert.equal(named.ip, '192.0.2.66');
  } finally {
    await mf.dispose();
  }
});
