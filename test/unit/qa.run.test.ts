import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LEVELS,
  QaCheckId,
  QaConfig,
  QaFinding,
  QaOverride,
  QaRule,
  QaSummary,
  overrideFinding,
  parseGlossary,
  qaSegmentOf,
  qaSummary,
  runCheck,
  runQa,
  unresolvedErrors,
  type QaSegment,
} from '../../shared/qa';
import { XliffItemMeta } from '../../shared/xliff';

/** An Arabic segment with something for most checks. */
const arabic: QaSegment = {
  source: 'Click ⟨1⟩Save⟨/1⟩ to keep 25 files?',
  target: 'انقر حفظ للاحتفاظ بـ 52  ملفًا.',
  sourceLang: 'en',
  targetLang: 'ar',
};

describe('running the QA checks', () => {
  it('runs every check, in check order, with each rule at its default level', () => {
    const found = runQa(arabic);
    expect(found.map((f) => [f.check, f.rule, f.level])).toEqual([
      ['codes', 'codes.missing', 'error'],
      ['codes', 'codes.missing', 'error'],
      ['numbers', 'numbers.missing', 'error'],
      ['double-spaces', 'double-spaces', 'warning'],
      ['punctuation', 'punctuation.end', 'warning'],
    ]);
    for (const f of found) expect(QaFinding.parse(f)).toEqual(f);
    expect(found.every((f) => f.level === DEFAULT_LEVELS[f.rule])).toBe(true);
  });

  it('has a default level, a check and a place in the docs for every rule', () => {
    expect(Object.keys(DEFAULT_LEVELS).sort()).toEqual([...QaRule.options].sort());
    for (const rule of QaRule.options) expect(QaCheckId.options).toContain(rule.split('.')[0]);
  });

  it('turns checks and rules off, and sets their levels', () => {
    const config = { checks: { codes: 'warning', 'double-spaces': 'off' }, rules: { 'numbers.missing': 'off', 'punctuation.end': 'error' } } as const;
    expect(runQa(arabic, { config }).map((f) => [f.rule, f.level])).toEqual([
      ['codes.missing', 'warning'],
      ['codes.missing', 'warning'],
      ['punctuation.end', 'error'],
    ]);
    // A rule's setting wins over its check's.
    expect(runQa(arabic, { config: { checks: { codes: 'off' }, rules: { 'codes.missing': 'warning' } } }).filter((f) => f.check === 'codes')).toHaveLength(2);
    expect(runQa(arabic, { config: { checks: { codes: 'error' }, rules: { 'codes.missing': 'off' } } }).filter((f) => f.check === 'codes')).toEqual([]);
  });

  it('refuses a configuration that names no check or level it knows', () => {
    expect(QaConfig.safeParse({ checks: { spelling: 'off' } }).success).toBe(false);
    expect(QaConfig.safeParse({ checks: { codes: 'fatal' } }).success).toBe(false);
    expect(QaConfig.parse({})).toEqual({ checks: {}, rules: {} });
    expect(() => runQa(arabic, { config: { rules: { 'codes.gone': 'off' } } as never })).toThrow();
  });

  it('reports an empty target once, not once per code, number and term it lacks', () => {
    const glossary = parseGlossary('file\tملف\n', 'terms.tsv');
    if (!glossary.ok) throw new Error('unreadable');
    const empty = { ...arabic, target: '', lengthLimit: { max: 40, min: 5, unit: 'codepoints', from: 'slr:sizeRestriction' } } as const;
    expect(runQa(empty, { glossary: glossary.glossary }).map((f) => f.rule)).toEqual(['empty']);
    expect(runCheck('numbers', empty)).toEqual([]);
    expect(runQa(empty, { config: { checks: { empty: 'off' } } })).toEqual([]);
  });

  it('runs one check alone, with the configured levels', () => {
    expect(runCheck('numbers', arabic).map((f) => [f.rule, f.level])).toEqual([['numbers.missing', 'error']]);
    expect(runCheck('numbers', arabic, { config: { checks: { numbers: 'warning' } } }).map((f) => f.level)).toEqual(['warning']);
    expect(runCheck('numbers', arabic, { config: { checks: { numbers: 'off' } } })).toEqual([]);
  });

  it('passes a good Chinese target with codes and placeholders', () => {
    expect(runQa({ source: 'Delete ⟨1⟩%d files⟨/1⟩ from {folder}?', target: '从 {folder} 删除⟨1⟩%d 个文件⟨/1⟩？', sourceLang: 'en', targetLang: 'zh-CN' })).toEqual([]);
  });
});

describe('summaries and overrides', () => {
  const found = runQa(arabic);

  it('counts errors and warnings, and names the checks that found something', () => {
    const summary = qaSummary(found);
    expect(summary).toEqual({ errors: 3, warnings: 2, overridden: 0, checks: ['codes', 'numbers', 'double-spaces', 'punctuation'] });
    expect(QaSummary.parse(summary)).toEqual(summary);
    expect(qaSummary([])).toEqual({ errors: 0, warnings: 0, overridden: 0, checks: [] });
  });

  it('lets a reviewer confirm despite an error, with a reason, which answers that error only', () => {
    const number = found.find((f) => f.rule === 'numbers.missing')!;
    const result = overrideFinding(number, ' The client changed the quantity to 52. ');
    expect(result).toEqual({
      ok: true,
      override: { rule: 'numbers.missing', key: '25', message: number.message, reason: 'The client changed the quantity to 52.' },
    });
    if (!result.ok) return;
    expect(QaOverride.parse(result.override)).toEqual(result.override);
    expect(unresolvedErrors(found, [result.override]).map((f) => f.key)).toEqual(['⟨1⟩', '⟨/1⟩']);
    expect(qaSummary(found, [result.override])).toEqual({ errors: 2, warnings: 2, overridden: 1, checks: ['codes', 'numbers', 'double-spaces', 'punctuation'] });
    // The override still answers its error after an unrelated edit.
    const edited = runQa({ ...arabic, target: `${arabic.target} ` });
    expect(unresolvedErrors(edited, [result.override]).map((f) => f.rule)).toEqual(['codes.missing', 'codes.missing']);
  });

  it('refuses an override without a reason, saying what to do', () => {
    expect(overrideFinding(found[0]!, '   ')).toEqual({ ok: false, message: 'an override needs a reason: say why the segment is right despite the error' });
    expect(QaOverride.safeParse({ rule: 'codes.missing', key: '⟨1⟩', message: 'x', reason: '' }).success).toBe(false);
  });

  it('blocks confirming on errors only', () => {
    const warnings = runQa({ source: 'Save', target: 'حفظ.', sourceLang: 'en', targetLang: 'ar' });
    expect(warnings.map((f) => f.level)).toEqual(['warning']);
    expect(unresolvedErrors(warnings)).toEqual([]);
  });
});

describe('the segment of an item', () => {
  const meta: XliffItemMeta = {
    version: '2.1',
    file: 'f',
    unit: 'u1',
    segment: null,
    line: 7,
    sourceLang: 'en',
    targetLang: 'ar',
    sourceDir: 'ltr',
    targetDir: 'rtl',
    space: 'default',
    output: { from: 'target', candidate: null, reason: 'the file has a target' },
    state: { state: 'translated', qualifier: null, status: 'pending' },
    lengthLimit: { max: 12, unit: 'codepoints', from: 'slr:sizeRestriction' },
    codes: [{ n: 1, element: 'pc', label: '[b]', roles: ['open', 'close'] }],
    candidates: [],
  };
  const item = { context: { source: 'Save ⟨1⟩all⟨/1⟩', notes: null }, output: { target: 'احفظ ⟨1⟩الكل⟨/1⟩' }, meta: { xliff: XliffItemMeta.parse(meta) } };

  it('takes source, target, languages, length limit and code labels from an XLIFF item', () => {
    expect(qaSegmentOf(item)).toEqual({
      source: 'Save ⟨1⟩all⟨/1⟩',
      target: 'احفظ ⟨1⟩الكل⟨/1⟩',
      sourceLang: 'en',
      targetLang: 'ar',
      lengthLimit: { max: 12, unit: 'codepoints', from: 'slr:sizeRestriction' },
      codeLabels: { 1: '[b]' },
    });
    expect(runQa(qaSegmentOf(item))).toEqual([]);
  });

  it('checks what the reviewer typed instead of the AI output', () => {
    const found = runQa(qaSegmentOf(item, 'احفظ جميع التغييرات الآن'));
    expect(found.map((f) => [f.rule, f.message])).toEqual([
      ['codes.missing', 'The inline code ⟨1⟩ ([b]) of the source is missing in the target — put it where it belongs in the translation.'],
      ['codes.missing', 'The inline code ⟨/1⟩ ([b]) of the source is missing in the target — put it where it belongs in the translation.'],
      ['length.max', 'The target has 24 characters; the file allows at most 12 (slr:sizeRestriction) — shorten it by 12.'],
    ]);
  });

  it('takes the source and target fields of an item of another kind', () => {
    expect(qaSegmentOf({ context: { source: 'Hello' }, output: { target: 'Hallo' } })).toEqual({ source: 'Hello', target: 'Hallo' });
    expect(qaSegmentOf({ context: {}, output: { target: 3 }, meta: { xliff: { version: '9' } } })).toEqual({ source: '', target: '' });
  });
});
