import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TaskSchema } from '../../shared/domain';
import { canonicalJson, parseSchemaFile, schemaId, sha256Hex, taskSchemaJsonSchema, type SchemaFileResult } from '../../shared/import';
import { jsonSchemaText } from '../../shared/batch-file';
import { JSON_SCHEMAS } from '../../scripts/gen-json-schemas';

const FILE = 'schema.json';
const messages = (r: SchemaFileResult) => {
  if (r.ok) throw new Error('expected errors');
  return r.errors.map((e) => e.message);
};
const good = {
  name: 'Triage',
  fields: [
    { name: 'code', label: 'Diagnosis', kind: 'label', options: ['A', 'B'] },
    { name: 'level', kind: 'number', min: 1, max: 5 },
  ],
  context: [{ name: 'note', kind: 'longtext', lang: 'en' }],
  reasonCodes: [{ code: 'wrong', label: 'Wrong code' }],
  requireReasonOnOverride: true,
};

describe('parseSchemaFile', () => {
  it('reads a schema file and applies the defaults', () => {
    const r = parseSchemaFile(`\uFEFF${JSON.stringify(good)}`, FILE);
    expect(r).toEqual({ ok: true, schema: good });
    const minimal = parseSchemaFile('{"name": "x", "fields": [{"name": "text", "kind": "longtext"}]}', FILE);
    expect(minimal).toEqual({ ok: true, schema: { name: 'x', fields: [{ name: 'text', kind: 'longtext' }], context: [], reasonCodes: [], requireReasonOnOverride: false } });
  });

  it('names the JSON path of each problem', () => {
    const bad = {
      name: '',
      fields: [{ name: 'a', kind: 'text' }, { name: 'b b', kind: 'text' }, { name: 'dx', kind: 'label' }, { name: 'n', kind: 'lable' }, { kind: 'text' }],
      context: 'note',
      reasonCodes: [{ code: 3, label: 'x' }],
    };
    expect(messages(parseSchemaFile(JSON.stringify(bad), FILE))).toEqual([
      `${FILE}: name: must not be empty`,
      `${FILE}: fields[1].name: a field name has no spaces and does not start with a dot`,
      `${FILE}: fields[2].options: field "dx" is a label field and needs a list of options`,
      `${FILE}: fields[3].kind: must be one of "text", "longtext", "label", "labels", "number", "boolean", not "lable"`,
      `${FILE}: fields[4].name: is missing`,
      `${FILE}: context: must be a list, but it is text ("note")`,
      `${FILE}: reasonCodes[0].code: must be text, but it is a number (3)`,
    ]);
  });

  it('refuses unknown keys, so that a misspelt safeguard is not silently off', () => {
    const r = parseSchemaFile(JSON.stringify({ ...good, requireReasonOnOveride: true, fields: [{ name: 'a', kind: 'text', lable: 'A' }] }), FILE);
    expect(messages(r)).toEqual([
      `${FILE}: requireReasonOnOveride: unknown key — the keys of a schema are name, fields, context, instructions, reasonCodes, requireReasonOnOverride, $schema`,
      `${FILE}: fields[0].lable: unknown key — the keys of an output field are name, label, kind, options, min, max, lang, dir`,
    ]);
  });

  it('refuses repeated options and codes, min above max, and labels options holding the CSV separator', () => {
    const r = parseSchemaFile(
      JSON.stringify({
        name: 'x',
        fields: [
          { name: 'a', kind: 'label', options: ['A', 'A'] },
          { name: 'n', kind: 'number', min: 5, max: 1 },
          { name: 'l', kind: 'labels', options: ['a|b'] },
        ],
        reasonCodes: [
          { code: 'c', label: 'C' },
          { code: 'c', label: 'D' },
        ],
      }),
      FILE,
    );
    expect(messages(r)).toEqual([
      `${FILE}: fields[0].options: "A" is listed twice — list each option once`,
      `${FILE}: fields[1]: "min" (5) is above "max" (1)`,
      `${FILE}: fields[2].options: "a|b" contains "|", which separates the labels of a labels field in CSV files — leave it out of the option`,
      `${FILE}: reasonCodes: the code "c" is listed twice — give each code once`,
    ]);
  });

  it('refuses "__proto__" as a field name', () => {
    const r = parseSchemaFile('{"name": "x", "fields": [{"name": "__proto__", "kind": "text"}], "context": [{"name": "__proto__", "kind": "text"}]}', FILE);
    expect(messages(r)).toEqual([
      `${FILE}: fields[0].name: "__proto__" cannot be a field name — choose another`,
      `${FILE}: context[0].name: "__proto__" cannot be a field name — choose another`,
    ]);
  });

  it('accepts "$schema", which points an editor at the JSON Schema', () => {
    expect(parseSchemaFile(JSON.stringify({ $schema: '../docs/schemas/task-schema.schema.json', ...good }), FILE)).toEqual({ ok: true, schema: good });
  });

  it('says what is wrong with a file that is not a JSON object', () => {
    expect(messages(parseSchemaFile('{"name": ', FILE))[0]).toMatch(/^schema\.json: not valid JSON \(.+\) — a schema file is one JSON object, see docs\/schema-format\.md$/);
    expect(messages(parseSchemaFile('[]', FILE))).toEqual([`${FILE}: a schema file is one JSON object with "name" and "fields", but this is a list — see docs/schema-format.md`]);
  });
});

describe('schemaId and sha256Hex', () => {
  it('computes SHA-256 of text as UTF-8 and of bytes', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex(new Uint8Array([0x61, 0x62, 0x63]))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('é')).toBe(await sha256Hex(new Uint8Array([0xc3, 0xa9])));
  });

  it('gives equal schemas the same id whatever their key order, and different schemas different ids', async () => {
    const a = TaskSchema.parse(good);
    const reversed = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reversed) : typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v;
    const b = reversed(a) as TaskSchema;
    expect(Object.keys(b)[0]).toBe('requireReasonOnOverride');
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: 3 } })).toBe('{"a":{"c":3,"d":[2,{"e":0,"f":1}]},"b":1}');
    expect(await schemaId(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(await schemaId(b)).toBe(await schemaId(a));
    expect(await schemaId({ ...a, name: 'Other' })).not.toBe(await schemaId(a));
  });
});

describe('docs/schemas', () => {
  it.each(JSON_SCHEMAS)('$file is what the zod schema generates (run `npm run gen:schemas`)', ({ file, schema }) => {
    const committed = readFileSync(new URL(`../../docs/schemas/${file}`, import.meta.url), 'utf8');
    expect(committed).toBe(jsonSchemaText(schema()));
  });

  it('closes every object to unknown keys and says that label fields need options', () => {
    const s = taskSchemaJsonSchema() as { additionalProperties: boolean; properties: { fields: { items: { additionalProperties: boolean; allOf: unknown[] } } } };
    expect(s.additionalProperties).toBe(false);
    expect(s.properties.fields.items.additionalProperties).toBe(false);
    expect(s.properties.fields.items.allOf).toHaveLength(2);
  });
});
