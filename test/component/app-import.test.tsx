import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { chooseFiles, contractLines, jsonl, renderApp, textFile } from './app-harness';
import { expectSameBytes, fixtureBytes } from '../unit/xliff-harness';

const contractFile = () => textFile('contract-de.jsonl', jsonl(contractLines));

describe('Import', () => {
  it('is a button that opens the file input', async () => {
    const { user } = renderApp();
    const button = await screen.findByRole('button', { name: 'Import' });
    const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
    expect(input.multiple).toBe(true);
    expect(input.accept).toContain('.jsonl');
    const click = vi.spyOn(input, 'click');
    await user.click(button);
    expect(click).toHaveBeenCalledOnce();
    await user.keyboard('{Control>}o{/Control}');
    expect(click).toHaveBeenCalledTimes(2);
  });

  it('says what a good JSONL file is, stores it and opens it for review', async () => {
    const { user, db } = renderApp();
    await chooseFiles(user, [contractFile()]);
    expect(await screen.findByText('contract-de.jsonl: AI output (JSONL), 3 items — imported')).toBeTruthy();
    expect(screen.getByText(/Schema inferred from the values/)).toBeTruthy();
    const batches = await db.batches.toArray();
    expect(batches).toHaveLength(1);
    const batch = batches[0]!;
    expect(batch.id).toMatch(/^b-[0-9a-f]{16}$/);
    expect(batch.name).toBe('contract-de');
    expect(batch.itemCount).toBe(3);
    expect(await db.items.where('[batchId+seq]').between([batch.id, -Infinity], [batch.id, Infinity]).primaryKeys()).toEqual(
      contractLines.map((l) => [batch.id, l.id]),
    );
    // Opened at once on its first item: the Correction box is there without another click.
    await waitFor(() => expect(window.location.hash).toBe(`#/batch/${batch.id}/item/seg-1`));
    expect(await screen.findByRole('textbox', { name: /^Correction/ }, { timeout: 5000 })).toBeTruthy();
  });

  it('lists line-numbered errors of a bad JSONL file and stores nothing', async () => {
    const { user, db } = renderApp();
    const bad = `${JSON.stringify(contractLines[0])}\n{"id": 7, "output": "x"}\n{"id": "seg-3"}\n`;
    await chooseFiles(user, [textFile('bad.jsonl', bad)]);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText(/bad\.jsonl: AI output \(JSONL\) — not imported, nothing was stored/)).toBeTruthy();
    expect(within(alert).getByText(/bad\.jsonl line 2\b.*"id" must be a string/)).toBeTruthy();
    expect(within(alert).getByText(/bad\.jsonl line 3\b.*"output" is missing/)).toBeTruthy();
    expect(await db.batches.count()).toBe(0);
    expect(await db.items.count()).toBe(0);
    expect(await db.schemas.count()).toBe(0);
    expect(window.location.hash).toBe('');
  });

  it('says the same file again changed nothing, and opens it', async () => {
    const { user, db } = renderApp();
    await chooseFiles(user, [contractFile()]);
    await screen.findByText(/3 items — imported/);
    const [batch] = await db.batches.toArray();
    window.history.replaceState(null, '', '/');
    await chooseFiles(user, [contractFile()]);
    expect(await screen.findByText('contract-de.jsonl: AI output (JSONL), 3 items — already imported, nothing changed')).toBeTruthy();
    expect(await db.batches.count()).toBe(1);
    expect(await db.items.count()).toBe(3);
    await waitFor(() => expect(window.location.hash).toBe(`#/batch/${batch!.id}/item/seg-1`));
  });

  it('uses a schema file chosen with the data', async () => {
    const { user, db } = renderApp();
    const schema = {
      name: 'Contract post-editing',
      fields: [{ name: 'target', label: 'Translation', kind: 'longtext' }],
      context: [{ name: 'source', kind: 'text' }],
      instructions: 'Keep the legal meaning.',
    };
    const lines = contractLines.map((l) => ({ id: l.id, input: { source: l.input }, output: { target: l.output } }));
    await chooseFiles(user, [textFile('contract.jsonl', jsonl(lines)), textFile('contract.schema.json', JSON.stringify(schema), 'application/json')]);
    expect(await screen.findByText('contract.jsonl: AI output (JSONL), 3 items — imported')).toBeTruthy();
    expect(screen.getByText('Schema from contract.schema.json.')).toBeTruthy();
    expect(screen.getByText('contract.schema.json: schema, used for contract.jsonl')).toBeTruthy();
    const [batch] = await db.batches.toArray();
    const stored = await db.schemas.get(batch!.schemaId);
    expect(stored?.schema.name).toBe('Contract post-editing');
    expect(batch!.instructions).toBe('Keep the legal meaning.');
  });

  it('imports CSV', async () => {
    const { user, db } = renderApp();
    const csv = 'id,input,output\nr1,Hello,Hallo\nr2,"Good, day",Guten Tag\n';
    await chooseFiles(user, [textFile('greetings.csv', csv, 'text/csv')]);
    expect(await screen.findByText('greetings.csv: AI output (CSV), 2 items — imported')).toBeTruthy();
    expect(await db.items.count()).toBe(2);
  });

  it('refuses damaged .loupe and .loupe-result files with the reader\'s message, storing nothing', async () => {
    const { user, db } = renderApp();
    await chooseFiles(user, [textFile('batch.loupe', 'PK\x03\x04'), textFile('r.loupe-result', 'PK\x03\x04')]);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText(/^batch\.loupe: Loupe batch \(\.loupe\) — not imported, nothing was stored/)).toBeTruthy();
    expect(within(alert).getByText(/^batch\.loupe: .*(cut short|not a zip|damaged)/)).toBeTruthy();
    expect(within(alert).getByText(/^r\.loupe-result: Loupe results \(\.loupe-result\) — not imported/)).toBeTruthy();
    expect(await db.batches.count()).toBe(0);
    expect(await db.events.count()).toBe(0);
  });

  it('makes a batch of a UTF-16 XLIFF file, keeps the file with it, and opens its first segment', async () => {
    const { user, db } = renderApp();
    const bytes = fixtureBytes('loupe-xliff12-utf16le-crlf.xlf');
    await chooseFiles(user, [new File([bytes as BlobPart], 'strings.xlf', { type: 'application/xliff+xml' })]);
    expect(await screen.findByText('strings.xlf: XLIFF, 4 items — imported')).toBeTruthy();
    expect(screen.getByText(/One item per translatable segment: the source as context, the target .* to post-edit/)).toBeTruthy();
    expect(screen.getByText('1 segment is marked translate="no": it stays in the file and is not offered for review.')).toBeTruthy();
    const [batch] = await db.batches.toArray();
    expect(batch).toMatchObject({ name: 'strings', source: { format: 'xliff', fileName: 'strings.xlf' }, original: { path: 'xliff/strings.xlf' } });
    expectSameBytes((await db.attachments.get([batch!.id, 'xliff/strings.xlf']))!.bytes, bytes);
    await waitFor(() => expect(window.location.hash).toBe(`#/batch/${batch!.id}/item/${encodeURIComponent('ui%2Fstrings.properties/greeting/#1')}`));
  });

  it('shows where an XLIFF file is damaged and what to do, and stores nothing', async () => {
    const { user, db } = renderApp();
    const broken = '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file original="a" source-language="en" target-language="de"><body>\n<trans-unit id="1"><source>Hi</source></target></trans-unit>\n</body></file></xliff>';
    await chooseFiles(user, [textFile('doc.xlf', broken, 'application/xml')]);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText(/^doc\.xlf: XLIFF — not imported, nothing was stored/)).toBeTruthy();
    expect(within(alert).getByText(/^doc\.xlf line 4, column \d+: is not well-formed XML .* — the file is damaged or was not saved completely; open it in the tool that made it and save it again/)).toBeTruthy();
    expect(await db.batches.count()).toBe(0);
    expect(await db.items.count()).toBe(0);
    expect(await db.attachments.count()).toBe(0);
  });

  it('says when a file is of no kind it knows', async () => {
    const { user } = renderApp();
    await chooseFiles(user, [textFile('notes.txt', 'just some notes', 'text/plain')]);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('notes.txt: not a kind of file Loupe can open — nothing was stored.')).toBeTruthy();
  });

  it('imports files dropped anywhere on the window, with an overlay while dragging', async () => {
    const { db } = renderApp();
    await screen.findByRole('button', { name: 'Import' });
    const dataTransfer = { types: ['Files'], files: [contractFile()], dropEffect: 'none' };
    fireEvent.dragEnter(window, { dataTransfer });
    expect(await screen.findByText('Drop to import')).toBeTruthy();
    fireEvent.drop(window, { dataTransfer });
    expect(await screen.findByText('contract-de.jsonl: AI output (JSONL), 3 items — imported')).toBeTruthy();
    expect(screen.queryByText('Drop to import')).toBeNull();
    expect(await db.batches.count()).toBe(1);
  });

  it('shows a progress bar that moves while a large file is read', async () => {
    const { user, db } = renderApp();
    const lines = Array.from({ length: 20_000 }, (_, i) => ({ id: `n${i}`, output: `sentence number ${i}` }));
    const seen = new Set<string>();
    const observer = new MutationObserver(() => {
      const bar = document.querySelector('[role=progressbar]');
      const now = bar?.getAttribute('aria-valuenow');
      if (now) seen.add(now);
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    await chooseFiles(user, [textFile('big.jsonl', jsonl(lines))]);
    await screen.findByText('big.jsonl: AI output (JSONL), 20,000 items — imported', undefined, { timeout: 20_000 });
    observer.disconnect();
    // More than a start and an end: the bar moved while lines were read.
    expect(seen.size).toBeGreaterThan(2);
    expect(await db.items.count()).toBe(20_000);
  }, 30_000);
});
