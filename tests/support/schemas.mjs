// Validates what the tracker sends against the Iglu schemas in tests/schemas (draft-04 with
// format checks), the way a Snowplow pipeline would: the payload_data item, the contexts and
// unstruct_event envelopes, and every entity and event against its own schema. A schema that
// is not in tests/schemas makes the event invalid, as it would in a pipeline with no resolver
// for it.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const ROOT = fileURLToPath(new URL('../schemas/', import.meta.url));
const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
addFormats(ajv);
const compiled = new Map();

function validatorFor(uri) {
  if (compiled.has(uri)) return compiled.get(uri);
  const m = /^iglu:([^/]+)\/([^/]+)\/jsonschema\/(\d+-\d+-\d+)$/.exec(uri);
  const file = m && `${ROOT}${m[1]}/${m[2]}/jsonschema/${m[3]}`;
  const v = file && existsSync(file) ? ajv.compile({ ...JSON.parse(readFileSync(file, 'utf8')), $schema: undefined, id: undefined }) : null;
  compiled.set(uri, v);
  return v;
}

// Where a schema that is not in tests/schemas goes: an error (tests), or a list of
// unvalidated schemas (the dev collector, like Micro with a resolver that lacks them).
let unknownSchemas = null;

function check(uri, data, where, errors) {
  const v = validatorFor(uri);
  if (!v) {
    if (unknownSchemas && typeof uri === 'string' && /^iglu:/.test(uri)) return unknownSchemas.push(uri);
    return errors.push(`${where}: schema ${uri} not found`);
  }
  if (!v(data)) errors.push(`${where}: ${ajv.errorsText(v.errors)} (${uri})`);
}

function decodeJson(value, base64, where, errors) {
  try {
    const text = base64 ? Buffer.from(value, 'base64url').toString('utf8') : value;
    return JSON.parse(text);
  } catch (e) {
    errors.push(`${where}: not ${base64 ? 'base64 ' : ''}JSON: ${e.message}`);
    return undefined;
  }
}

/**
 * The entities of one event as sent, decoded (base64 or not) and each checked: the
 * self-describing event's, then each context's, as `{ field, schema, data, errors, unvalidated }`
 * (`unvalidated`: a schema we do not have). What is wrong with the envelopes goes to `envelope`.
 */
export function entitiesOf(event, envelope = []) {
  const list = [];
  const entity = (field, c) => {
    const errors = [];
    check(c && c.schema, c && c.data, field, errors);
    return { field, schema: c && c.schema, data: c && c.data, errors, unvalidated: !validatorFor(c && c.schema) };
  };
  for (const [b64, plain] of [['ue_px', 'ue_pr'], ['cx', 'co']]) {
    const key = event[b64] !== undefined ? b64 : plain;
    if (event[key] === undefined) continue;
    const env = decodeJson(event[key], key === b64, key, envelope);
    if (env === undefined) continue;
    if (typeof env !== 'object' || env === null) { envelope.push(`${key}: not an object`); continue; }
    check(env.schema, env.data, key, envelope);
    if (b64 === 'cx' && Array.isArray(env.data)) {
      if (env.schema !== 'iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1') envelope.push(`${key}: envelope is ${env.schema}`);
      env.data.forEach((c, i) => list.push(entity(`${key}[${i}]`, c)));
    } else if (b64 === 'ue_px' && env.data) {
      if (env.schema !== 'iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0') envelope.push(`${key}: envelope is ${env.schema}`);
      list.push(entity(`${key}.data`, env.data));
    }
  }
  return list;
}

/** Errors (empty when valid) of one event as sent: an object of protocol fields. */
export function validateEvent(event) {
  return checkEvent(event).errors;
}

/** One event's errors and its entities, each checked (see `entitiesOf`), in one pass. */
function checkEvent(event) {
  const errors = [];
  check('iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4', [event], 'payload', errors);
  const envelope = [];
  const entities = entitiesOf(event, envelope);
  errors.push(...envelope, ...entities.flatMap((e) => e.errors));
  if (event.e === 'ue' && event.ue_px === undefined && event.ue_pr === undefined) errors.push('ue event without ue_px/ue_pr');
  return { errors, entities };
}

/**
 * One event checked the dev collector's way: `errors` as `validateEvent` finds them, except
 * that an Iglu schema we do not have is listed in `unvalidated` instead of being an error; and
 * each entity decoded and checked (`entitiesOf`).
 */
export function inspectEvent(event) {
  unknownSchemas = [];
  try {
    const { errors, entities } = checkEvent(event);
    return { errors, unvalidated: unknownSchemas, entities };
  } finally {
    unknownSchemas = null;
  }
}

/** Errors of one POST body: the payload_data envelope, then each event. */
export function validatePostBody(body) {
  const errors = [];
  if (!body || body.schema !== 'iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4') {
    errors.push(`body schema is ${body && body.schema}`);
  }
  check('iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4', body && body.data, 'body', errors);
  return errors;
}

/** Decode a base64 or plain JSON field of an event (for assertions). */
export function decodeField(event, b64Key, plainKey) {
  if (event[b64Key] !== undefined) return JSON.parse(Buffer.from(event[b64Key], 'base64url').toString('utf8'));
  if (event[plainKey] !== undefined) return JSON.parse(event[plainKey]);
  return undefined;
}
