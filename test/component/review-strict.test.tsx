// The review screen under React's StrictMode (as main.tsx renders it, effects mount twice in
// development), and the cost of a keystroke in a 5,000-word document.
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { initReviewI18n, storeReviewBatch } from './review-harness';
import { mountReviewScreen } from './review-screen-harness';

beforeAll(initReviewI18n);

const REVIEWER = { id: 'r1', name: 'Ada' };

async function open(outputs: string[], strict = true) {
  const { db, schema, batch, entries } = await storeReviewBatch(
    { name: 'docs', fields: [{ name: 'text', kind: 'longtext', lang: 'en' }] },
    outputs.map((text, seq) => ({ id: `d${seq + 1}`, output: { text } })),
    { batchId: 'b1', name: 'Reports', schemaId: 's1', fileName: 'r.jsonl' },
  );
  const view = mountReviewScreen({ db, batch, schema, entries, reviewer: REVIEWER, deviceId: 'dev', itemId: 'd1', strict });
  await waitFor(() => expect(screen.getByRole('textbox', { name: 'Correction' })).toBeTruthy());
  return { db, user: userEvent.setup(), ...view };
}

const box = () => screen.getByRole('textbox', { name: 'Correction' }) as HTMLTextAreaElement;

describe('under StrictMode', () => {
  it('appends one event per verdict and one edit per left item', async () => {
    const { db, user } = await open(['One.', 'Two.', 'Three.']);
    await user.click(screen.getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(box().value).toBe('Two.'));
    await user.type(box(), ' More.');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(box().value).toBe('Three.'));
    await waitFor(async () => expect((await db.events.toArray()).map((e) => `${e.itemId}:${e.action}`)).toEqual(['d1:accept', 'd2:edit']));
  });
});

describe('a 5,000-word document', () => {
  it('keeps a keystroke cheap: the editor is uncontrolled and the diff covers the edited stretch', async () => {
    const words = Array.from({ length: 5000 }, (_, i) => `word${i % 113}`);
    const doc = words.join(' ');
    // Not under StrictMode, whose double renders are a development aid, not the cost of a keystroke.
    await open([doc], false);
    const el = box();
    let text = doc;
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const at = 15_000 + i;
      text = `${text.slice(0, at)}x${text.slice(at)}`;
      const start = performance.now();
      act(() => {
        fireEvent.input(el, { target: { value: text } });
      });
      times.push(performance.now() - start);
    }
    await waitFor(() => expect(screen.getByRole('insertion').textContent).toContain('x'));
    times.sort((a, b) => a - b);
    // jsdom is far slower than a browser and CI machines are shared, so this is no measure of the 16 ms budget
    // (npm run bench is, in Chromium); it catches work proportional to the document, such as a full diff.
    expect(times[Math.floor(times.length / 2)]).toBeLessThan(30);
    console.info(`Keystroke in a 5,000-word document (jsdom, diff included): median ${times[15]?.toFixed(2)} ms, p90 ${times[27]?.toFixed(2)} ms`);
  });
});
