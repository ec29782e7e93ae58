// CommonJS code's view of the package (index.d.cts, through the `require` condition): the same
// classes and option types as the ES module's.
import { Tracker, Emitter, type EmitterOptions, type FlushResult } from 'snowplow-tracker-wasm';

const options: EmitterOptions = { method: 'post', bufferSize: 1 };
const tracker = new Tracker(new Emitter('collector.example.com', options), { appId: 'cjs' });
const eid: string = tracker.trackPageView({ pageUrl: 'https://example.com/' });
const flushed: Promise<FlushResult | undefined> = tracker.flush();
void eid;
void flushed;
// @ts-expect-error an unknown option is an error for CommonJS code too
new Emitter('collector.example.com', { bufferSise: 1 });
