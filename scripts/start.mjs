// `npm start`: the dev collector on 127.0.0.1:$PORT (default 8080) serving the demo page and the
// event inspector, the scripted sample tracked into it once, then it keeps serving until Ctrl-C.
import { startDevCollector } from './dev-collector.mjs';
import { runSample } from '../examples/sample.mjs';

const port = Number(process.env.PORT || 8080);
const dev = await startDevCollector({ port });
console.log(`demo page:       ${dev.demoUrl}`);
console.log(`event inspector: ${dev.microUrl}   (JSON: ${dev.url}/micro/all, /micro/good, /micro/bad, /micro/reset)`);
const tracked = await runSample(dev.url);
const all = await (await fetch(`${dev.url}/micro/all`)).json();
console.log(`the sample tracked ${tracked} events: ${all.good} good, ${all.bad} bad in the inspector`);
console.log('serving until Ctrl-C');
process.on('SIGINT', async () => {
  await dev.close();
  process.exit(0);
});
