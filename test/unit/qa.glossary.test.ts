import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Glossary, parseGlossary, runCheck, type QaFinding, type QaSegment } from '../../shared/qa';

const FIXTURES = join(process.cwd(), 'test/fixtures/qa');

function parse(name: string) {
  return parseGlossary(readFileSync(join(FIXTURES, name), 'utf8'), name);
}

function glossary(name: string): Glossary {
  const result = parse(name);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.glossary;
}

function terms(g: Glossary, source: string, target: string, more: Partial<QaSegment> = {}): QaFinding[] {
  return runCheck('terminology', { source, target, sourceLang: 'en', targetLang: 'de', ...more }, { glossary: g });
}

const rules = (found: QaFinding[]) => found.map((f) => [f.rule, f.level, f.key]);

describe('glossary files', () => {
  it("reads OmegaT's tab-separated format: comments, notes, statuses, terms forbidden everywhere", () => {
    const g = glossary('glossary-en-de.tsv');
    expect(Glossary.parse(g)).toEqual(g);
    expect(g.name).toBe('glossary-en-de.tsv');
    expect(g.entries.map((e) => [e.line, e.source, e.target, e.status, e.note])).toEqual([
      [2, 'file', 'Datei', 'preferred', 'the thing on disk'],
      [3, 'file', 'Akte', 'admitted', 'in legal texts'],
      [4, 'file manager', 'Dateimanager', 'preferred', ''],
      [5, 'file', 'File', 'forbidden', ''],
      [6, '', 'Kunde', 'forbidden', 'say Auftraggeber'],
      [7, 'save', 'speichern', 'preferred', ''],
    ]);
  });

  it('reads CSV with a header naming the columns in any order, quotes and CRLF', () => {
    const g = glossary('glossary-en-ar.csv');
    expect(g.entries.map((e) => [e.line, e.source, e.target, e.status, e.note])).toEqual([
      [2, 'save', 'حفظ', 'preferred', 'Say it politely, please'],
      [3, 'file', 'ملف', 'preferred', ''],
      [4, 'file', 'فايل', 'forbidden', 'do not use "فايل"'],
    ]);
  });

  it('tells tab-separated text from CSV by the name, else by the first line', () => {
    const tsv = parseGlossary('\uFEFFfile\tDatei, Akte\r\n', 'terms');
    expect(tsv.ok && tsv.glossary.entries.map((e) => [e.source, e.target])).toEqual([['file', 'Datei, Akte']]);
    const csv = parseGlossary('file;Datei\nsave;speichern\n', 'terms.csv');
    expect(csv.ok && csv.glossary.entries.map((e) => [e.source, e.target])).toEqual([
      ['file', 'Datei'],
      ['save', 'speichern'],
    ]);
    const semicolons = parseGlossary('file;Datei\nprint;\n', 'terms.csv');
    expect(semicolons.ok || semicolons.errors.map((e) => e.message)).toEqual(['terms.csv line 2: the target term is empty — write the translation after a semicolon, or delete the line.']);
    const header = parseGlossary('target,source\nDatei,\n', 'terms.csv');
    expect(header.ok || header.errors.map((e) => e.message)).toEqual([
      'terms.csv line 2: the source term is empty — write it in the source column, or give the status forbidden to forbid "Datei" in every target.',
    ]);
    // The same pair twice is one entry; case does not make another.
    const twice = parseGlossary('file\tDatei\nFile\tdatei\n', 'terms.tsv');
    expect(twice.ok && twice.glossary.entries).toHaveLength(1);
  });

  it('names the line of every mistake and what to do', () => {
    const result = parse('glossary-broken.tsv');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6]);
    expect(result.errors.map((e) => e.message)).toEqual([
      'glossary-broken.tsv line 2: has no tab — write the source term, a tab, then the target term (the file is read as tab-separated text).',
      'glossary-broken.tsv line 3: the target term is empty — write the translation after a tab, or delete the line.',
      'glossary-broken.tsv line 4: the source term is empty — write it first on the line, or give the status forbidden to forbid "Kunde" in every target.',
      'glossary-broken.tsv line 5: the status "forbiden" is not one Loupe knows — write preferred, admitted or forbidden (deprecated counts as forbidden), or leave it empty for preferred.',
      'glossary-broken.tsv line 6: has 5 cells, but a glossary line has at most 4 (source, target, note, status) — remove the extra ones, or name the columns in a first row.',
    ]);
  });

  it('names a CSV quote that is never closed, and header columns it does not read', () => {
    const quote = parse('glossary-broken-quote.csv');
    expect(quote.ok || quote.errors.map((e) => e.message)).toEqual([
      'glossary-broken-quote.csv line 2: column 2: a quoted cell starts here and is never closed — a cell that starts with " must end with ", and a " inside it is written ""',
    ]);
    const header = parseGlossary('source,target,Kommentar,target\nfile,Datei,,\n', 'terms.csv');
    expect(header.ok || header.errors.map((e) => e.message)).toEqual([
      'terms.csv line 1: the column "Kommentar" is not one Loupe reads — name it source, target, note or status, or remove it.',
      'terms.csv line 1: two columns are named target — keep one.',
    ]);
  });

  it('refuses a file without terms', () => {
    const empty = parseGlossary('# nothing yet\n\n', 'terms.tsv');
    expect(empty.ok || empty.errors).toEqual([{ line: null, message: 'terms.tsv: has no terms — write one term a line: the source term, a tab, then the target term.' }]);
  });
});

describe('QA: terminology', () => {
  const de = glossary('glossary-en-de.tsv');

  it('passes a target with a glossary translation of each term, in any case', () => {
    expect(terms(de, 'Save the File.', 'Speichern Sie die Datei.')).toEqual([]);
    // An admitted translation counts as much as the preferred one.
    expect(terms(de, 'Open the file', 'Öffnen Sie die Akte')).toEqual([]);
    // Whole words only: "profile" does not hold "file", "files" is not "file".
    expect(terms(de, 'Open your profile and the files', 'Öffnen Sie Ihr Profil und die Dokumente')).toEqual([]);
  });

  it('warns when a term is not translated as the glossary says, pointing at it in the source', () => {
    const source = 'Open the file now.';
    const found = terms(de, source, 'Öffnen Sie das Dokument jetzt.');
    expect(rules(found)).toEqual([['terminology.missing', 'warning', 'file']]);
    expect(found[0]?.message).toBe(
      'The source has "file", which the glossary translates as "Datei" (the thing on disk) or "Akte" (in legal texts) (glossary-en-de.tsv lines 2, 3) — use one of them in the target, or confirm that the word needed another form here.',
    );
    expect(found[0]?.source.map((s) => source.slice(s.start, s.end))).toEqual(['file']);
  });

  it('lets the longest term win where terms overlap', () => {
    expect(terms(de, 'Open the File Manager', 'Öffnen Sie den Dateimanager')).toEqual([]);
    expect(rules(terms(de, 'Open the file manager and the file', 'Öffnen Sie den Dateimanager und das Dokument'))).toEqual([['terminology.missing', 'warning', 'file']]);
    // Words of a term may be split by white space or an inline code.
    expect(rules(terms(de, 'Open the file ⟨1/⟩manager', 'Öffnen Sie den Explorer'))).toEqual([['terminology.missing', 'warning', 'file manager']]);
  });

  it('reports a forbidden translation as an error, and a term forbidden everywhere', () => {
    const target = 'Speichern Sie die File für den Kunden und den Kunde.';
    const found = terms(de, 'Save the file for the customer and the client.', target);
    expect(rules(found)).toEqual([
      ['terminology.missing', 'warning', 'file'],
      ['terminology.forbidden', 'error', '|kunde'],
      ['terminology.forbidden', 'error', 'file|file'],
    ]);
    expect(found[1]?.message).toBe('The target has "Kunde", which the glossary forbids (glossary-en-de.tsv line 6) — use another word (say Auftraggeber).');
    expect(found[2]?.message).toBe('The target has "File", which the glossary forbids as a translation of "file" (glossary-en-de.tsv line 5) — use "Datei" (the thing on disk) or "Akte" (in legal texts) instead.');
    expect(found[2]?.target.map((s) => target.slice(s.start, s.end))).toEqual(['File']);
  });

  it('checks right-to-left targets, with codes in both scripts and the prefixes Arabic and Hebrew write onto words', () => {
    const ar = glossary('glossary-en-ar.csv');
    // "بالملف" is "ب" + "ال" + "ملف": the term with a preposition and the article in front.
    expect(terms(ar, 'Click ⟨1⟩Save⟨/1⟩ to keep the file.', 'انقر ⟨1⟩حفظ⟨/1⟩ للاحتفاظ بالملف.', { targetLang: 'ar' })).toEqual([]);
    expect(terms(ar, 'Save the file', 'احفظ الوثيقة الآن', { targetLang: 'ar' }).map((f) => [f.rule, f.key])).toEqual([
      ['terminology.missing', 'save'],
      ['terminology.missing', 'file'],
    ]);
    const target = 'حفظ والفايل';
    const forbidden = terms(ar, 'Save file', target, { targetLang: 'ar' });
    expect(rules(forbidden)).toEqual([
      ['terminology.missing', 'warning', 'file'],
      ['terminology.forbidden', 'error', 'file|فايل'],
    ]);
    expect(forbidden[1]?.target.map((s) => target.slice(s.start, s.end))).toEqual(['والفايل']);
    const he = parseGlossary('file\tקובץ\nLoupe\tLoupe\n', 'en-he.tsv');
    if (!he.ok) throw new Error('unreadable');
    expect(terms(he.glossary, 'Open ⟨1⟩the file⟨/1⟩ in Loupe', 'פתחו ⟨1⟩את הקובץ⟨/1⟩ ב-Loupe', { targetLang: 'he' })).toEqual([]);
    // Only in front: a longer word that merely starts like the term is not it.
    expect(rules(terms(he.glossary, 'the file', 'הקובצים', { targetLang: 'he' }))).toEqual([['terminology.missing', 'warning', 'file']]);
  });

  it('finds terms anywhere in scripts without spaces between words', () => {
    const zh = parseGlossary('文件\tファイル\n保存\t保存する\n', 'zh-ja.tsv');
    if (!zh.ok) throw new Error('unreadable');
    expect(terms(zh.glossary, '文件已保存。', 'ファイルを保存する。', { sourceLang: 'zh', targetLang: 'ja' })).toEqual([]);
    expect(rules(terms(zh.glossary, '打开文件', '開く', { sourceLang: 'zh', targetLang: 'ja' }))).toEqual([['terminology.missing', 'warning', '文件']]);
    // A Latin term between Han characters is still a whole word.
    const mixed = parseGlossary('Loupe\tLoupe\n', 'names.tsv');
    if (!mixed.ok) throw new Error('unreadable');
    expect(terms(mixed.glossary, '使用Loupe审阅', '用Loupe审核', { sourceLang: 'zh', targetLang: 'zh-TW' })).toEqual([]);
  });

  it('does not look for terms inside placeholders, and finds nothing without a glossary', () => {
    expect(terms(de, 'Open {file}', 'Öffnen Sie {file}')).toEqual([]);
    expect(runCheck('terminology', { source: 'Open the file', target: 'Öffnen' })).toEqual([]);
  });
});
