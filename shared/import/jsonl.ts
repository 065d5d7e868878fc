import type { Notices, Problems } from './errors';
import { PAUSE_EVERY, pause, type OnProgress } from './progress';
import { IdRegistry, isObject, readRationale, type RawRecord } from './raw';
import { describe, readConfidence } from './values';

const KEYS = new Set(['id', 'output', 'input', 'confidence', 'model', 'rationale', 'meta']);

function readConfidences(value: unknown, line: number, problems: Problems): RawRecord['confidence'] | null {
  if (!isObject(value)) {
    const read = readConfidence(value);
    if (read.ok) return read.value;
    problems.add(
      typeof value === 'number' ? `"confidence" ${read.problem}` : `"confidence" must be a number between 0 and 1, or an object of such numbers per output field, but it is ${describe(value)}`,
      line,
      'confidence',
    );
    return null;
  }
  const out: Record<string, number> = {};
  let good = true;
  for (const [field, v] of Object.entries(value)) {
    const read = readConfidence(v);
    if (read.ok) out[field] = read.value;
    else {
      problems.add(`confidence.${field}: ${read.problem}`, line, `confidence.${field}`);
      good = false;
    }
  }
  return good ? out : null;
}

/** One parsed line as a raw record, or null when it has problems (all of them reported). */
function readObject(obj: Record<string, unknown>, line: number, ids: IdRegistry, problems: Problems, notices: Notices): RawRecord | null {
  const before = problems.count;
  for (const key in obj) {
    if (!KEYS.has(key)) notices.add(`key:${key}`, `key ${JSON.stringify(key)} is not part of the format and was ignored — keep extra data under "meta"`, line, key);
  }

  const { id, output, input, confidence, model, rationale, meta } = obj;
  if (id === undefined || id === null) problems.add('"id" is missing — every line needs a unique string "id"', line, 'id');
  else if (typeof id !== 'string') problems.add(`"id" must be a string, but it is ${describe(id)} — write it in quotes, such as "id": "${String(id)}"`, line, 'id');
  else if (id === '') problems.add('"id" is empty — every line needs a unique string "id"', line, 'id');
  else ids.claim(id, line, problems, 'line');

  if (output === undefined || output === null) {
    problems.add('"output" is missing — every line needs the AI\'s output: a string, or an object of field values', line, 'output');
  } else if (!(typeof output === 'string' || isObject(output))) {
    problems.add(`"output" must be a string or an object of field values, but it is ${describe(output)}`, line, 'output');
  } else if (isObject(output) && Object.keys(output).length === 0) {
    problems.add('"output" is an empty object — give at least one field value', line, 'output');
  }

  if (!(input === undefined || input === null || typeof input === 'string' || isObject(input))) {
    problems.add(`"input" must be a string or an object of context fields, but it is ${describe(input)}`, line, 'input');
  }

  const conf = confidence === undefined || confidence === null ? undefined : readConfidences(confidence, line, problems);

  if (!(model === undefined || model === null || typeof model === 'string')) problems.add(`"model" must be text, but it is ${describe(model)}`, line, 'model');

  const why = rationale === undefined || rationale === null ? undefined : readRationale(rationale);
  if (why && !why.ok) problems.add(`"rationale" ${why.problem}`, line, 'rationale');

  if (!(meta === undefined || meta === null || isObject(meta))) problems.add(`"meta" must be an object, but it is ${describe(meta)}`, line, 'meta');

  if (problems.count > before) return null;
  const record: RawRecord = {
    line,
    id: id as string,
    output: typeof output === 'string' ? { text: output } : (output as Record<string, unknown>),
    input: typeof input === 'string' ? { text: input } : isObject(input) ? input : {},
    outputIsText: typeof output === 'string',
    inputIsText: typeof input === 'string',
  };
  if (conf !== undefined && conf !== null) record.confidence = conf;
  if (why?.ok) record.rationale = why.value;
  if (typeof model === 'string') record.model = model;
  if (isObject(meta)) record.meta = meta;
  return record;
}

/** The records of a JSONL text (BOM already removed): one JSON object a line, blank lines ignored. */
export async function readJsonl(text: string, problems: Problems, notices: Notices, onProgress?: OnProgress): Promise<RawRecord[]> {
  const lines = text.split('\n');
  const ids = new IdRegistry();
  const records: RawRecord[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (i > 0 && i % PAUSE_EVERY === 0) {
      onProgress?.(i, lines.length);
      await pause();
    }
    const source = (lines[i] as string).trim();
    if (source === '') continue;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (e) {
      problems.add(`this line is not valid JSON (${(e as Error).message}) — each line must be one complete JSON object`, line);
      continue;
    }
    if (!isObject(value)) {
      problems.add(`this line is ${describe(value)}, not a JSON object — each line must be one object such as {"id": "1", "output": "…"}`, line);
      continue;
    }
    const record = readObject(value, line, ids, problems, notices);
    if (record) records.push(record);
  }
  onProgress?.(lines.length, lines.length);
  return records;
}
