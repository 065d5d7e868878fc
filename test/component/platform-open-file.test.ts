import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPlatform as createMemoryPlatform } from '../../renderer/platform/memory';
import { createPlatform as createWebPlatform } from '../../renderer/platform/web';
import type { OpenFileFailure, OpenedFile } from '../../renderer/platform';

const bytes = new Uint8Array([80, 75, 3, 4]);

describe('files the OS asks the app to open, in memory', () => {
  it('reach every listener, and no longer a removed one', () => {
    const platform = createMemoryPlatform();
    const first: OpenedFile[] = [];
    const second: OpenedFile[] = [];
    const removeFirst = platform.onOpenFile((file) => first.push(file));
    platform.onOpenFile((file) => second.push(file));
    platform.openFile({ name: 'week-3.loupe', bytes });
    removeFirst();
    platform.openFile({ name: 'results.loupe-result', bytes });
    expect(first.map((file) => file.name)).toEqual(['week-3.loupe']);
    expect(second.map((file) => file.name)).toEqual(['week-3.loupe', 'results.loupe-result']);
  });

  it('wait for the first listener when they come before it, failures included', () => {
    const platform = createMemoryPlatform();
    platform.openFile({ name: 'early.loupe', bytes });
    const failure: OpenFileFailure = { name: 'gone.loupe', problem: 'missing', message: 'Loupe could not open “gone.loupe”: there is no such file.' };
    platform.failToOpenFile(failure);
    const opened: OpenedFile[] = [];
    const failed: OpenFileFailure[] = [];
    platform.onOpenFile((file) => opened.push(file), (problem) => failed.push(problem));
    expect(opened).toEqual([{ name: 'early.loupe', bytes }]);
    expect(failed).toEqual([failure]);
  });
});

describe('files an installed web app is launched with (launchQueue)', () => {
  afterEach(() => {
    Reflect.deleteProperty(window, 'launchQueue');
  });

  it('are read from their handles once the app listens', async () => {
    let consumer: ((params: { files: unknown[] }) => Promise<void>) | null = null;
    Object.defineProperty(window, 'launchQueue', {
      configurable: true,
      value: { setConsumer: vi.fn((c: typeof consumer) => (consumer = c)) },
    });
    const platform = createWebPlatform();
    expect(consumer).toBeNull();
    const opened: OpenedFile[] = [];
    const failed: OpenFileFailure[] = [];
    platform.onOpenFile((file) => opened.push(file), (problem) => failed.push(problem));
    expect(consumer).not.toBeNull();
    const handle = (name: string, file: () => Promise<File>) => ({ name, getFile: file });
    await consumer!({
      files: [
        handle('a.loupe', async () => new File([bytes], 'a.loupe')),
        handle('locked.loupe', () => Promise.reject(new DOMException('The file could not be read.', 'NotReadableError'))),
      ],
    });
    expect(opened).toEqual([{ name: 'a.loupe', bytes }]);
    expect(failed).toEqual([{ name: 'locked.loupe', problem: 'unreadable', message: expect.stringMatching(/^Loupe could not open “locked\.loupe”: NotReadableError/) }]);
  });

  it('never arrive in a plain browser tab, and listening is harmless', () => {
    const platform = createWebPlatform();
    const remove = platform.onOpenFile(() => {});
    expect(remove).toBeTypeOf('function');
    remove();
  });
});
