import { describe, expect, it } from 'vitest';
import { runCheck, type QaFinding } from '../../shared/qa';

function punctuation(source: string, target: string, sourceLang: string | null, targetLang: string | null): QaFinding[] {
  return runCheck('punctuation', { source, target, sourceLang, targetLang });
}

const rules = (found: QaFinding[]) => found.map((f) => [f.rule, f.level, f.key]);

describe('QA: end punctuation', () => {
  it("passes the same end punctuation in each script's form", () => {
    expect(punctuation('File saved.', '文件已保存。', 'en', 'zh-CN')).toEqual([]);
    expect(punctuation('Delete the file?', 'هل تريد حذف الملف؟', 'en', 'ar')).toEqual([]);
    expect(punctuation('Delete the file?', 'למחוק את הקובץ?', 'en', 'he')).toEqual([]);
    expect(punctuation('Delete the file?', 'Διαγραφή του αρχείου;', 'en', 'el')).toEqual([]);
    expect(punctuation('Saved!', '保存しました！', 'en', 'ja')).toEqual([]);
    expect(punctuation('Name:', '名前：', 'en', 'ja')).toEqual([]);
    expect(punctuation('Loading...', 'Chargement…', 'en', 'fr')).toEqual([]);
    expect(punctuation('File saved.', 'फ़ाइल सहेजी गई।', 'en', 'hi')).toEqual([]);
    expect(punctuation('文件已保存。', 'File saved.', 'zh', 'en')).toEqual([]);
  });

  it('looks through white space, codes, quotes and brackets at the end', () => {
    expect(punctuation('Save changes? ', 'Enregistrer les modifications ? ', 'en', 'fr')).toEqual([]);
    expect(punctuation('Click ⟨1⟩here⟨/1⟩.', 'انقر ⟨1⟩هنا⟨/1⟩.', 'en', 'ar')).toEqual([]);
    expect(punctuation('He said "Stop!"', 'Il a dit « Stop ! »', 'en', 'fr')).toEqual([]);
    expect(punctuation('Say "hello."', 'Sagen Sie „Hallo“.', 'en', 'de')).toEqual([]);
    expect(punctuation('(optional)', '(facultatif)', 'en', 'fr')).toEqual([]);
  });

  it('warns about different end punctuation, suggesting the target language\'s form', () => {
    const target = 'هل تريد حذف الملف.';
    const found = punctuation('Delete the file?', target, 'en', 'ar');
    expect(rules(found)).toEqual([['punctuation.end', 'warning', '?|.']]);
    expect(found[0]?.message).toBe('The source ends with a question mark ("?"), the target with a full stop (".") — end it with "؟".');
    expect(found[0]?.target.map((s) => target.slice(s.start, s.end))).toEqual(['.']);
    expect(found[0]?.source).toEqual([{ start: 15, end: 16 }]);
  });

  it('warns about missing and added end punctuation', () => {
    const missing = punctuation('Delete %s?', '删除 %s', 'en', 'zh-CN');
    expect(missing.map((f) => f.message)).toEqual(['The source ends with a question mark ("?"), the target with no punctuation — end it with "？".']);
    expect(missing[0]?.target).toEqual([]);
    const added = punctuation('(see below)', '(voir ci-dessous).', 'en', 'fr');
    expect(added.map((f) => f.message)).toEqual(['The target ends with a full stop ("."), the source with no punctuation — remove it, unless the target language needs it there.']);
    expect(rules(punctuation('File saved.', 'Datei gespeichert!', 'en', 'de'))).toEqual([['punctuation.end', 'warning', '.|!']]);
  });

  it('accepts no full stop in Thai and Lao', () => {
    expect(punctuation('File saved.', 'บันทึกไฟล์แล้ว', 'en', 'th')).toEqual([]);
    expect(punctuation('บันทึกไฟล์แล้ว', 'File saved.', 'th', 'en')).toEqual([]);
    expect(rules(punctuation('Saved?', 'บันทึกแล้ว', 'en', 'th'))).toEqual([['punctuation.end', 'warning', '?|']]);
  });

  it('asks a Spanish question or exclamation for its opening mark', () => {
    expect(punctuation('Save changes?', '¿Guardar los cambios?', 'en', 'es')).toEqual([]);
    expect(punctuation('It is true, isn\'t it?', 'Es verdad, ¿no?', 'en', 'es')).toEqual([]);
    const found = punctuation('Save changes?', 'Guardar los cambios?', 'en', 'es');
    expect(rules(found)).toEqual([['punctuation.inverted', 'warning', '¿']]);
    expect(found[0]?.message).toBe('The target ends with "?" but has no "¿" — Spanish opens a question with "¿": add it where it begins.');
    expect(rules(punctuation('Done!', 'Hecho!', 'en', 'es'))).toEqual([['punctuation.inverted', 'warning', '¡']]);
    // A Spanish source's "¿" is not asked of another target.
    expect(punctuation('¿Guardar?', 'Save?', 'es', 'en')).toEqual([]);
  });
});
