// Component tests run in jsdom with an in-memory IndexedDB, and every test starts from an empty page.
import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';

// Waits are for something a user would see, not speed budgets (those are in `npm run bench`): on a
// loaded 2-core CI machine a store and re-render can take longer than Testing Library's default 1 s.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
});
