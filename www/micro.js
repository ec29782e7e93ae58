// The event inspector: good and bad events from the dev collector's Micro-like API, refreshed
// every 2 s; a click shows the event's entities, each valid or with the validator's reason, and
// the event decoded (base64 contexts and self-describing data as JSON) beside its raw fields.
const $ = (id) => document.getElementById(id);

/** A base64 (URL-safe or standard) field as JSON. */
function fromBase64(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

function decoded(event) {
  const out = { ...event };
  for (const [b64, plain, name] of [['cx', 'co', 'contexts'], ['ue_px', 'ue_pr', 'self-describing event']]) {
    try {
      if (event[b64] !== undefined) out[`${b64} (${name}, decoded)`] = fromBase64(event[b64]);
      else if (event[plain] !== undefined) out[`${plain} (${name}, parsed)`] = JSON.parse(event[plain]);
    } catch (e) {
      out[`${b64} (not decodable)`] = String(e.message);
    }
  }
  return out;
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function rows(tbody, entries, columns) {
  tbody.replaceChildren(...entries.slice().reverse().map((entry) => {
    const tr = document.createElement('tr');
    tr.className = 'pick';
    tr.append(...columns(entry));
    tr.addEventListener('click', () => {
      const { event, entities, ...rest } = entry;
      showEntities(entities ?? []);
      $('detail').textContent = JSON.stringify({ ...rest, event: decoded(event) }, null, 2);
    });
    return tr;
  }));
}

/** The event's entities (its self-describing event's, then each context's), each valid or why not. */
function showEntities(entities) {
  $('entities').replaceChildren(...entities.map((e) => {
    const tr = document.createElement('tr');
    const verdict = e.errors.length ? e.errors.join('\n') : e.unvalidated ? 'not validated (schema not here)' : 'valid';
    const data = document.createElement('pre');
    data.textContent = JSON.stringify(e.data, null, 2);
    const td = document.createElement('td');
    td.append(data);
    tr.append(cell(e.field), cell(e.schema ? short(e.schema) : '(no schema)'), cell(verdict, e.errors.length ? 'errors' : e.unvalidated ? '' : 'valid'), td);
    return tr;
  }));
}

/** `iglu:com.acme/link_click/jsonschema/1-0-1` → `link_click 1-0-1`. */
const short = (type) => type.replace(/^iglu:[^/]+\/([^/]+)\/jsonschema\/(.+)$/, '$1 $2');

async function refresh() {
  const [all, good, bad] = await Promise.all(['all', 'good', 'bad'].map((k) => fetch(`/micro/${k}`).then((r) => r.json())));
  $('totals').textContent = `${all.total} events: ${all.good} good, ${all.bad} bad`;
  const time = (e) => new Date(e.receivedAt).toLocaleTimeString();
  rows($('good'), good, (e) => [
    cell(time(e)),
    cell(short(e.eventType) + (e.unvalidated.length ? ` (unvalidated: ${e.unvalidated.map(short).join(', ')})` : '')),
    cell(e.event.eid),
    cell(e.method),
  ]);
  rows($('bad'), bad, (e) => [cell(time(e)), cell(short(e.eventType)), cell(e.errors.join('\n'), 'errors')]);
}

await refresh();
setInterval(refresh, 2000);
