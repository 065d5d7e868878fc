import { describe, expect, it } from 'vitest';
import { runCheck, type QaFinding } from '../../shared/qa';
import type { LengthLimit } from '../../shared/xliff';

function length(target: string, lengthLimit: LengthLimit): QaFinding[] {
  return runCheck('length', { source: 'Save', target, lengthLimit });
}

const characters = (max: number, min?: number): LengthLimit => ({ max, ...(min === undefined ? {} : { min }), unit: 'codepoints', from: 'slr:sizeRestriction' });
const bytes = (max: number, encoding: string): LengthLimit => ({ max, unit: 'bytes', encoding, from: 'slr:storageRestriction' });

describe('QA: length limits', () => {
  it('counts code points of the text: codes count nothing, "⟨⟨" is one character, emoji are one', () => {
    expect(length('⟨1⟩حفظ⟨/1⟩', characters(3))).toEqual([]);
    expect(length('a⟨⟨b', characters(3))).toEqual([]);
    expect(length('保存🙂', characters(3))).toEqual([]);
    // Counted in NFC, as the size-restriction profiles normalize: e and a combining acute are one.
    expect(length('Cafe\u0301', characters(4))).toEqual([]);
    expect(runCheck('length', { source: 'Save', target: 'Speichern' })).toEqual([]);
  });

  it('reports a target over the limit as an error and marks what does not fit', () => {
    const target = 'احفظ ⟨1/⟩جميع التغييرات';
    const found = length(target, characters(10));
    expect(found.map((f) => [f.rule, f.level, f.key, f.message])).toEqual([
      ['length.max', 'error', 'max', 'The target has 19 characters; the file allows at most 10 (slr:sizeRestriction) — shorten it by 9.'],
    ]);
    expect(found[0]?.target.map((s) => target.slice(s.start, s.end))).toEqual(['التغييرات']);
  });

  it('counts bytes in the limit\'s encoding', () => {
    // Arabic letters take 2 bytes in UTF-8, a space 1: "حفظ الملف" is 17 bytes.
    expect(length('حفظ الملف', bytes(17, 'UTF-8'))).toEqual([]);
    expect(length('حفظ الملف', bytes(16, 'UTF-8')).map((f) => f.message)).toEqual([
      'The target has 17 bytes in UTF-8; the file allows at most 16 (slr:storageRestriction) — shorten it by 1.',
    ]);
    expect(length('保存', bytes(6, 'utf-8'))).toEqual([]);
    expect(length('保存🙂', bytes(8, 'UTF-16'))).toEqual([]);
    expect(length('保存🙂', bytes(7, 'UTF-16LE')).map((f) => f.rule)).toEqual(['length.max']);
    expect(length('abc', bytes(12, 'UTF-32'))).toEqual([]);
    expect(length('Größe', bytes(5, 'ISO-8859-1'))).toEqual([]);
    expect(length('Größe', bytes(5, 'windows-1252'))).toEqual([]);
  });

  it('warns that it cannot count an encoding it does not know', () => {
    const found = length('保存', { max: 20, unit: 'bytes', encoding: 'Shift_JIS', from: 'its:storageSize' });
    expect(found.map((f) => [f.rule, f.level, f.message])).toEqual([
      ['length.encoding', 'warning', 'The file limits the target to 20 bytes in Shift_JIS (its:storageSize), an encoding Loupe cannot count — check the length in the tool that made the file.'],
    ]);
  });

  it('warns about a target under the minimum', () => {
    expect(length('OK', characters(30, 5)).map((f) => [f.rule, f.level, f.message])).toEqual([
      ['length.min', 'warning', 'The target has 2 characters; the file asks for at least 5 (slr:sizeRestriction) — lengthen it by 3, if the text allows.'],
    ]);
    expect(length('Hello', characters(30, 5))).toEqual([]);
  });
});
