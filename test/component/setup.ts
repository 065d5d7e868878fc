// Component tests run in jsdom with an in-memory IndexedDB, and every test starts from an empty page.
import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

afterEach(() => {
  cleanup();
});
