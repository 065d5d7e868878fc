// The review screen on segments of XLIFF files (test/fixtures/xliff, read with readXliff and xliffBatch as the
// import does): inline codes that typing cannot break, the CAT-tool shortcuts, the file's matches, notes, state
// and length limit, and right-to-left and complex scripts.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LoupeDatabase } from '../../renderer/storage';
import { readXliff, xliffBatch } from '../../shared/xliff';
import { initReviewI18n, storeReviewBatch } from './review-harness';
import { mountReviewScreen } from './review-screen-harness';

beforeAll(initReviewI18n);

const REVIEWER = { id: 'translator-1', name: 'Tove' };
const BATCH = 'xliff-1';

function fixture(name: string) {
  const read = readXliff(new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/xliff', name))), name);
  if (!read.ok) throw new Error(read.error.message);
  return xliffBatch(read.document);
}

const CRLF = 'loupe-xliff12-utf16le-crlf.xlf';
const ARABIC = 'loupe-xliff21-utf16be-arabic.xlf';
const MIXED = 'loupe-xliff12-rtl-cjk.xlf';
/** Ids of the fixtures' segments. */
const ID = {
  greeting: 'ui%2Fstrings.properties/greeting/#1',
  save: 'ui%2Fstrings.properties/save/#1',
  spaces: 'ui%2Fstrings.properties/spaces/#1',
  tags: 'ui%2Fstrings.properties/tags/#1',
  arabicMatch: 'f1/u1/s1',
  arabicCode: 'f1/u2/s1',
  hebrew: 'docs%2Fa%231%25.md/1/#1',
  chineseCode: 'ui%2Fzh/p1/2',
  chineseNested: 'ui%2Fzh/p2/#1',
  sinhala: 'si/s1/#1',
};

async function openXliff(file: string, itemId: string) {
  const { schema: fileSchema, items } = fixture(file);
  const { db, schema, batch, entries } = await storeReviewBatch(fileSchema, items, { batchId: BATCH, name: file, schemaId: `schema-${file}`, fileName: file });
  const { platform, ...view } = mountReviewScreen({ db, batch, schema, entries, reviewer: REVIEWER, itemId, followStatus: true });
  await waitFor(() => expect(document.activeElement).toBe(correction()));
  return { db, platform, user: userEvent.setup(), ...view };
}

const correction = () => screen.getByRole('textbox', { name: 'Correction' }) as HTMLTextAreaElement;
const button = (name: string) => screen.getByRole('button', { name });
const position = () => document.querySelector('.loupe-review__position')?.textContent;
const draftOf = (db: LoupeDatabase, itemId: string) => db.drafts.get([BATCH, itemId, REVIEWER.id]);
const changes = () => screen.getByRole('group', { name: 'Changes from the AI output' });
const announced = async (text: string) => waitFor(() => expect(document.querySelector('.loupe-review > [role="status"]')?.textContent).toBe(text));

/** Puts the caret (or a selection) in the correction, where the reviewer's click or keys would. */
const place = (start: number, end = start) => act(() => correction().setSelectionRange(start, end));
const at = (needle: string, offset = 0) => correction().value.indexOf(needle) + offset;

describe('inline codes in the correction', () => {
  it('are shown as labelled tokens, as text, in the source, the AI output and the changes', async () => {
    const { user } = await openXliff(CRLF, ID.tags);
    const context = screen.getByRole('region', { name: 'Context' });
    const output = document.querySelector('.loupe-ai__text') as HTMLElement;
    for (const where of [context, output]) {
      expect(within(where).getAllByRole('img', { name: 'code 1 opens: bold' })).toHaveLength(1);
      expect(within(where).getByRole('img', { name: 'code 2 closes: italic' }).textContent).toBe('⟨/2⟩');
      expect(within(where).getByRole('img', { name: 'code 3 opens: bx' }).getAttribute('title')).toBe('code 3 opens: bx');
    }
    // The tokens are the placeholders themselves: the paragraph reads as the text the editor holds.
    expect(output.textContent).toBe(correction().value);
    expect(output.querySelector('b, g, bx')).toBeNull();

    place(at('⟨3⟩'));
    await user.keyboard('{Delete}');
    await waitFor(() => expect(within(changes()).getByRole('deletion').textContent).toContain('⟨3⟩'));
    expect(within(within(changes()).getByRole('deletion')).getByRole('img', { name: 'code 3 opens: bx' })).toBeTruthy();
  });

  it('take typing beside them, never inside: the caret goes to the nearer edge', async () => {
    const { db, user } = await openXliff(CRLF, ID.tags);
    const code = at('⟨1⟩');
    place(code + 1); // between "⟨" and "1": the start is nearer
    await user.keyboard('X');
    expect(correction().value).toContain('Sie X⟨1⟩hier');
    place(at('⟨1⟩', 2)); // between "1" and "⟩": the end is nearer
    await user.keyboard('Y');
    expect(correction().value).toContain('X⟨1⟩Yhier');
    await waitFor(async () => expect((await draftOf(db, ID.tags))?.values.target).toContain('X⟨1⟩Yhier'));
  });

  it('move the caret across themselves, and keep a typed "⟨" a character', async () => {
    const { user } = await openXliff(CRLF, ID.tags);
    const code = at('⟨2⟩');
    place(code);
    await user.keyboard('{ArrowRight}');
    await waitFor(() => expect(correction().selectionStart).toBe(code + 3));
    await user.keyboard('{ArrowLeft}');
    await waitFor(() => expect(correction().selectionStart).toBe(code));
    await user.keyboard('⟨');
    // Written as the escape the file format needs, shown as the one character it is.
    expect(correction().value).toContain('hier ⟨⟨⟨2⟩jetzt');
    await waitFor(() => expect(within(changes()).getByRole('insertion').textContent).toMatch(/^\[inserted: ⟨\]$/u));
  });

  it('go whole with Backspace or Delete next to them, and only they', async () => {
    const { user } = await openXliff(CRLF, ID.tags);
    place(at('⟨/2⟩', 4));
    await user.keyboard('{Backspace}');
    expect(correction().value).toBe('Klicken Sie ⟨1⟩hier ⟨2⟩jetzt⟨/1⟩ oder ⟨3⟩später⟨/3⟩.');
    place(at('⟨3⟩'));
    await user.keyboard('{Delete}');
    expect(correction().value).toBe('Klicken Sie ⟨1⟩hier ⟨2⟩jetzt⟨/1⟩ oder später⟨/3⟩.');
    // After plain text, Backspace is Backspace, even with a code right after the caret.
    place(at('später', 6));
    await user.keyboard('{Backspace}');
    expect(correction().value).toBe('Klicken Sie ⟨1⟩hier ⟨2⟩jetzt⟨/1⟩ oder späte⟨/3⟩.');
  });

  it('are taken whole by a selection that cuts them', async () => {
    const { user } = await openXliff(CRLF, ID.tags);
    // From inside ⟨1⟩ to inside ⟨2⟩: both codes are taken.
    place(at('⟨1⟩', 1), at('⟨2⟩', 2));
    await waitFor(() => expect([correction().selectionStart, correction().selectionEnd]).toEqual([at('⟨1⟩'), at('⟨2⟩', 3)]));
    await user.keyboard('Z');
    expect(correction().value).toBe('Klicken Sie Zjetzt⟨/2⟩⟨/1⟩ oder ⟨3⟩später⟨/3⟩.');
    // Cut straight away (before the selection is widened), a selection still takes the codes whole.
    const start = at('⟨/2⟩', 2);
    const end = at('⟨/1⟩', 1);
    act(() => {
      correction().setSelectionRange(start, end);
      fireEvent(correction(), new InputEvent('beforeinput', { inputType: 'deleteContentBackward', bubbles: true, cancelable: true }));
    });
    expect(correction().value).toBe('Klicken Sie Zjetzt oder ⟨3⟩später⟨/3⟩.');
  });

  it('come along when pasted, and a paste inside a code lands beside it', async () => {
    const { user } = await openXliff(CRLF, ID.tags);
    await user.clear(correction());
    await user.paste('Klicken ⟨1⟩hier⟨/1⟩');
    expect(correction().value).toBe('Klicken ⟨1⟩hier⟨/1⟩');
    place(at('⟨/1⟩', 2));
    await user.paste('!');
    expect(correction().value).toBe('Klicken ⟨1⟩hier⟨/1⟩!');
    await waitFor(() => expect(within(changes()).getAllByRole('img', { name: 'code 1 opens: bold' }).length).toBeGreaterThan(0));
  });

  it('go whole with Ctrl+Backspace, and are mended when the browser deletes a word into one', async () => {
    const { db } = await openXliff(CRLF, ID.tags);
    const el = correction();
    // Right after a code, the word is the code.
    const wordDelete = () => new InputEvent('beforeinput', { inputType: 'deleteWordBackward', bubbles: true, cancelable: true });
    const afterClose = at('⟨/2⟩', 4);
    act(() => el.setSelectionRange(afterClose, afterClose));
    expect(fireEvent(el, wordDelete())).toBe(false);
    expect(el.value).toBe('Klicken Sie ⟨1⟩hier ⟨2⟩jetzt⟨/1⟩ oder ⟨3⟩später⟨/3⟩.');
    // After "⟨/1⟩ ", Chromium's Ctrl+Backspace takes "⟩ " (its idea of a word), cutting the code: it is mended.
    const end = at('⟨/1⟩', 4);
    act(() => {
      el.setSelectionRange(end + 1, end + 1);
      el.dispatchEvent(wordDelete());
      el.setRangeText('', end - 1, end + 1, 'end');
      el.dispatchEvent(new InputEvent('input', { inputType: 'deleteWordBackward', bubbles: true }));
    });
    expect(el.value).toBe('Klicken Sie ⟨1⟩hier ⟨2⟩jetztoder ⟨3⟩später⟨/3⟩.');
    expect(el.selectionStart).toBe(end - 4);
    await waitFor(async () => expect((await draftOf(db, ID.tags))?.values.target).toBe('Klicken Sie ⟨1⟩hier ⟨2⟩jetztoder ⟨3⟩später⟨/3⟩.'));
  });

  it('keep an input method’s composition out of a code', async () => {
    const { db } = await openXliff(MIXED, ID.chineseCode);
    expect(correction().value).toBe('第二⟨1/⟩句。');
    const inside = at('⟨1/⟩', 2);
    const el = correction();
    act(() => {
      el.setSelectionRange(inside, inside);
      fireEvent.compositionStart(el);
    });
    // The caret left the code before the composition began.
    expect(el.selectionStart).toBe(at('⟨1/⟩', 4));
    // A browser that composed where the caret first was: the guard lets the composition run…
    act(() => {
      const composing = new InputEvent('beforeinput', { inputType: 'insertCompositionText', data: '第', isComposing: true, bubbles: true, cancelable: true });
      el.dispatchEvent(composing);
      expect(composing.defaultPrevented).toBe(false);
      el.setRangeText('第三', inside, inside, 'end');
      el.dispatchEvent(new InputEvent('input', { inputType: 'insertCompositionText', data: '第三', isComposing: true, bubbles: true }));
    });
    // …and puts the committed text beside the code.
    act(() => {
      fireEvent.compositionEnd(el, { data: '第三' });
    });
    expect(el.value).toBe('第二⟨1/⟩第三句。');
    await waitFor(async () => expect((await draftOf(db, ID.chineseCode))?.values.target).toBe('第二⟨1/⟩第三句。'));
  });
});

describe('CAT-tool shortcuts', () => {
  it('F8 inserts the source’s codes the correction lacks: at the caret, or all of them in order', async () => {
    const { user } = await openXliff(CRLF, ID.tags);
    place(at('⟨/2⟩', 4));
    await user.keyboard('{Backspace}');
    place(at(' oder'));
    await user.keyboard('{F8}');
    expect(correction().value).toBe('Klicken Sie ⟨1⟩hier ⟨2⟩jetzt⟨/1⟩⟨/2⟩ oder ⟨3⟩später⟨/3⟩.');
    await announced('Inserted 1 code: code 2 closes: italic.');
    await user.keyboard('{F8}');
    await announced('No code of the source is missing.');

    await user.clear(correction());
    await user.click(button('Insert missing codes'));
    expect(correction().value).toBe('⟨1⟩⟨2⟩⟨/2⟩⟨/1⟩⟨3⟩⟨/3⟩');
    expect(document.activeElement).toBe(correction());
    expect(button('Insert missing codes').getAttribute('aria-keyshortcuts')).toBe('F8');
  });

  it('F2 restores the AI output into the correction, also by its button', async () => {
    const { db, user } = await openXliff(CRLF, ID.greeting);
    await user.clear(correction());
    await user.type(correction(), 'Servus');
    await user.keyboard('{F2}');
    expect(correction().value).toBe('Hallo, ⟨1/⟩!');
    await announced('The AI output is back in the correction.');
    await user.type(correction(), ' du');
    await user.click(button('Restore the AI output'));
    expect(correction().value).toBe('Hallo, ⟨1/⟩!');
    expect(button('Restore the AI output').getAttribute('aria-keyshortcuts')).toBe('F2');
    await waitFor(async () => expect((await draftOf(db, ID.greeting))?.values.target).toBe('Hallo, ⟨1/⟩!'));
  });

  it('Alt+End goes to the next unconfirmed segment, round to the start; Alt+↓ and Alt+↑ move one by one', async () => {
    const { user } = await openXliff(CRLF, ID.greeting);
    expect(button('Next unconfirmed').getAttribute('aria-keyshortcuts')).toBe('Alt+End');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(position()).toBe('Item 2 / 4'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(position()).toBe('Item 3 / 4'));
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    await waitFor(() => expect(position()).toBe('Item 2 / 4'));
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    await waitFor(() => expect(position()).toBe('Item 1 / 4'));
    // Items 1 and 2 are confirmed: from item 1 the next unconfirmed is 3, then 4, then round to 3.
    await user.keyboard('{Alt>}{End}{/Alt}');
    await waitFor(() => expect(position()).toBe('Item 3 / 4'));
    await announced('Next unconfirmed: item 3 of 4.');
    await user.click(button('Next unconfirmed'));
    await waitFor(() => expect(position()).toBe('Item 4 / 4'));
    await user.keyboard('{Alt>}{End}{/Alt}');
    await waitFor(() => expect(position()).toBe('Item 3 / 4'));
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await waitFor(() => expect(position()).toBe('Item 4 / 4'));
  });

  it('lists the new keys on the shortcut sheet', async () => {
    const { user } = await openXliff(CRLF, ID.greeting);
    await user.keyboard('{F1}');
    const sheet = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const row = (action: string) => within(sheet).getByRole('row', { name: new RegExp(`^${action}`, 'u') }).textContent;
    expect(row('Next unconfirmed item')).toContain('Alt+End');
    expect(row('Restore the AI output')).toContain('F2');
    expect(row('Insert the source’s inline codes')).toContain('F8');
    expect(row('Use match 1–9')).toMatch(/Ctrl\+1 … Ctrl\+9 \(also while typing\)/u);
  });
});

describe('what the file says about a segment', () => {
  it('shows where the AI output came from and every match, each taken by its key or button', async () => {
    const { user } = await openXliff(CRLF, ID.save);
    const output = document.querySelector('.loupe-ai') as HTMLElement;
    expect(output.querySelector('.loupe-origin')?.textContent).toBe('Match 3: the file’s target is empty · machine translation · Google MT');
    expect(within(output).getByText('Match quality 92%')).toBeTruthy();
    const matches = screen.getByRole('region', { name: 'Matches in the file' });
    const items = within(matches).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.loupe-candidate__about')?.textContent)).toEqual([
      'Match 1 · translation memory · product memory · Match quality 75%',
      'Match 2 · translation memory · translation memory · Match quality 92%',
      'Match 3 · machine translation · Google MT · Match quality 92% · shown as the AI output',
    ]);
    // A memory match for another source says which.
    expect(within(items[0]!).getByText('Save the changes?')).toBeTruthy();
    expect(button('Use match 2').getAttribute('aria-keyshortcuts')).toBe('Control+2 Meta+2');

    await user.keyboard('{Control>}2{/Control}');
    expect(correction().value).toBe('Änderungen sichern?');
    await announced('Match 2 is in the correction.');
    await user.click(button('Use match 1'));
    expect(correction().value).toBe('Die Änderungen speichern?');
    // The physical key decides: Ctrl with the "3" key of an AZERTY keyboard types "\"".
    fireEvent.keyDown(correction(), { key: '"', code: 'Digit3', ctrlKey: true });
    expect(correction().value).toBe('Änderungen speichern?');
    // No fourth match: Ctrl+4 stays the browser's.
    expect(fireEvent.keyDown(correction(), { key: '4', code: 'Digit4', ctrlKey: true })).toBe(true);
    // The origin and quality are not repeated under Context.
    expect(within(screen.getByRole('region', { name: 'Context' })).queryByRole('heading', { name: 'Origin' })).toBeNull();
  });

  it('shows the notes, the state in the file, and the length limit counted as the reviewer types', async () => {
    const { user } = await openXliff(CRLF, ID.spaces);
    const context = screen.getByRole('region', { name: 'Context' });
    expect(within(context).getByText(/Keep the tone informal\. \(pm, file note\)/u)).toBeTruthy();
    expect(within(context).queryByRole('heading', { name: 'Length limit' })).toBeNull();
    expect(screen.getByText('Length: 0 / 30 characters')).toBeTruthy();
    expect(correction().getAttribute('aria-describedby')).toContain(screen.getByText('Length: 0 / 30 characters').id);
    await user.type(correction(), 'Zwei Leerzeichen, zwei Zeilen.');
    await waitFor(() => expect(screen.getByText('Length: 30 / 30 characters')).toBeTruthy());
    await user.type(correction(), '!!');
    await waitFor(() => expect(screen.getByText(/^Length: 32 \/ 30 characters — 2 over the limit/u)).toBeTruthy());
    expect(screen.getByText('The correction is longer than the file allows.').getAttribute('role')).toBe('status');

    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    await waitFor(() => expect(correction().value).toBe('Änderungen speichern?'));
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    await waitFor(() => expect(correction().value).toBe('Hallo, ⟨1/⟩!'));
    expect(within(screen.getByRole('region', { name: 'Context' })).getByText('needs-review-translation (mt-suggestion)')).toBeTruthy();
    expect(screen.queryByText(/^Length:/u)).toBeNull();
  });
});

describe('right-to-left and complex scripts', () => {
  it('an Arabic segment: editor, output and diff right to left in Arabic, the code isolated, the spellchecker in Arabic', async () => {
    const { user, platform } = await openXliff(ARABIC, ID.arabicCode);
    expect([correction().getAttribute('dir'), correction().getAttribute('lang')]).toEqual(['rtl', 'ar']);
    const output = document.querySelector('.loupe-ai__text') as HTMLElement;
    expect([output.getAttribute('dir'), output.getAttribute('lang')]).toEqual(['rtl', 'ar']);
    const source = within(screen.getByRole('region', { name: 'Context' })).getByText(/to save\./u);
    expect([source.getAttribute('dir'), source.getAttribute('lang')]).toEqual(['ltr', 'en']);
    expect(within(output).getByRole('img', { name: 'code 1: Ctrl+S' }).getAttribute('dir')).toBe('ltr');
    expect(platform.spellCheckRequests.at(-1)).toEqual(['ar']);

    // The code goes whole with Backspace after it, in logical order as in any text.
    place(at('⟨1/⟩', 4));
    await user.keyboard('{Backspace}');
    expect(correction().value).toBe('اضغط  للحفظ.');
    await user.keyboard('Ctrl+S');
    await waitFor(() => expect(within(changes()).getByRole('insertion').textContent).toContain('Ctrl+S'));
    const changed = within(changes()).getByRole('insertion');
    // Each change is its own bidi isolate; the deleted code next to it keeps its place.
    expect(changed.querySelector('bdi')?.textContent).toContain('Ctrl+S');
    expect(within(changes()).getByRole('deletion').querySelector('bdi [role="img"]')?.getAttribute('aria-label')).toBe('code 1: Ctrl+S');
  });

  it('a file of several languages: each segment in its own (Hebrew, Chinese, Sinhala), with the diff of Chinese by character', async () => {
    const { user, platform } = await openXliff(MIXED, ID.hebrew);
    expect([correction().getAttribute('dir'), correction().getAttribute('lang')]).toEqual(['rtl', 'he']);
    expect(within(document.querySelector('.loupe-ai__text') as HTMLElement).getByRole('img', { name: 'code 1 opens: bold' })).toBeTruthy();

    for (let i = 0; i < 3; i++) await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await waitFor(() => expect(correction().value).toBe('مرحبًا بك في ⟨1⟩Loupe⟨/1⟩.'));
    expect([correction().getAttribute('dir'), correction().getAttribute('lang')]).toEqual(['rtl', 'ar']);
    for (let i = 0; i < 3; i++) await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await waitFor(() => expect(correction().value).toBe('嵌套⟨1⟩⟨2⟩粗斜体⟨/2⟩ ⟨3⟩下划线⟨/1⟩ ⟨4⟩Loupe™⟨/4⟩ ⟨5/⟩。'));
    expect([correction().getAttribute('dir'), correction().getAttribute('lang')]).toEqual(['ltr', 'zh-CN']);
    expect(screen.getAllByRole('img', { name: 'code 5: {{count}}items' })).toHaveLength(2);
    place(at('粗斜体', 1), at('粗斜体', 2));
    await user.keyboard('体');
    await waitFor(() => expect(within(changes()).getByRole('deletion').textContent).toBe('[deleted: 斜]'));
    expect(within(changes()).getByRole('insertion').textContent).toBe('[inserted: 体]');

    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await waitFor(() => expect(correction().value).toBe('ස්තූතියි 🙏'));
    expect([correction().getAttribute('dir'), correction().getAttribute('lang')]).toEqual(['ltr', 'si']);
    await user.type(correction(), ' ඔබට');
    await waitFor(() => expect(within(changes()).getByRole('insertion').textContent).toBe('[inserted:  ඔබට]'));
    expect(platform.spellCheckRequests).toEqual([['he'], ['ar'], ['zh-CN'], ['si']]);
  });

  it('passes an axe run and gives every control a name and role', async () => {
    const { container } = await openXliff(CRLF, ID.save);
    const result = await axe.run(container, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    for (const b of screen.getAllByRole('button')) expect(b.textContent?.trim(), b.outerHTML).not.toBe('');
    expect(within(screen.getByRole('region', { name: 'Matches in the file' })).getByRole('list')).toBeTruthy();
    expect(correction().getAttribute('aria-describedby')).toBeNull();
  });
});
