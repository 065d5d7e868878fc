import { describe, expect, it } from 'vitest';
import { runCheck, type QaFinding, type QaSegment } from '../../shared/qa';

function numbers(source: string, target: string, more: Partial<QaSegment> = {}): QaFinding[] {
  return runCheck('numbers', { source, target, ...more });
}

const rules = (found: QaFinding[]) => found.map((f) => [f.rule, f.level, f.key]);

describe('QA: numbers', () => {
  it('passes numbers written the way the target language writes them', () => {
    expect(numbers('Total: 1,000.5 EUR for 25 items.', 'Gesamt: 1.000,5 EUR für 25 Artikel.', { sourceLang: 'en', targetLang: 'de' })).toEqual([]);
    expect(numbers('Total: 1,000.5 EUR', 'Total : 1 000,5 EUR', { sourceLang: 'en', targetLang: 'fr' })).toEqual([]);
    expect(numbers('Total: 1,000.5 CHF', 'Total: 1’000.5 CHF', { sourceLang: 'en', targetLang: 'de-CH' })).toEqual([]);
    // Arabic-Indic digits with the Arabic separators, Persian digits, Devanagari digits grouped the Indian way.
    expect(numbers('Total: 1,000.5 points for 25 days.', 'الإجمالي: ١٬٠٠٠٫٥ نقطة خلال ٢٥ يومًا.', { sourceLang: 'en', targetLang: 'ar' })).toEqual([]);
    expect(numbers('25 files, 3.5 GB', '۲۵ فایل، ۳٫۵ گیگابایت', { sourceLang: 'en', targetLang: 'fa' })).toEqual([]);
    expect(numbers('Costs 1,00,000 rupees', 'कीमत १,००,००० रुपये', { sourceLang: 'en', targetLang: 'hi' })).toEqual([]);
    // Full-width digits, and numbers in another order.
    expect(numbers('Chapter 7, page 12', '第７章１２ページ', { sourceLang: 'en', targetLang: 'ja' })).toEqual([]);
    expect(numbers('from 5 to 10', 'מ-10 עד 5', { sourceLang: 'en', targetLang: 'he' })).toEqual([]);
  });

  it('compares values: leading zeros, trailing decimal zeros and signs do not count', () => {
    expect(numbers('on 03/05/2024 at 09:30', 'am 3.5.2024 um 9:30', { sourceLang: 'en', targetLang: 'de' })).toEqual([]);
    expect(numbers('1.50 and -4', '1,5 und −4', { sourceLang: 'en', targetLang: 'de' })).toEqual([]);
    // Runs that are no one number are several: versions, dates, times with a full stop.
    expect(numbers('Version 1.2.3 at 10:30', 'Version 1.2.3 um 10.30 Uhr', { sourceLang: 'en', targetLang: 'de' })).toEqual([]);
  });

  it('reads an ambiguous "1,000" both ways when the language is not known, and its way when it is', () => {
    expect(numbers('1,000 items', '1.000 Artikel')).toEqual([]);
    expect(numbers('1,000 items', '1,000 Artikel')).toEqual([]);
    const german = numbers('1,000 items', '1,000 Artikel', { sourceLang: 'en', targetLang: 'de' });
    expect(rules(german)).toEqual([['numbers.missing', 'error', '1000']]);
    expect(german[0]?.message).toBe("The target writes the source's number 1,000 as it is, but German does not read it as 1000 — write 1.000.");
    // A German source's "1.000" is a thousand; an English target writes it "1,000".
    expect(numbers('1.000 Artikel', '1,000 items', { sourceLang: 'de', targetLang: 'en' })).toEqual([]);
    expect(rules(numbers('3.5 GB', '3.5 ГБ', { sourceLang: 'en', targetLang: 'ru' }))).toEqual([['numbers.missing', 'error', '3.5']]);
  });

  it('reports a changed number as an error, pointing at both', () => {
    const source = 'Pay 25 EUR within 14 days.';
    const target = 'ادفع 52 يورو خلال 14 يومًا.';
    const found = numbers(source, target, { sourceLang: 'en', targetLang: 'ar' });
    expect(rules(found)).toEqual([['numbers.missing', 'error', '25']]);
    expect(found[0]?.message).toBe('The number 25 of the source is not in the target, which has 52 instead — correct it.');
    expect(found.map((f) => [f.source.map((s) => source.slice(s.start, s.end)), f.target.map((s) => target.slice(s.start, s.end))])).toEqual([[['25'], ['52']]]);
  });

  it('reports a missing number as an error and says how the target language writes it', () => {
    const found = numbers('Total: 1,000.5 EUR', 'Gesamt: EUR', { sourceLang: 'en', targetLang: 'de' });
    expect(rules(found)).toEqual([['numbers.missing', 'error', '1000.5']]);
    expect(found[0]?.message).toBe('The number 1,000.5 of the source is not in the target — correct it; German writes it 1.000,5.');
    // Numbers in words and Han numerals are not recognised: "七" is not 7.
    expect(rules(numbers('Chapter 7', '第七章', { sourceLang: 'en', targetLang: 'zh' }))).toEqual([['numbers.missing', 'error', '7']]);
  });

  it('warns about a number the source does not have', () => {
    const found = numbers('Save the file.', 'Speichern Sie die 2 Dateien.', { sourceLang: 'en', targetLang: 'de' });
    expect(rules(found)).toEqual([['numbers.extra', 'warning', '2']]);
    expect(found[0]?.message).toBe('The target has the number 2, which is not in the source — check it against the source.');
  });

  it('groups with an ordinary space only in languages that group with spaces', () => {
    expect(numbers('In 2019 300 people paid 1,000 EUR.', 'En 2019, 300 personnes ont payé 1 000 EUR.', { sourceLang: 'en', targetLang: 'fr' })).toEqual([]);
    const german = numbers('Pay 1,000 EUR.', 'Zahlen Sie 1 000 EUR.', { sourceLang: 'en', targetLang: 'de' });
    expect(rules(german)).toEqual([['numbers.missing', 'error', '1000']]);
    expect(german[0]?.message).toBe('The number 1,000 of the source is not in the target, which has 1 000 instead — correct it; German writes it 1.000.');
  });

  it('does not count the digits of placeholders and inline codes', () => {
    expect(numbers('%1$d of {0} ⟨1⟩files⟨/1⟩ {n, plural, =0 {none} other {#}}', '{0} 中的 %1$d 个⟨1⟩文件⟨/1⟩ {n, plural, other {#}}', { targetLang: 'zh' })).toEqual([]);
    expect(rules(numbers('Page 3', 'Seite ⟨3/⟩'))).toEqual([['numbers.missing', 'error', '3']]);
  });
});
