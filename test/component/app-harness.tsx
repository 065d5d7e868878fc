// Shared set-up of the app shell's component tests: the whole App over the in-memory platform and a
// fresh IndexedDB (fake-indexeddb), so that each test sees a first start.
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../renderer/app';
import { createI18n } from '../../renderer/i18n';
import { createPlatform, type MemoryPlatformOptions } from '../../renderer/platform/memory';
import { appendEvent, getBatch, LoupeDatabase } from '../../renderer/storage';
import { batchNameFromFile, importText } from '../../renderer/import';
import { commit, initialReview, type Intent } from '../../shared/review';
import type { FieldValues } from '../../shared/domain';
import type { Switches } from '../../renderer/app';

export const REVIEWER = { id: 'reviewer-1', name: 'Ada Test' };

export interface RenderOptions extends MemoryPlatformOptions {
  switches?: Switches;
  db?: LoupeDatabase;
  /** The URL hash to start at (the route). */
  hash?: string;
}

export function newDatabase(): LoupeDatabase {
  return new LoupeDatabase(`loupe-test-${crypto.randomUUID()}`);
}

/** Renders Loupe as main.tsx does, with a named reviewer and no demo batches unless asked. */
export function renderApp(options: RenderOptions = {}) {
  const { switches = { demo: false }, db = newDatabase(), hash = '', ...platformOptions } = options;
  window.history.replaceState(null, '', `/${hash}`);
  const platform = createPlatform({ ...platformOptions, settings: { reviewer: REVIEWER, ...platformOptions.settings } });
  // The real chooser offers "All files" too, so files outside `accept` can be chosen.
  const user = userEvent.setup({ applyAccept: false });
  const view = render(<App platform={platform} db={db} i18n={createI18n()} switches={switches} />);
  return { db, platform, user, ...view };
}

export function textFile(name: string, text: string, type = 'application/x-ndjson'): File {
  return new File([text], name, { type });
}

export const jsonl = (records: readonly object[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** Three items of translation post-editing, as an AI pipeline would write them. */
export const contractLines = [
  { id: 'seg-1', input: 'The parties agree.', output: 'Die Parteien stimmen zu.' },
  { id: 'seg-2', input: 'This contract is void.', output: 'Dieser Vertrag ist nichtig.' },
  { id: 'seg-3', input: 'Payment is due in 30 days.', output: 'Die Zahlung ist in 30 Tagen fällig.' },
];

/** Chooses files through the Import button's file input, as the file chooser would. */
export async function chooseFiles(user: ReturnType<typeof userEvent.setup>, files: File[]): Promise<void> {
  await waitFor(() => screen.getByRole('button', { name: 'Import' }));
  const input = document.querySelector<HTMLInputElement>('input[type=file]');
  if (!input) throw new Error('no file input');
  await user.upload(input, files);
}

/**
 * jsdom lays nothing out, so a virtual list would think it has no room: give the queue's scrolling list
 * a viewport of `height` pixels.
 */
export function giveListRoom(height = 600): () => void {
  const proto = HTMLElement.prototype;
  const original = Object.getOwnPropertyDescriptor(proto, 'clientHeight');
  const originalWidth = Object.getOwnPropertyDescriptor(proto, 'clientWidth');
  Object.defineProperty(proto, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.getAttribute('role') === 'listbox' ? height : 0;
    },
  });
  Object.defineProperty(proto, 'clientWidth', {
    configurable: true,
    get(this: HTMLElement) {
      return this.getAttribute('role') === 'listbox' ? 800 : 0;
    },
  });
  return () => {
    if (original) Object.defineProperty(proto, 'clientHeight', original);
    if (originalWidth) Object.defineProperty(proto, 'clientWidth', originalWidth);
  };
}

/** Stores a batch as Import does, without the UI. */
export async function seedBatch(db: LoupeDatabase, fileName: string, records: readonly object[]) {
  const report = await importText(db, { fileName, text: jsonl(records), name: batchNameFromFile(fileName) });
  if (report.outcome !== 'imported') throw new Error(`seeding ${fileName}: ${JSON.stringify(report)}`);
  return report.batch;
}

/** Gives the test reviewer's verdict on an item, as the review screen would commit it. */
export async function decide(db: LoupeDatabase, batchId: string, itemId: string, verdict: Intent, values?: FieldValues): Promise<void> {
  const found = await getBatch(db, batchId);
  const item = await db.items.get([batchId, itemId]);
  if (!found || !item) throw new Error(`no item ${itemId}`);
  const review = initialReview(item, REVIEWER);
  const result = commit({
    schema: found.schema.schema,
    item,
    review,
    draft: { values: { ...item.output, ...values }, comment: '', reason: null },
    intent: verdict,
    reviewer: REVIEWER,
    deviceId: 'device-test',
    eventId: crypto.randomUUID(),
    at: new Date().toISOString(),
    timeSpentMs: 1500,
  });
  if (!result.ok || !result.event) throw new Error('no event');
  await appendEvent(db, result.event);
}
