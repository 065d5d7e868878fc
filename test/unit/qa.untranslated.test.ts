import { describe, expect, it } from 'vitest';
import { runCheck, type QaFinding, type QaSegment } from '../../shared/qa';

function check(id: 'untranslated' | 'empty', source: string, target: string, more: Partial<QaSegment> = {}): QaFinding[] {
  return runCheck(id, { source, target, sourceLang: 'en', targetLang: 'ar', ...more });
}

describe('QA: untranslated', () => {
  it('warns when the target is the source, codes and white space aside', () => {
    const found = check('untranslated', 'Click ⟨1⟩Save⟨/1⟩ now', 'Click  Save now ', { targetLang: 'he' });
    expect(found.map((f) => [f.rule, f.level, f.message])).toEqual([
      ['untranslated', 'warning', 'The target is the source, unchanged — translate it, or confirm it if it stays as it is (a name, a product, a code).'],
    ]);
    expect(found[0]?.target).toEqual([{ start: 0, end: 16 }]);
    expect(check('untranslated', 'Loupe', 'Loupe', { targetLang: 'zh' })).toHaveLength(1);
  });

  it('passes a translation, and a change of case', () => {
    expect(check('untranslated', 'Save', 'حفظ')).toEqual([]);
    expect(check('untranslated', 'save', 'Save', { targetLang: 'de' })).toEqual([]);
  });

  it('says nothing where there is nothing to translate', () => {
    expect(check('untranslated', '25 %', '25 %')).toEqual([]);
    expect(check('untranslated', '⟨1/⟩ %s: {0}', '⟨1/⟩ %s: {0}')).toEqual([]);
    expect(check('untranslated', 'https://example.com/help', 'https://example.com/help')).toEqual([]);
    expect(check('untranslated', 'help@example.com — 2024', 'help@example.com — 2024')).toEqual([]);
  });

  it('says nothing between two variants of one language', () => {
    expect(check('untranslated', 'Open the file', 'Open the file', { sourceLang: 'en-US', targetLang: 'en-GB' })).toEqual([]);
  });
});

describe('QA: empty target', () => {
  it('reports an empty target as an error', () => {
    expect(check('empty', 'Goodbye.', '').map((f) => [f.rule, f.level, f.message, f.target])).toEqual([['empty', 'error', 'The target is empty — translate the source.', [{ start: 0, end: 0 }]]]);
  });

  it('reports a target of only white space or codes', () => {
    expect(check('empty', 'Goodbye.', '  ').map((f) => f.message)).toEqual(['The target has no text, only inline codes or white space — translate the source.']);
    expect(check('empty', '⟨1⟩Bold⟨/1⟩', '⟨1⟩⟨/1⟩').map((f) => f.target)).toEqual([[{ start: 0, end: 7 }]]);
  });

  it('passes any text, and an empty target of an empty source', () => {
    expect(check('empty', 'Goodbye.', 'وداعًا.')).toEqual([]);
    expect(check('empty', '⟨1/⟩', '')).toEqual([]);
    expect(check('empty', ' ', ' ')).toEqual([]);
  });
});
