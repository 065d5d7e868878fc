import { describe, expect, it } from 'vitest';
import { runCheck, type QaFinding, type QaSegment } from '../../shared/qa';

function check(id: 'whitespace' | 'double-spaces', source: string, target: string, more: Partial<QaSegment> = {}): QaFinding[] {
  return runCheck(id, { source, target, ...more });
}

const marked = (text: string, f: QaFinding | undefined) => f?.target.map((s) => JSON.stringify(text.slice(s.start, s.end)));

describe('QA: leading and trailing white space', () => {
  it('passes a target that starts and ends as the source does', () => {
    expect(check('whitespace', ' Save changes? ', ' Änderungen speichern? ')).toEqual([]);
    expect(check('whitespace', 'Name:\n', 'الاسم:\n', { targetLang: 'ar' })).toEqual([]);
    // A code at the edge is content: "⟨1/⟩ Save" starts with a code, in the source and in the target.
    expect(check('whitespace', '⟨1/⟩ image and text', '⟨1/⟩ תמונה וטקסט', { targetLang: 'he' })).toEqual([]);
  });

  it('warns when the target lost or gained white space at either end, naming it', () => {
    const target = 'Guardar cambios? ';
    const found = check('whitespace', ' Save changes?', target, { targetLang: 'es' });
    expect(found.map((f) => [f.rule, f.level])).toEqual([
      ['whitespace.leading', 'warning'],
      ['whitespace.trailing', 'warning'],
    ]);
    expect(found[0]?.message).toBe('The source starts with a space, the target with no white space — start the target as the source does.');
    expect(found[0]?.source).toEqual([{ start: 0, end: 1 }]);
    expect(found[0]?.target).toEqual([]);
    expect(found[1]?.message).toBe('The source ends with no white space, the target with a space — end the target as the source does.');
    expect(marked(target, found[1])).toEqual(['" "']);
  });

  it('tells kinds of white space apart', () => {
    const found = check('whitespace', 'Total:\u00A0', 'المجموع:  \n', { targetLang: 'ar' });
    expect(found.map((f) => f.message)).toEqual(['The source ends with a no-break space, the target with 2 spaces and a line break — end the target as the source does.']);
    expect(check('whitespace', '\tIndented', '　字下げ', { targetLang: 'ja' }).map((f) => f.message)).toEqual([
      'The source starts with a tab, the target with an ideographic space — start the target as the source does.',
    ]);
  });
});

describe('QA: double spaces', () => {
  it('passes single spaces, and scripts without spaces', () => {
    expect(check('double-spaces', 'Save  changes', 'Änderungen speichern')).toEqual([]);
    expect(check('double-spaces', 'File saved.', '文件已保存。')).toEqual([]);
    // A code between two spaces separates them.
    expect(check('double-spaces', 'a ⟨1/⟩ b', 'א ⟨1/⟩ ב')).toEqual([]);
  });

  it('warns about runs of spaces inside the target, in one finding with each place', () => {
    const target = 'احفظ  التغييرات الآن\u00A0 رجاءً';
    const found = check('double-spaces', 'Save the changes now please', target, { targetLang: 'ar' });
    expect(found.map((f) => [f.rule, f.level, f.message])).toEqual([['double-spaces', 'warning', 'The target has two or more spaces in a row in 2 places — make each one space.']]);
    expect(marked(target, found[0])).toEqual(['"  "', '"\u00A0 "']);
    // Runs at the ends are the white-space check's.
    expect(check('double-spaces', 'Save', '  Speichern  ')).toEqual([]);
  });

  it('leaves the target alone where the source has runs of spaces itself (a layout)', () => {
    expect(check('double-spaces', 'Name:    Value', 'Name:    Wert')).toEqual([]);
  });
});
