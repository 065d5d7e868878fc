import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TaskSchema } from '../../shared/domain';
import { LABELS_SEPARATOR, parseAiOutput } from '../../shared/import';
import { csvLine, csvRows } from '../../shared/import/csv';
import { failed, ok, parserFor } from './import-harness';

const FILE = 'triage.csv';
const parse = parserFor(FILE, 'csv');

const schema = TaskSchema.parse({
  name: 'triage',
  fields: [
    { name: 'code', kind: 'label', options: ['J18.9 Pneumonia, unspecified organism', 'R51 Headache'] },
    { name: 'findings', kind: 'labels', options: ['fever', 'cough', 'chest pain'] },
    { name: 'level', kind: 'number', min: 1, max: 5 },
    { name: 'urgent', kind: 'boolean' },
    { name: 'plan', kind: 'text' },
  ],
  context: [{ name: 'note', kind: 'longtext' }],
});

describe('parseAiOutput, CSV', () => {
  it('reads RFC 4180 quoting: commas, doubled quotes and line breaks in cells', async () => {
    const text = ['id,input,output,model', '1,"Hello, world","Hallo, ""Welt""",m1', '2,"two', 'lines",x,', '3,plain,"a', '', 'b",m2', ''].join('\r\n');
    const r = ok(await parse(text));
    expect(r.schema.fields).toEqual([{ name: 'text', kind: 'longtext' }]);
    expect(r.schema.context).toEqual([{ name: 'text', kind: 'longtext' }]);
    expect(r.records).toEqual([
      { id: '1', seq: 0, context: { text: 'Hello, world' }, output: { text: 'Hallo, "Welt"' }, model: 'm1' },
      { id: '2', seq: 1, context: { text: 'two\nlines' }, output: { text: 'x' } },
      { id: '3', seq: 2, context: { text: 'plain' }, output: { text: 'a\n\nb' }, model: 'm2' },
    ]);
  });

  it('names the physical line where a record starts, after cells that span lines', async () => {
    const text = ['id,output', '1,"a', 'b', 'c"', '1,again'].join('\n');
    expect(failed(await parse(text))).toEqual([
      { file: FILE, line: 5, field: 'id', message: `${FILE} line 5: id "1" is already used on line 2 — every row needs its own id` },
    ]);
  });

  it('detects semicolon and tab delimiters and ignores a BOM', async () => {
    const semi = ok(await parse('\uFEFFid;output.plan;output.level\na;Admit, then review;2\n', schema));
    expect(semi.records[0]?.output).toMatchObject({ plan: 'Admit, then review', level: 2 });
    const tab = ok(await parse('id\toutput.plan\na\tRest; fluids\n', schema));
    expect(tab.records[0]?.output.plan).toBe('Rest; fluids');
  });

  it(`reads cells as the schema says: numbers, labels, labels joined with "${LABELS_SEPARATOR}", booleans; empty cells`, async () => {
    const text = [
      'id,input.note,output.code,output.findings,output.level,output.urgent,output.plan,confidence,confidence.code,rationale',
      'a,"Cough, fever.","J18.9 Pneumonia, unspecified organism",fever | cough|fever,2, Yes ,Admit,0.5,0.9,Consolidation',
      'b,,,,,,,,,',
      'c,x,R51 Headache,chest pain,5,0,Home,,,',
      'd,x,R51 Headache,,1.5e0,TRUE,x,,,',
    ].join('\n');
    const r = ok(await parse(text, schema));
    expect(r.records.map((x) => [x.output, x.confidence])).toEqual([
      [{ code: 'J18.9 Pneumonia, unspecified organism', findings: ['fever', 'cough'], level: 2, urgent: true, plan: 'Admit' }, { code: 0.9, findings: 0.5, level: 0.5, urgent: 0.5, plan: 0.5 }],
      [{ code: null, findings: [], level: null, urgent: null, plan: '' }, undefined],
      [{ code: 'R51 Headache', findings: ['chest pain'], level: 5, urgent: false, plan: 'Home' }, undefined],
      [{ code: 'R51 Headache', findings: [], level: 1.5, urgent: true, plan: 'x' }, undefined],
    ]);
    expect(r.records[0]?.rationale).toBe('Consolidation');
    expect(r.records[1]?.context).toEqual({ note: '' });
  });

  it('names line, column, value and what to write for cells the schema cannot read', async () => {
    const text = ['id,output.code,output.findings,output.level,output.urgent', 'a,J18.9,fever|sneeze,2,1', 'b,R51 Headache,,"2,5",maybe', 'c,,,7,'].join('\n');
    expect(failed(await parse(text, schema)).map((e) => [e.line, e.field, e.message])).toEqual([
      [
        2,
        'output.code',
        `${FILE} line 2: column "output.code": "J18.9" is not one of the options of "code" ("J18.9 Pneumonia, unspecified organism", "R51 Headache") — use one of them exactly, or add it to the options in the schema file`,
      ],
      [
        2,
        'output.findings',
        `${FILE} line 2: column "output.findings": "sneeze" is not one of the options of "findings" ("fever", "cough", "chest pain") — use one of them exactly, or add it to the options in the schema file`,
      ],
      [3, 'output.level', `${FILE} line 3: column "output.level": "2,5" is not a number — write digits, with a dot for decimals, such as 2.5`],
      [3, 'output.urgent', `${FILE} line 3: column "output.urgent": "maybe" is not a yes/no value — write true, false, yes, no, 1 or 0`],
      [4, 'output.level', `${FILE} line 4: column "output.level": 7 is above the maximum 5 of "level"`],
    ]);
  });

  it('reports an unclosed quote at the line where the cell starts', async () => {
    const text = ['id,output', 'a,fine', 'b,"never closed', 'c,more', 'd,rows'].join('\n');
    expect(failed(await parse(text))).toEqual([
      {
        file: FILE,
        line: 3,
        message: `${FILE} line 3: column 2 ("output"): a quoted cell starts here and is never closed — a cell that starts with " must end with ", and a " inside it is written ""`,
      },
    ]);
  });

  it('reports stray quotes and text after a closing quote', async () => {
    const text = ['id,output', 'a,5" screen', 'b,"quoted"tail', 'c,ok'].join('\n');
    expect(failed(await parse(text)).map((e) => e.message)).toEqual([
      `${FILE} line 2: column 2 ("output"): a " inside a cell that is not quoted — put the whole cell in quotes and write the " as ""`,
      `${FILE} line 3: column 2 ("output"): text follows the closing quote of a quoted cell — put the whole cell in quotes and write a " inside it as ""`,
    ]);
  });

  it('asks for an id column and an output column, naming the columns found', async () => {
    expect(failed(await parse('key,output\n1,x\n')).map((e) => e.message)).toEqual([
      `${FILE} line 1: no "id" column — the header row needs a column named "id" (found: "key", "output")`,
    ]);
    expect(failed(await parse('id,answer\n1,x\n')).map((e) => e.message)).toEqual([
      `${FILE} line 1: no output column — the header row needs "output" or "output.<field>" columns (found: "id", "answer")`,
    ]);
    expect(failed(await parse('id,output,output.text\n1,x,y\n')).map((e) => e.message)).toEqual([
      `${FILE} line 1: columns 2 ("output") and 3 ("output.text") are the same column — keep one`,
    ]);
  });

  it('refuses "__proto__" as a field name or meta key', async () => {
    expect(failed(await parse('id,output.__proto__,meta.__proto__\n1,x,y\n')).map((e) => e.message)).toEqual([
      `${FILE} line 1: column 2 ("output.__proto__"): "__proto__" cannot be a field name — rename the column`,
      `${FILE} line 1: column 3 ("meta.__proto__"): "__proto__" cannot be a meta key — rename the column`,
    ]);
  });

  it('reports rows with too many or too few cells', async () => {
    const text = ['id,output,model', '1,a,b,c', '2,a', '3,a,m'].join('\n');
    expect(failed(await parse(text)).map((e) => e.message)).toEqual([
      `${FILE} line 2: this row has 4 cells but the header has 3 columns — look for a comma inside a cell that is not in quotes`,
      `${FILE} line 3: this row has 2 cells but the header has 3 columns — give every column a cell, an empty one being nothing between two commas`,
    ]);
  });

  it('reports empty ids, bad confidence and unknown fields', async () => {
    const text = ['id,output.plan,output.dose,confidence', ' ,a,1,', 'b,a,1,85'].join('\n');
    expect(failed(await parse(text, schema)).map((e) => e.message)).toEqual([
      `${FILE} line 2: column "id": the id is empty — every row needs a unique id`,
      `${FILE} line 3: column "confidence": 85 is outside 0–1 — give a probability between 0 and 1 (write 0.85, not 85)`,
    ]);
    expect(failed(await parse('id,output.plan,output.dose\nb,a,1\n', schema)).map((e) => e.message)).toEqual([
      `${FILE} line 2: column "output.dose": the schema has no output field "dose" (its fields: "code", "findings", "level", "urgent", "plan") — remove it, or add it to the schema file`,
    ]);
  });

  it('warns once about columns it ignores', async () => {
    const r = ok(await parse('id,output,status,reviewer\n1,x,accepted,r1\n2,y,pending,r1\n'));
    expect(r.warnings.map((w) => w.message)).toEqual([`${FILE} line 1: columns "status", "reviewer" are not part of the import format and were ignored`]);
  });

  it('infers text and longtext only: a schema file makes a column a number, label or boolean', async () => {
    const r = ok(await parse('id,output.level,output.note,input.img\n1,2,"a\nb","data:image/png;base64,AA"\n'));
    expect(r.schema.fields).toEqual([
      { name: 'level', kind: 'text' },
      { name: 'note', kind: 'longtext' },
    ]);
    expect(r.schema.context).toEqual([{ name: 'img', kind: 'image' }]);
  });

  it('says a file with only a header has no rows', async () => {
    expect(failed(await parse('id,output\n'))[0]?.message).toBe(`${FILE}: the file has no rows below its header — add one row per item`);
    expect(failed(await parse(''))[0]?.message).toBe(`${FILE}: the file is empty — a CSV file needs a header row with "id" and "output" columns, then one row per item`);
  });

  it('is all or nothing', async () => {
    const text = ['id,output', ...Array.from({ length: 50 }, (_, i) => `${i},ok`), '50,"bad'].join('\n');
    expect(failed(await parse(text))).toHaveLength(1);
  });

  it('parses 100,000 rows, reporting progress', async () => {
    const text = `id,input.source,output.text,confidence\n${Array.from({ length: 100_000 }, (_, i) => `seg-${i},"Source, sentence ""${i}"".",Satz ${i}.,0.5`).join('\n')}`;
    const progress: number[] = [];
    const r = ok(await parseAiOutput(text, { fileName: 'big.csv', format: 'csv', onProgress: (done) => progress.push(done) }));
    expect(r.records).toHaveLength(100_000);
    expect(r.records[5]?.context.source).toBe('Source, sentence "5".');
    expect(progress.at(-1)).toBe(100_001);
  });
});

describe('CSV reading and writing', () => {
  const cell = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', ';', '\t', '"', '\n', 'é', '|') });

  it('reads back what it writes, with the starting line of every record', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const text = rows.map((r) => csvLine(r).replace(/\r\n$/, '\n')).join('');
        const read = [...csvRows(text, ',')];
        expect(read.map((r) => r.cells)).toEqual(rows);
        let line = 1;
        read.forEach((r, i) => {
          expect(r.line).toBe(line);
          line += csvLine(rows[i] as string[]).split('\n').length - 1;
        });
      }),
    );
  });
});
