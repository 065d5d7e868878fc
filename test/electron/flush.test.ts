import { describe, expect, it } from 'vitest';
import { createFlusher, flushBeforeLeaving, FLUSH_TIMEOUT_MS, type Flusher } from '../../electron/main/flush';
import { FLUSH_CHANNEL } from '../../shared/ipc';
import { BrowserWindowStandIn, ipcRenderer } from './electron-stand-in';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A window whose page answers flush requests after `pageDelayMs`, or never (null). */
function setUp(pageDelayMs: number | null, timeoutMs = 200) {
  const flusher: Flusher = createFlusher(timeoutMs);
  const window = new BrowserWindowStandIn({});
  const log: string[] = [];
  flushBeforeLeaving(window as unknown as Electron.BrowserWindow, flusher);
  window.on('closed', () => log.push('closed'));
  ipcRenderer.removeAllListeners(FLUSH_CHANNEL);
  ipcRenderer.on(FLUSH_CHANNEL, (_event, message) => {
    const { id } = message as { id: number };
    log.push(`flush ${id} asked`);
    if (pageDelayMs === null) return;
    setTimeout(() => {
      log.push(`flush ${id} written`);
      flusher.acknowledge(id);
    }, pageDelayMs);
  });
  return { window, log };
}

describe('flush before close', () => {
  it('waits 2 seconds at most by default', () => {
    expect(FLUSH_TIMEOUT_MS).toBe(2_000);
  });

  it('holds the window open until the page has written its drafts, then closes it', async () => {
    const { window, log } = setUp(30);
    window.close();
    expect(window.isDestroyed()).toBe(false);
    await sleep(80);
    expect(window.isDestroyed()).toBe(true);
    expect(log).toEqual(['flush 1 asked', 'flush 1 written', 'closed']);
  });

  it('closes anyway when the page does not answer in time', async () => {
    const { window, log } = setUp(null, 50);
    window.close();
    await sleep(30);
    expect(window.isDestroyed()).toBe(false);
    await sleep(60);
    expect(window.isDestroyed()).toBe(true);
    expect(log).toEqual(['flush 1 asked', 'closed']);
  });

  it('closes at once when the page has crashed', async () => {
    const { window, log } = setUp(10);
    window.webContents.crashed = true;
    window.close();
    await sleep(0);
    expect(window.isDestroyed()).toBe(true);
    expect(log).toEqual(['closed']);
  });

  it('asks once when close is clicked twice', async () => {
    const { window, log } = setUp(20);
    window.close();
    window.close();
    await sleep(60);
    expect(log).toEqual(['flush 1 asked', 'flush 1 written', 'closed']);
  });

  it('asks on minimize and hide without holding anything up', async () => {
    const { window, log } = setUp(10);
    window.minimize();
    window.hide();
    await sleep(40);
    expect(log).toEqual(['flush 1 asked', 'flush 2 asked', 'flush 1 written', 'flush 2 written']);
    expect(window.isDestroyed()).toBe(false);
  });

  it('ignores an acknowledgement it did not ask for', async () => {
    const flusher = createFlusher(30);
    const window = new BrowserWindowStandIn({});
    const answer = flusher.request(window.webContents as unknown as Electron.WebContents);
    flusher.acknowledge(99);
    await expect(answer).resolves.toBe(false);
  });
});
