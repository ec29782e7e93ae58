// `npm run sample`: a local collector on 127.0.0.1:$PORT (default 8080), the scripted sample through
// the built package, then what the collector received and whether it validates.
import { startCollector } from '../tests/support/collector.mjs';
import { runSample } from '../examples/sample.mjs';

const port = Number(process.env.PORT || 8080);
const collector = await startCollector({ port });
console.log(`collector listening on ${collector.url} (GET /i, POST /com.snowplowanalytics.snowplow/tp2)`);
const tracked = await runSample(collector.url);
console.log(`sample tracked ${tracked} events\n`);

let valid = 0;
for (const r of collector.requests) {
  const bad = new Set(r.errors.map((e) => Number((/^event (\d+):/.exec(e) || [])[1])));
  r.events.forEach((e, i) => {
    const ok = !bad.has(i) && !r.errors.some((m) => !m.startsWith('event '));
    if (ok) valid++;
    const what = e.e === 'ue' ? 'ue ' + (e.ue_pr ? JSON.parse(e.ue_pr).data.schema : JSON.parse(Buffer.from(e.ue_px, 'base64url')).data.schema).split('/')[1] : e.e;
    console.log(`${r.method.padEnd(4)} ${ok ? 'valid  ' : 'INVALID'} ${what.padEnd(22)} eid=${e.eid} aid=${e.aid}`);
  });
  for (const m of r.errors) console.log(`       ${m}`);
}
const received = collector.events().length;
console.log(`\n${received} events received in ${collector.requests.length} requests, ${valid} valid`);
await collector.close();
process.exit(received === tracked && valid === received ? 0 : 1);
