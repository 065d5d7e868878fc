import { describe, expect, it } from 'vitest';
import { runCheck, type QaFinding, type QaSegment } from '../../shared/qa';

function codes(source: string, target: string, more: Partial<QaSegment> = {}): QaFinding[] {
  return runCheck('codes', { source, target, ...more });
}

/** What a finding points at, as text: easier to read than offsets. */
function marked(text: string, spans: QaFinding['target']): string[] {
  return spans.map((s) => text.slice(s.start, s.end));
}

describe('QA: inline codes', () => {
  it('passes a target with every code of the source, in order, in any script', () => {
    expect(codes('Click ⟨1⟩here ⟨2⟩now⟨/2⟩⟨/1⟩ or ⟨3/⟩.', 'Cliquez ⟨1⟩ici ⟨2⟩maintenant⟨/2⟩⟨/1⟩ ou ⟨3/⟩.')).toEqual([]);
    expect(codes('You have ⟨1⟩25⟨/1⟩ new messages.', 'لديك ⟨1⟩٢٥⟨/1⟩ رسالة جديدة.')).toEqual([]);
    expect(codes('Welcome to ⟨1⟩Loupe⟨/1⟩.', 'ברוכים הבאים ל-⟨1⟩Loupe⟨/1⟩.')).toEqual([]);
    expect(codes('Second ⟨1/⟩ sentence.', '第二⟨1/⟩句。')).toEqual([]);
    // "⟨⟨" is a "⟨" of the text, and "⟨/1/⟩" is no placeholder: neither is a code.
    expect(codes('a ⟨⟨1⟩ b ⟨/1/⟩', 'a b')).toEqual([]);
  });

  it('reports each missing code as an error, with where it is in the source', () => {
    const source = 'Click ⟨1⟩Save⟨/1⟩ to keep it?';
    const target = 'انقر حفظ للاحتفاظ به؟';
    const found = codes(source, target, { codeLabels: { 1: '<b>' } });
    expect(found.map((f) => [f.rule, f.level, f.key])).toEqual([
      ['codes.missing', 'error', '⟨1⟩'],
      ['codes.missing', 'error', '⟨/1⟩'],
    ]);
    expect(found.map((f) => marked(source, f.source))).toEqual([['⟨1⟩'], ['⟨/1⟩']]);
    expect(found[0]?.target).toEqual([]);
    expect(found[0]?.message).toBe('The inline code ⟨1⟩ (<b>) of the source is missing in the target — put it where it belongs in the translation.');
    // One end of a pair is missing too: a Hebrew target that lost its closing code.
    expect(codes('Delete ⟨1⟩the file⟨/1⟩?', '⟨1⟩למחוק את הקובץ?').map((f) => [f.rule, f.key])).toEqual([['codes.missing', '⟨/1⟩']]);
  });

  it('reports codes the source does not have, and codes repeated, as errors', () => {
    const target = '⟨4/⟩ 文件⟨1/⟩⟨1/⟩已保存';
    const found = codes('File ⟨1/⟩ saved', target);
    expect(found.map((f) => [f.rule, f.level, f.key, marked(target, f.target)])).toEqual([
      ['codes.extra', 'error', '⟨1/⟩', ['⟨1/⟩']],
      ['codes.extra', 'error', '⟨4/⟩', ['⟨4/⟩']],
    ]);
    expect(found[0]?.message).toBe('The target has the inline code ⟨1/⟩ 2 times, the source once — remove the extra one.');
    expect(found[1]?.message).toBe('The inline code ⟨4/⟩ is not in the source — remove it from the target.');
    // The second ⟨1/⟩ is the extra one.
    expect(found[0]?.target[0]?.start).toBe(target.lastIndexOf('⟨1/⟩'));
  });

  it('reports a pair that closes before it opens as an error', () => {
    const target = '⟨/1⟩مودگش⟨1⟩ نص';
    const found = codes('⟨1⟩Bold⟨/1⟩ text', target);
    expect(found.map((f) => [f.rule, f.level, f.key, marked(target, f.target)])).toEqual([['codes.nesting', 'error', '⟨1⟩', ['⟨/1⟩', '⟨1⟩']]]);
    expect(found[0]?.message).toContain('⟨/1⟩ closes before ⟨1⟩ opens');
  });

  it('reports pairs that cross in the target as an error, unless they cross in the source', () => {
    const target = 'Cliquez ⟨1⟩ici ⟨2⟩maintenant⟨/1⟩⟨/2⟩';
    const found = codes('Click ⟨1⟩here ⟨2⟩now⟨/2⟩⟨/1⟩', target);
    expect(found.map((f) => [f.rule, f.level, f.key, marked(target, f.target)])).toEqual([['codes.nesting', 'error', '⟨1⟩⟨2⟩', ['⟨2⟩', '⟨/1⟩']]]);
    expect(found[0]?.message).toContain('overlap — one pair must lie wholly inside the other or wholly outside it');
    // XLIFF 2 sc/ec pairs may overlap; where the source's do, the target's may too.
    expect(codes('⟨1⟩a ⟨2⟩b⟨/1⟩ c⟨/2⟩', '⟨1⟩α ⟨2⟩β⟨/1⟩ γ⟨/2⟩')).toEqual([]);
  });

  it('warns when codes are in another order, pointing at the ones that moved, in both scripts', () => {
    const source = '⟨1⟩Bold⟨/1⟩ and ⟨2/⟩ image';
    const target = '⟨2/⟩ תמונה ו⟨1⟩מודגש⟨/1⟩';
    const found = codes(source, target);
    expect(found.map((f) => [f.rule, f.level, f.key, marked(target, f.target), marked(source, f.source)])).toEqual([['codes.order', 'warning', '⟨2/⟩', ['⟨2/⟩'], ['⟨2/⟩']]]);
    expect(found[0]?.message).toBe(
      "The inline codes are in another order than in the source (source ⟨1⟩⟨/1⟩⟨2/⟩, target ⟨2/⟩⟨1⟩⟨/1⟩) — fine when the translation's word order needs it; otherwise put ⟨2/⟩ back in the source's order.",
    );
    // Whole pairs swapped (Japanese word order): still in another order, still nested.
    const swapped = codes('⟨1⟩red⟨/1⟩ ⟨2⟩car⟨/2⟩', '⟨2⟩車⟨/2⟩の⟨1⟩赤⟨/1⟩');
    expect(swapped.map((f) => [f.rule, f.key])).toEqual([['codes.order', '⟨2⟩⟨/2⟩']]);
  });

  it('reports missing, extra and moved codes together', () => {
    const found = codes('⟨1/⟩ a ⟨2/⟩ b ⟨3/⟩', '⟨3/⟩ ب ⟨1/⟩ أ ⟨5/⟩');
    expect(found.map((f) => [f.rule, f.key])).toEqual([
      ['codes.missing', '⟨2/⟩'],
      ['codes.extra', '⟨5/⟩'],
      ['codes.order', '⟨3/⟩'],
    ]);
  });
});
