// trackButtonClick, trackFormFocus and trackError: the events autotracking sends, valid at the
// collector.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Tracker, Emitter } from 'snowplow-tracker-wasm';
import { startCollector } from '../support/collector.mjs';
import { decodeField, validateEvent } from '../support/schemas.mjs';

let collector;
before(async () => { collector = await startCollector(); });
after(() => collector.close());

const data = (ev) => decodeField(ev, 'ue_px', 'ue_pr').data;

test('button clicks, form focus and errors reach the collector valid, cut to the schema maxima', async () => {
  const t = new Tracker(new Emitter(collector.url), { appId: 'web-kinds' });
  t.trackButtonClick({ label: 'Buy now', id: 'buy', classes: ['btn', 'primary'], name: 'buy' });
  t.trackFormFocus({ formId: '', elementId: 'email', nodeName: 'INPUT', type: 'EMAIL', value: null, elementClasses: ['f'] });
  const error = new TypeError('x is not a function');
  t.trackError({ message: 'é'.repeat(3000), filename: 'https://shop.example/app.js', lineno: 12, colno: 4, error });
  t.trackError({ message: 'no stack', error: { stack: 's'.repeat(9000) } });
  await t.flush();
  const got = collector.events().filter((e) => e.aid === 'web-kinds');
  assert.equal(got.length, 4);
  for (const ev of got) assert.deepEqual(validateEvent(ev), []);
  const [button, focus, err, long] = got.map(data);
  assert.equal(button.schema, 'iglu:com.snowplowanalytics.snowplow/button_click/jsonschema/1-0-0');
  assert.deepEqual(button.data, { label: 'Buy now', id: 'buy', classes: ['btn', 'primary'], name: 'buy' });
  assert.deepEqual(focus.data, { formId: '', elementId: 'email', nodeName: 'INPUT', value: null, elementType: 'email', elementClasses: ['f'] });
  assert.equal(err.schema, 'iglu:com.snowplowanalytics.snowplow/application_error/jsonschema/1-0-1');
  assert.equal(err.data.programmingLanguage, 'JAVASCRIPT');
  assert.equal(err.data.message, 'é'.repeat(2048));
  assert.equal(err.data.stackTrace, error.stack, 'the Error object\'s stack');
  assert.deepEqual([err.data.lineNumber, err.data.lineColumn, err.data.fileName], [12, 4, 'https://shop.example/app.js']);
  assert.equal(long.data.stackTrace.length, 8192);
});

test('their bad input is a TypeError or RangeError naming the option', () => {
  const t = new Tracker({ input() {} });
  assert.throws(() => t.trackButtonClick({}), /trackButtonClick: label/);
  assert.throws(() => t.trackButtonClick({ label: '' }), /label/);
  assert.throws(() => t.trackFormFocus({ formId: 'f', elementId: 'e', nodeName: 'DIV' }), /nodeName/);
  assert.throws(() => t.trackError({ error: new Error('e') }), /trackError: message/);
  assert.throws(() => t.trackError({ message: 'm', lineno: -1 }), RangeError);
  assert.throws(() => t.trackError({ message: 'm', error: 42 }), /trackError: error/);
  const hostile = { get stack() { throw new Error('getter'); } };
  assert.throws(() => t.trackError({ message: 'm', error: hostile }), /getter/);
});
