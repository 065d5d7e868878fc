import { describe, expect, it } from 'vitest';
import { TaskSchema } from '../../shared/domain';
import { parseAiOutput } from '../../shared/import';
import { failed, ok, parserFor } from './import-harness';

const FILE = 'contract.jsonl';
const jsonl = (...lines: unknown[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');
const parse = parserFor(FILE, 'jsonl');

const triage = TaskSchema.parse({
  name: 'triage',
  fields: [
    { name: 'code', kind: 'label', options: ['J18.9 Pneumonia, unspecified organism', 'J06.9 Acute upper respiratory infection, unspecified'] },
    { name: 'findings', kind: 'labels', options: ['fever', 'cough'] },
    { name: 'level', kind: 'number', min: 1, max: 5 },
    { name: 'urgent', kind: 'boolean' },
    { name: 'plan', kind: 'text' },
  ],
  context: [{ name: 'note', kind: 'longtext' }],
});

describe('parseAiOutput, JSONL', () => {
  it('reads string output and input as the fields "text", inferring the schema', async () => {
    const r = ok(await parse(jsonl({ id: 'a', input: 'Hello world', output: 'Hallo Welt', confidence: 0.9, model: 'nmt-1' }, { id: 'b', output: 'Tschüss' })));
    expect(r.schemaInferred).toBe(true);
    expect(r.format).toBe('jsonl');
    expect(r.schema).toEqual({
      name: 'contract',
      fields: [{ name: 'text', kind: 'longtext' }],
      context: [{ name: 'text', kind: 'longtext' }],
      reasonCodes: [],
      requireReasonOnOverride: false,
    });
    expect(r.records).toEqual([
      { id: 'a', seq: 0, context: { text: 'Hello world' }, output: { text: 'Hallo Welt' }, confidence: { text: 0.9 }, model: 'nmt-1' },
      { id: 'b', seq: 1, context: { text: null }, output: { text: 'Tschüss' } },
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('infers each kind of field from the values seen', async () => {
    const r = ok(
      await parse(
        jsonl(
          { id: '1', input: { photo: 'data:image/png;base64,AAAA', n: 3 }, output: { title: 'Short', body: 'x'.repeat(201), tags: ['b', 'a'], score: 0.5, ok: true, note: 'one\ntwo' } },
          { id: '2', input: { photo: null }, output: { title: 'Also short', body: 'y', tags: ['c'], score: 2, ok: false, note: 'z' }, rationale: { score: 'because' }, meta: { run: 7 } },
        ),
      ),
    );
    expect(r.schema.fields).toEqual([
      { name: 'title', kind: 'text' },
      { name: 'body', kind: 'longtext' },
      { name: 'tags', kind: 'labels', options: ['a', 'b', 'c'] },
      { name: 'score', kind: 'number' },
      { name: 'ok', kind: 'boolean' },
      { name: 'note', kind: 'longtext' },
    ]);
    expect(r.schema.context).toEqual([
      { name: 'photo', kind: 'image' },
      { name: 'n', kind: 'number' },
    ]);
    expect(r.records[1]).toMatchObject({ seq: 1, context: { photo: null, n: null }, rationale: { score: 'because' }, meta: { run: 7 } });
  });

  it('ignores a BOM, blank lines and CRLF endings; line numbers stay physical', async () => {
    const text = `\uFEFF${JSON.stringify({ id: 'a', output: 'x' })}\r\n\r\n   \r\n${JSON.stringify({ output: 'y' })}\r\n`;
    const errors = failed(await parse(text));
    expect(errors).toEqual([{ file: FILE, line: 4, field: 'id', message: `${FILE} line 4: "id" is missing — every line needs a unique string "id"` }]);
    const good = ok(await parse(`\uFEFF${JSON.stringify({ id: 'a', output: 'x' })}\r\n\r\n${JSON.stringify({ id: 'b', output: 'y' })}\r\n`));
    expect(good.records.map((x) => [x.id, x.output.text])).toEqual([
      ['a', 'x'],
      ['b', 'y'],
    ]);
  });

  it('reports a line that is not JSON with its number and the parser\'s complaint', async () => {
    const [error] = failed(await parse(jsonl({ id: 'a', output: 'x' }, '{"id": "b", "output": }')));
    expect(error).toMatchObject({ line: 2 });
    expect(error?.message).toMatch(/^contract\.jsonl line 2: this line is not valid JSON \(.+\) — each line must be one complete JSON object$/);
  });

  it('reports a line that is not an object', async () => {
    const errors = failed(await parse(jsonl('[1, 2]', '"text"')));
    expect(errors.map((e) => e.message)).toEqual([
      `${FILE} line 1: this line is a list, not a JSON object — each line must be one object such as {"id": "1", "output": "…"}`,
      `${FILE} line 2: this line is text ("text"), not a JSON object — each line must be one object such as {"id": "1", "output": "…"}`,
    ]);
  });

  it('asks for a string id, and names both lines of a duplicate', async () => {
    const errors = failed(await parse(jsonl({ id: 7, output: 'x' }, { id: 'a', output: 'x' }, { id: '', output: 'x' }, { id: 'a', output: 'y' })));
    expect(errors.map((e) => [e.line, e.field, e.message])).toEqual([
      [1, 'id', `${FILE} line 1: "id" must be a string, but it is a number (7) — write it in quotes, such as "id": "7"`],
      [3, 'id', `${FILE} line 3: "id" is empty — every line needs a unique string "id"`],
      [4, 'id', `${FILE} line 4: id "a" is already used on line 2 — every line needs its own id`],
    ]);
  });

  it('requires output as a string or a non-empty object', async () => {
    const errors = failed(await parse(jsonl({ id: 'a' }, { id: 'b', output: 3 }, { id: 'c', output: {} }, { id: 'd', output: 'x', input: 5 })));
    expect(errors.map((e) => e.message)).toEqual([
      `${FILE} line 1: "output" is missing — every line needs the AI's output: a string, or an object of field values`,
      `${FILE} line 2: "output" must be a string or an object of field values, but it is a number (3)`,
      `${FILE} line 3: "output" is an empty object — give at least one field value`,
      `${FILE} line 4: "input" must be a string or an object of context fields, but it is a number (5)`,
    ]);
  });

  it('checks confidence, model, rationale and meta', async () => {
    const errors = failed(
      await parse(
        jsonl(
          { id: 'a', output: 'x', confidence: 1.3 },
          { id: 'b', output: { t: 'x' }, confidence: { t: -0.1 } },
          { id: 'c', output: 'x', confidence: 'high' },
          { id: 'd', output: 'x', model: 3, rationale: [1], meta: 'm' },
        ),
      ),
    );
    expect(errors.map((e) => e.message)).toEqual([
      `${FILE} line 1: "confidence" 1.3 is outside 0–1 — give a probability between 0 and 1 (write 0.85, not 85)`,
      `${FILE} line 2: confidence.t: -0.1 is outside 0–1 — give a probability between 0 and 1 (write 0.85, not 85)`,
      `${FILE} line 3: "confidence" must be a number between 0 and 1, or an object of such numbers per output field, but it is text ("high")`,
      `${FILE} line 4: "model" must be text, but it is a number (3)`,
      `${FILE} line 4: "rationale" must be text, or an object of texts per output field, but it is a list`,
      `${FILE} line 4: "meta" must be an object, but it is text ("m")`,
    ]);
  });

  it('refuses per-field confidence for a field the output does not have', async () => {
    const errors = failed(await parse(jsonl({ id: 'a', output: { t: 'x' }, confidence: { u: 0.5 } })));
    expect(errors[0]?.message).toBe(`${FILE} line 1: confidence.u: the schema has no output field "u" (its fields: "t")`);
  });

  it('refuses a field that holds different kinds of value, pointing to a schema file', async () => {
    const errors = failed(await parse(jsonl({ id: 'a', output: { score: 1 } }, { id: 'b', output: { score: null } }, { id: 'c', output: { score: 'high' } })));
    expect(errors).toEqual([
      {
        file: FILE,
        line: 3,
        field: 'output.score',
        message: `${FILE} line 3: output.score holds text here but a number on line 1 — a field holds one kind of value: fix the lines, or give a schema file that says what the field is (see docs/schema-format.md)`,
      },
    ]);
  });

  it('refuses values no field kind can hold and names that cannot be field names', async () => {
    const errors = failed(await parse(jsonl({ id: 'a', output: { deep: { x: 1 }, 'two words': 'x' } })));
    expect(errors.map((e) => e.message)).toEqual([
      `${FILE} line 1: output.deep holds an object — a value is text, a number, true/false or a list of texts`,
      `${FILE} line 1: the output field name "two words" cannot be used: a field name has no spaces, does not start with a dot, has at most 200 characters and is not __proto__ — rename it`,
    ]);
  });

  it('refuses "__proto__" as a field name, which would hide a value from code that assigns by name', async () => {
    const errors = failed(await parse('{"id": "a", "output": {"__proto__": "x", "ok": "y"}}'));
    expect(errors.map((e) => e.field)).toEqual(['output.__proto__']);
  });

  it('warns once about keys that are not part of the format', async () => {
    const r = ok(await parse(jsonl({ id: 'a', output: 'x', extra: 1 }, { id: 'b', output: 'y', extra: 2 })));
    expect(r.warnings.map((w) => w.message)).toEqual([`${FILE} line 1: key "extra" is not part of the format and was ignored — keep extra data under "meta" (also on 1 more line)`]);
  });

  it('with a schema: reads every kind and gives missing output fields as null', async () => {
    const r = ok(
      await parse(
        jsonl(
          { id: 'a', input: { note: 'Cough.' }, output: { code: 'J18.9 Pneumonia, unspecified organism', findings: ['cough', 'cough', 'fever'], level: 2, urgent: true, plan: 'Admit' }, confidence: 0.8 },
          { id: 'b', output: { code: null } },
        ),
        triage,
      ),
    );
    expect(r.schemaInferred).toBe(false);
    expect(r.schema).toBe(triage);
    expect(r.records).toEqual([
      {
        id: 'a',
        seq: 0,
        context: { note: 'Cough.' },
        output: { code: 'J18.9 Pneumonia, unspecified organism', findings: ['cough', 'fever'], level: 2, urgent: true, plan: 'Admit' },
        confidence: { code: 0.8, findings: 0.8, level: 0.8, urgent: 0.8, plan: 0.8 },
      },
      { id: 'b', seq: 1, context: { note: null }, output: { code: null, findings: null, level: null, urgent: null, plan: null } },
    ]);
  });

  it('with a schema: names line, field, value and the allowed options of a label not among them', async () => {
    const errors = failed(await parse(jsonl({ id: 'a', output: { code: 'J18.9' } }), triage));
    expect(errors).toEqual([
      {
        file: FILE,
        line: 1,
        field: 'output.code',
        message: `${FILE} line 1: output.code: "J18.9" is not one of the options of "code" ("J18.9 Pneumonia, unspecified organism", "J06.9 Acute upper respiratory infection, unspecified") — use one of them exactly, or add it to the options in the schema file`,
      },
    ]);
  });

  it('with a schema: refuses unknown output fields, wrong types, out-of-range numbers and line breaks in one-line text', async () => {
    const errors = failed(
      await parse(
        jsonl(
          { id: 'a', output: { code2: 'x' } },
          { id: 'b', output: { level: '2', urgent: 'yes', findings: 'cough' } },
          { id: 'c', output: { level: 9, plan: 'a\nb' } },
          { id: 'd', output: 'just text' },
        ),
        triage,
      ),
    );
    expect(errors.map((e) => e.message)).toEqual([
      `${FILE} line 1: output.code2: the schema has no output field "code2" (its fields: "code", "findings", "level", "urgent", "plan") — remove it, or add it to the schema file`,
      `${FILE} line 2: output.findings: must be a list of labels such as ["a", "b"], but it is text ("cough")`,
      `${FILE} line 2: output.level: must be a number, but it is text ("2")`,
      `${FILE} line 2: output.urgent: must be true or false, but it is text ("yes")`,
      `${FILE} line 3: output.level: 9 is above the maximum 5 of "level"`,
      `${FILE} line 3: output.plan: has a line break, but "plan" is a one-line text field — make it "longtext" in the schema file`,
      `${FILE} line 4: output: a single output fills an output field named "text", but the schema has none (its fields: "code", "findings", "level", "urgent", "plan") — give "output" as an object of those fields`,
    ]);
  });

  it('with a schema: ignores context fields it does not name, with a warning', async () => {
    const r = ok(await parse(jsonl({ id: 'a', input: { note: 'n', docId: 'd1' }, output: { plan: 'p' } }, { id: 'b', input: { docId: 'd2' }, output: { plan: 'q' } }), triage));
    expect(r.records[0]?.context).toEqual({ note: 'n' });
    expect(r.warnings.map((w) => w.message)).toEqual([`${FILE} line 1: input.docId is not a context field of the schema (its context: "note") and was ignored (also on 1 more line)`]);
  });

  it('is all or nothing: one bad line among good ones gives no records', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => ({ id: `x${i}`, output: 'ok' }));
    const errors = failed(await parse(jsonl(...lines, { id: 'bad', output: 'x', confidence: 2 })));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.line).toBe(101);
  });

  it('reports the first 20 errors, then how many more', async () => {
    const errors = failed(await parse(jsonl(...Array.from({ length: 50 }, () => ({ output: 'x' })))));
    expect(errors).toHaveLength(21);
    expect(errors[19]?.line).toBe(20);
    expect(errors[20]).toEqual({ file: FILE, message: `${FILE}: … and 30 more` });
  });

  it('says an empty file holds no items', async () => {
    expect(failed(await parse('\n\n'))[0]?.message).toBe(`${FILE}: the file holds no items — write one JSON object a line, such as {"id": "1", "output": "…"}`);
  });

  // Speed is measured in `npm run bench`; this checks that the UI stays responsive while it parses.
  it('parses 100,000 lines, yielding and reporting progress on the way', async () => {
    const text = Array.from({ length: 100_000 }, (_, i) => JSON.stringify({ id: `seg-${i}`, input: { source: `Source sentence number ${i}.` }, output: { text: `Satz Nummer ${i}.` }, confidence: 0.5 })).join('\n');
    const progress: [number, number][] = [];
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 0);
    const r = ok(await parseAiOutput(text, { fileName: 'big.jsonl', format: 'jsonl', onProgress: (done, total) => progress.push([done, total]) }));
    clearInterval(timer);
    expect(r.records).toHaveLength(100_000);
    expect(r.records[99_999]?.seq).toBe(99_999);
    expect(ticks).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.at(-1)).toEqual([100_000, 100_000]);
    expect(progress.every(([done], i) => i === 0 || done >= (progress[i - 1] as [number, number])[0])).toBe(true);
  });
});
