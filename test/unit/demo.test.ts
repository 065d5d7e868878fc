import { describe, expect, it } from 'vitest';
import { demoSources } from '../../renderer/demo';
import { parseAiOutput, parseSchemaFile } from '../../shared/import';

describe('demo sources', () => {
  it('there are the post-editing and the clinical demos', () => {
    expect(demoSources.map((d) => d.fileName)).toEqual(['post-editing-en-de.jsonl', 'clinical-triage.jsonl']);
  });

  it.each(demoSources)('$fileName parses with its schema, without errors or warnings', async ({ fileName, text, schemaText }) => {
    const schema = parseSchemaFile(schemaText, fileName.replace(/\.jsonl$/, '.schema.json'));
    if (!schema.ok) throw new Error(schema.errors.map((e) => e.message).join('\n'));
    const parsed = await parseAiOutput(text, { fileName, format: 'jsonl', schema: schema.schema });
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
    expect(parsed.warnings).toEqual([]);
    expect(parsed.records.length).toBeGreaterThanOrEqual(15);
    for (const r of parsed.records) {
      for (const f of schema.schema.fields) expect(r.output[f.name], `${r.id} ${f.name}`).not.toBeNull();
    }
  });

  it('the clinical demo uses every field kind, asks for a reason on override and says it is synthetic', () => {
    const source = demoSources.find((d) => d.fileName === 'clinical-triage.jsonl');
    const schema = parseSchemaFile(source?.schemaText ?? '', 'clinical-triage.schema.json');
    if (!schema.ok) throw new Error('invalid');
    expect(new Set(schema.schema.fields.map((f) => f.kind))).toEqual(new Set(['text', 'label', 'labels', 'number', 'boolean']));
    expect(schema.schema.requireReasonOnOverride).toBe(true);
    expect(schema.schema.reasonCodes.length).toBeGreaterThan(0);
    expect(schema.schema.instructions).toMatch(/^SYNTHETIC/);
    expect(source?.text.split('\n').filter(Boolean).every((l) => (JSON.parse(l) as { meta: { synthetic: boolean } }).meta.synthetic)).toBe(true);
  });

  it('the post-editing demo is MLQE-PE en-de dev, line for line', async () => {
    const { readFileSync } = await import('node:fs');
    const fixture = (name: string) => readFileSync(new URL(`../fixtures/mlqe-pe/en-de/${name}`, import.meta.url), 'utf8').split('\n');
    const [src, mt] = [fixture('dev.src'), fixture('dev.mt')];
    const source = demoSources.find((d) => d.fileName === 'post-editing-en-de.jsonl');
    for (const line of source?.text.split('\n').filter(Boolean) ?? []) {
      const r = JSON.parse(line) as { id: string; input: { source: string }; output: { text: string } };
      const n = Number(r.id.replace('mlqe-en-de-dev-', ''));
      expect(r.input.source).toBe(src[n - 1]);
      expect(r.output.text).toBe(mt[n - 1]);
    }
  });
});
