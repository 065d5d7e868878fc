import { describe, expect, it } from 'vitest';
import { runCheck, type QaFinding, type QaSegment } from '../../shared/qa';

function placeholders(source: string, target: string, more: Partial<QaSegment> = {}): QaFinding[] {
  return runCheck('placeholders', { source, target, ...more });
}

const rules = (found: QaFinding[]) => found.map((f) => [f.rule, f.level, f.key]);

describe('QA: placeholders', () => {
  it('passes printf placeholders kept, also numbered to reorder them', () => {
    expect(placeholders('%s has %d files (%.2f%%)', '%s hat %d Dateien (%.2f %%)')).toEqual([]);
    expect(placeholders('%s of %d', '%2$d中的%1$s', { targetLang: 'zh' })).toEqual([]);
    expect(placeholders('Hello %@', 'مرحبًا %@', { targetLang: 'ar' })).toEqual([]);
    expect(placeholders('%1 of %2', '%2 מתוך %1', { targetLang: 'he' })).toEqual([]);
    // "50% discount" is prose, not the placeholder "% d".
    expect(placeholders('50% discount', '50 % Rabatt')).toEqual([]);
  });

  it('reports missing and extra printf placeholders as errors, where they are', () => {
    const source = ' Sentence with %d and %s.  ';
    const target = 'Phrase avec %% et %s. ';
    const found = placeholders(source, target);
    expect(rules(found)).toEqual([
      ['placeholders.missing', 'error', '%d'],
      ['placeholders.extra', 'error', '%%'],
    ]);
    expect(found[0]?.message).toBe('The placeholder %d of the source is missing in the target — copy it into the translation as it is.');
    expect(found[0]?.source.map((s) => source.slice(s.start, s.end))).toEqual(['%d']);
    expect(found[1]?.target.map((s) => target.slice(s.start, s.end))).toEqual(['%%']);
  });

  it('counts printf placeholders, each takes an argument', () => {
    const found = placeholders('%s and %s', '%s und');
    expect(rules(found)).toEqual([['placeholders.missing', 'error', '%s']]);
    expect(found[0]?.message).toBe('The source has %s 2 times, the target once — add the missing one.');
    expect(rules(placeholders('%s', '%s, %s'))).toEqual([['placeholders.extra', 'error', '%s']]);
    // A numbered placeholder may be used twice: it takes its argument once.
    expect(placeholders('%1$s', '%1$s (%1$s)')).toEqual([]);
    expect(placeholders('%1 files', '%1 個のファイル（%1）')).toEqual([]);
    expect(rules(placeholders('%1 of %2', '%1 von'))).toEqual([['placeholders.missing', 'error', '%2']]);
  });

  it('reports unnumbered placeholders in another order as one error, saying how to reorder', () => {
    const target = '%d von %s';
    const found = placeholders('%s of %d', target);
    expect(rules(found)).toEqual([['placeholders.order', 'error', '%d … %s']]);
    expect(found[0]?.message).toBe(
      "The target takes the printf placeholders in another order than the source (source %s … %d, target %d … %s) — the program fills them in order: keep the source's order, or number them to reorder (%2$d … %1$s).",
    );
    expect(found[0]?.target.map((s) => target.slice(s.start, s.end))).toEqual(['%d', '%s']);
  });

  it('compares {0}, {name} and {{name}} placeholders', () => {
    expect(placeholders('Hello {0}, you have {{ count }} messages', 'Hallo {0}, Sie haben {{count}} Nachrichten')).toEqual([]);
    const found = placeholders('Hello {name}, you have %d new messages.', 'こんにちは {nom}、新着メッセージが %d 件あります。', { targetLang: 'ja' });
    expect(rules(found)).toEqual([
      ['placeholders.missing', 'error', '{name}'],
      ['placeholders.extra', 'error', '{nom}'],
    ]);
    // A typed argument keeps its type.
    expect(rules(placeholders('{n, number} items', '{n} Artikel'))).toEqual([
      ['placeholders.missing', 'error', '{n, number}'],
      ['placeholders.extra', 'error', '{n}'],
    ]);
    expect(placeholders('Due {d, date, short}', 'Fällig am {d, date, long}')).toEqual([]);
  });

  it('compares ICU plural and select messages by their arguments, nested, not by their branches', () => {
    const source = '{gender, select, female {{name} invited you to {count, plural, one {# party} other {# parties}}} other {{name} invited you}}';
    const hebrew = '{gender, select, female {{name} הזמינה אותך ל{count, plural, one {מסיבה אחת} two {שתי מסיבות} other {# מסיבות}}} other {{name} הזמין אותך}}';
    expect(placeholders(source, hebrew, { sourceLang: 'en', targetLang: 'he' })).toEqual([]);
    const lost = '{gender, select, female {{name} הזמינה אותך למסיבה} other {{name} הזמין אותך}}';
    const found = placeholders(source, lost, { sourceLang: 'en', targetLang: 'he' });
    expect(rules(found)).toEqual([['placeholders.missing', 'error', '{count, plural}']]);
    expect(found[0]?.message).toBe('The placeholder {count, plural, …} of the source is missing in the target — copy it into the translation as it is.');
    // A branch's text is translated freely: a renamed argument inside a branch is still caught.
    expect(rules(placeholders('{n, plural, one {# file in {dir}} other {# files in {dir}}}', '{n, plural, one {# Datei in {Ordner}} other {# Dateien in {dir}}}'))).toEqual([
      ['placeholders.extra', 'error', '{Ordner}'],
    ]);
  });

  it("warns when a plural lacks forms the target language has, and accepts a language's few forms", () => {
    const source = 'You have {count, plural, one {# file} other {# files}}';
    const arabic = 'لديك {count, plural, one {ملف واحد} other {# ملفات}}';
    const found = placeholders(source, arabic, { sourceLang: 'en', targetLang: 'ar' });
    expect(rules(found)).toEqual([['placeholders.plural-forms', 'warning', '{count, plural}zero,two,few,many']]);
    expect(found[0]?.message).toBe(
      'Arabic has the plural forms zero, one, two, few, many, other; {count, plural, …} in the target lacks zero, two, few, many — add those branches, or "other" is used for them.',
    );
    expect(found[0]?.target.map((s) => arabic.slice(s.start, s.end))).toEqual([arabic.slice(arabic.indexOf('{'))]);
    const complete = 'لديك {count, plural, zero {لا ملفات} one {ملف واحد} two {ملفان} few {# ملفات} many {# ملفًا} other {# ملف}}';
    expect(placeholders(source, complete, { sourceLang: 'en', targetLang: 'ar' })).toEqual([]);
    expect(placeholders(source, '{count, plural, other {# 個のファイル}}があります', { sourceLang: 'en', targetLang: 'ja' })).toEqual([]);
    // Ordinals have forms of their own: English needs one, two, few, other.
    expect(rules(placeholders('{n, selectordinal, one {#st} other {#th}}', '{n, selectordinal, one {#st} other {#th}}', { targetLang: 'en' }))).toEqual([
      ['placeholders.plural-forms', 'warning', '{n, selectordinal}two,few'],
    ]);
  });

  it('reports a plural without "other" and braces that no longer pair up as errors', () => {
    expect(rules(placeholders('{n, plural, one {# file} other {# files}}', '{n, plural, one {# Datei} few {# Dateien}}'))).toEqual([
      ['placeholders.syntax', 'error', '{n, plural}other'],
    ]);
    const found = placeholders('{count, plural, one {# file} other {# files}} for %s', '{count, plural, one {# Datei} other {# Dateien} für %s', { targetLang: 'de' });
    // One error for the braces, not one per argument it hides; printf placeholders are still compared.
    expect(rules(found)).toEqual([['placeholders.syntax', 'error', 'braces']]);
    expect(found[0]?.message).toBe('The braces { } of the target do not pair up, as they do in the source — a placeholder or ICU message is broken: compare its braces with the source.');
    expect(rules(placeholders('{a} %s', '{a} {'))).toEqual([
      ['placeholders.syntax', 'error', 'braces'],
      ['placeholders.missing', 'error', '%s'],
    ]);
  });
});
