import { beforeAll, describe, expect, it } from 'vitest';
import type { LoupeBridge } from '../../shared/ipc';
import { BrowserWindowStandIn, contextBridge, ipcMain } from './electron-stand-in';

let bridge: LoupeBridge;
const invoked: { channel: string; args: unknown[] }[] = [];
const acks: unknown[] = [];
let readySignals = 0;
const window = new BrowserWindowStandIn({});

beforeAll(async () => {
  await import('../../electron/preload/index');
  bridge = contextBridge.exposed.get('loupe') as LoupeBridge;
  // Main's side, reduced to a recorder.
  ipcMain.handle('loupe:settings:load', (_event, ...args) => {
    invoked.push({ channel: 'loupe:settings:load', args });
    return { theme: 'dark' };
  });
  ipcMain.on('loupe:app:flushed', (_event, payload) => acks.push(payload));
  ipcMain.on('loupe:file:ready', () => (readySignals += 1));
});

const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 5));
const requestFlush = async (id: number) => {
  window.webContents.send('loupe:app:flush', { id });
  await nextTurn();
};

describe('the preload', () => {
  it('exposes one object, window.loupe, with invoke, onFlush and onOpenFile and nothing else', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['loupe']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onFlush', 'onOpenFile']);
    expect(bridge).not.toHaveProperty('send');
    expect(bridge).not.toHaveProperty('on');
  });

  it('forwards a call on a request channel of the contract', async () => {
    await expect(bridge.invoke('loupe:settings:load')).resolves.toEqual({ theme: 'dark' });
    expect(invoked).toEqual([{ channel: 'loupe:settings:load', args: [] }]);
  });

  it('refuses every other channel without sending anything', async () => {
    invoked.length = 0;
    const call = bridge.invoke as (channel: string, payload?: unknown) => Promise<unknown>;
    for (const channel of ['loupe:app:flushed', 'loupe:app:flush', 'loupe:file:ready', 'loupe:file:open', 'electron-store-get-data', 'loupe:', 'LOUPE:settings:load', '']) {
      await expect(call(channel), channel).rejects.toThrow(`"${channel}" is not a channel the page may call`);
    }
    expect(invoked).toEqual([]);
  });

  it('answers a flush request once every listener has settled, even a failing one', async () => {
    const order: string[] = [];
    const removeSlow = bridge.onFlush(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('slow listener done');
    });
    const removeFailing = bridge.onFlush(() => Promise.reject(new Error('disk full')));
    const removeThrowing = bridge.onFlush(() => {
      throw new Error('bug');
    });
    acks.length = 0;
    await requestFlush(7);
    expect(acks).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(order).toEqual(['slow listener done']);
    expect(acks).toEqual([{ id: 7 }]);
    removeSlow();
    removeFailing();
    removeThrowing();
  });

  it('answers at once when the page has no listener, and stops calling a removed one', async () => {
    let calls = 0;
    const remove = bridge.onFlush(async () => {
      calls += 1;
    });
    remove();
    acks.length = 0;
    await requestFlush(8);
    await nextTurn();
    expect(calls).toBe(0);
    expect(acks).toEqual([{ id: 8 }]);
  });

  it('tells main it is ready on the first file subscription only, and keeps files nobody took yet', async () => {
    const sendFile = async (name: string) => {
      window.webContents.send('loupe:file:open', { name, path: `/w/${name}`, size: 1, offset: 0, bytes: new Uint8Array([1]) });
      await nextTurn();
    };
    await sendFile('early.loupe');
    expect(readySignals).toBe(0);
    const first: string[] = [];
    const removeFirst = bridge.onOpenFile((message) => first.push(message.name));
    await nextTurn();
    expect(readySignals).toBe(1);
    expect(first).toEqual(['early.loupe']);
    removeFirst();
    // A page that re-subscribes (a React effect run twice) does not lose what came in between.
    await sendFile('between.loupe');
    const second: string[] = [];
    bridge.onOpenFile((message) => second.push(message.name));
    await sendFile('later.loupe');
    await nextTurn();
    expect(readySignals).toBe(1);
    expect(first).toEqual(['early.loupe']);
    expect(second).toEqual(['between.loupe', 'later.loupe']);
  });

  it('joins a file sent in parts, and passes a failure on as it came', async () => {
    const received: unknown[] = [];
    const remove = bridge.onOpenFile((message) => received.push(message));
    const send = (message: unknown) => window.webContents.send('loupe:file:open', message);
    send({ name: 'big.loupe', path: '/w/big.loupe', size: 5, offset: 0, bytes: new Uint8Array([1, 2]) });
    send({ name: 'big.loupe', path: '/w/big.loupe', size: 5, offset: 2, bytes: new Uint8Array([3, 4]) });
    send({ name: 'big.loupe', path: '/w/big.loupe', size: 5, offset: 4, bytes: new Uint8Array([5]) });
    const failure = { name: 'gone.loupe', path: '/w/gone.loupe', problem: 'missing', message: 'Loupe could not open “gone.loupe”.' };
    send(failure);
    send({ name: 'empty.csv', path: '/w/empty.csv', size: 0, offset: 0, bytes: new Uint8Array() });
    await nextTurn();
    expect(received).toEqual([
      { name: 'big.loupe', path: '/w/big.loupe', bytes: new Uint8Array([1, 2, 3, 4, 5]) },
      failure,
      { name: 'empty.csv', path: '/w/empty.csv', bytes: new Uint8Array() },
    ]);
    remove();
  });
});
