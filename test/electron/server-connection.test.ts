// The sync server's address and token in the desktop shell: kept by main, the token encrypted with the
// OS's secure storage (the stand-in's safeStorage encrypts for real, so files on disk can be searched for
// it), never handed to the page; and requests main makes for the page, to a real local HTTP server.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openServerConnection } from '../../electron/main/server-connection';
import type { Platform } from '../../renderer/platform';
import type { ServerRequest } from '../../shared/sync';
import { net, safeStorage } from './electron-stand-in';
import { startApp } from './start-app';

const TOKEN = 'lt_7Qm2xK9vR4pW8sN3bZ6yH1cJ5dF0gT';
const URL_A = 'https://loupe.example.org';

/** Every file under `folder`, with its contents. */
function filesUnder(folder: string): { file: string; text: string }[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(folder, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => ({ file, text: readFileSync(file, 'latin1') }));
}

/** Files that hold the token as it is or merely base64-encoded. */
function filesHoldingToken(folder: string): string[] {
  const encoded = Buffer.from(TOKEN).toString('base64');
  return filesUnder(folder)
    .filter(({ text }) => text.includes(TOKEN) || text.includes(encoded))
    .map(({ file }) => path.basename(file));
}

/** A sync server stand-in on this machine: records what it receives and answers with JSON. */
async function startServer() {
  const received: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      response.writeHead(202, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ accepted: 2 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

const health: ServerRequest = { method: 'GET', path: '/health', timeoutMs: 5000 };

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'loupe-server-connection-'));
  safeStorage.offers = 'keyring';
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('the server connection kept by main', () => {
  it('keeps the token encrypted by the OS: no file holds it in clear, and it survives a restart', async () => {
    const info = await openServerConnection({ cwd: folder }).save({ url: URL_A, token: TOKEN, allowPlainHttp: false });
    expect(info).toEqual({ url: URL_A, hasToken: true, allowPlainHttp: false, storage: 'os' });
    expect(filesUnder(folder).map(({ file }) => path.basename(file))).toEqual(['server-connection.json']);
    expect(filesHoldingToken(folder)).toEqual([]);
    await expect(openServerConnection({ cwd: folder }).info()).resolves.toEqual(info);
  });

  it('keeps its file readable by this user account only', async () => {
    await openServerConnection({ cwd: folder }).save({ url: URL_A, token: TOKEN, allowPlainHttp: false });
    expect(statSync(path.join(folder, 'server-connection.json')).mode & 0o777).toBe(0o600);
  });

  it('never tells the page the token', async () => {
    const connection = openServerConnection({ cwd: folder });
    const answers = [await connection.save({ url: URL_A, token: TOKEN, allowPlainHttp: false }), await connection.info()];
    for (const answer of answers) expect(JSON.stringify(answer)).not.toContain(TOKEN);
  });

  it('keeps the token where the OS offers no secure storage, and warns with what to do', async () => {
    safeStorage.offers = 'nothing';
    const connection = openServerConnection({ cwd: folder, platform: 'linux' });
    await expect(connection.info()).resolves.toMatchObject({ hasToken: false, storage: 'plain' });
    const info = await connection.save({ url: URL_A, token: TOKEN, allowPlainHttp: false });
    expect(info).toMatchObject({ url: URL_A, hasToken: true, storage: 'plain' });
    expect(info.storageWarning).toMatch(/no secure storage.*file that any program running under your user account can read/);
    expect(info.storageWarning).toMatch(/GNOME Keyring or KWallet/);
  });

  it('treats Linux’s basic_text fallback as no secure storage', async () => {
    safeStorage.offers = 'basic_text';
    const info = await openServerConnection({ cwd: folder, platform: 'linux' }).save({ url: URL_A, token: TOKEN, allowPlainHttp: false });
    expect(info).toMatchObject({ hasToken: true, storage: 'plain', storageWarning: expect.stringMatching(/no keyring/) });
  });

  it('tells a Mac user to allow the Keychain when secure storage is unavailable', async () => {
    safeStorage.offers = 'nothing';
    const info = await openServerConnection({ cwd: folder, platform: 'darwin' }).info();
    expect(info.storageWarning).toMatch(/allow Loupe to use the Keychain/);
  });

  it('moves a token kept without protection into the keyring once there is one', async () => {
    safeStorage.offers = 'nothing';
    await openServerConnection({ cwd: folder }).save({ url: URL_A, token: TOKEN, allowPlainHttp: false });
    expect(filesHoldingToken(folder)).toEqual(['server-connection.json']);
    safeStorage.offers = 'keyring';
    const info = await openServerConnection({ cwd: folder }).info();
    expect(info).toEqual({ url: URL_A, hasToken: true, allowPlainHttp: false, storage: 'os' });
    expect(filesHoldingToken(folder)).toEqual([]);
  });

  it('encrypts the token again after the OS rotated its key', async () => {
    const file = path.join(folder, 'server-connection.json');
    await openServerConnection({ cwd: folder }).save({ url: URL_A, token: TOKEN, allowPlainHttp: false });
    const before = readFileSync(file, 'utf8');
    safeStorage.rotateKey();
    await expect(openServerConnection({ cwd: folder }).info()).resolves.toMatchObject({ hasToken: true, storage: 'os' });
    expect(readFileSync(file, 'utf8')).not.toBe(before);
  });

  it('reads a token the keychain can no longer decrypt as no token, and takes a new one', async () => {
    const server = await startServer();
    try {
      await openServerConnection({ cwd: folder }).save({ url: server.url, token: TOKEN, allowPlainHttp: false });
      safeStorage.replaceKeyring();
      const connection = openServerConnection({ cwd: folder });
      await expect(connection.info()).resolves.toMatchObject({ url: server.url, hasToken: false });
      await expect(connection.request(health)).resolves.toEqual({ kind: 'not-configured' });
      await expect(connection.save({ url: server.url, token: TOKEN, allowPlainHttp: false })).resolves.toMatchObject({ hasToken: true });
      await expect(connection.request(health)).resolves.toMatchObject({ kind: 'answer', status: 202 });
    } finally {
      await server.close();
    }
  });

  it('forgets the address and the token', async () => {
    const connection = openServerConnection({ cwd: folder });
    await connection.save({ url: URL_A, token: TOKEN, allowPlainHttp: false });
    await expect(connection.save(null)).resolves.toEqual({ url: null, hasToken: false, allowPlainHttp: false, storage: 'os' });
    await expect(connection.request(health)).resolves.toEqual({ kind: 'not-configured' });
    expect(readFileSync(path.join(folder, 'server-connection.json'), 'utf8')).not.toMatch(/loupe\.example\.org|encrypted/);
  });

  it('keeps the saved token for the same address and protection, and asks for it when either changes', async () => {
    const connection = openServerConnection({ cwd: folder });
    await expect(connection.save({ url: URL_A, allowPlainHttp: false })).rejects.toThrow(
      'Paste the token your coordinator gave you for https://loupe.example.org: a saved token is kept only while the server address stays the same and is not to be sent unencrypted.',
    );
    await connection.save({ url: URL_A, token: TOKEN, allowPlainHttp: false });
    await expect(connection.save({ url: URL_A, allowPlainHttp: false })).resolves.toMatchObject({ url: URL_A, hasToken: true, allowPlainHttp: false });
    // Agreeing to send it unencrypted takes the token typed again: a page alone cannot have it sent in clear.
    await expect(connection.save({ url: URL_A, allowPlainHttp: true })).rejects.toThrow(/Paste the token/);
    await expect(connection.save({ url: URL_A, token: TOKEN, allowPlainHttp: true })).resolves.toMatchObject({ url: URL_A, hasToken: true, allowPlainHttp: true });
    // A page that could redirect the saved token to another host could steal it.
    await expect(connection.save({ url: 'https://elsewhere.example.com', allowPlainHttp: true })).rejects.toThrow(/Paste the token .*https:\/\/elsewhere\.example\.com/);
    await expect(connection.info()).resolves.toMatchObject({ url: URL_A, hasToken: true });
  });

  it('reads a damaged file as nothing saved, and saves over it', async () => {
    writeFileSync(path.join(folder, 'server-connection.json'), '{"url": "https://loupe.exa');
    const connection = openServerConnection({ cwd: folder });
    await expect(connection.info()).resolves.toMatchObject({ url: null, hasToken: false });
    await expect(connection.save({ url: URL_A, token: TOKEN, allowPlainHttp: false })).resolves.toMatchObject({ hasToken: true });
  });

  it('lives in the app’s user-data folder, apart from the settings', async () => {
    const { app } = await import('./electron-stand-in');
    app.setPath('userData', folder);
    await openServerConnection().save({ url: URL_A, token: TOKEN, allowPlainHttp: false });
    expect(readdirSync(folder)).toEqual(['server-connection.json']);
  });
});

describe('requests main makes to the server', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('adds the token and the protocol version, and returns the server’s answer', async () => {
    server.received.length = 0;
    const connection = openServerConnection({ cwd: folder });
    await connection.save({ url: server.url, token: TOKEN, allowPlainHttp: false });
    const answer = await connection.request({ method: 'POST', path: '/v1/push', query: { batch: 'b-1' }, body: { events: [1, 2] }, timeoutMs: 5000 });
    expect(answer).toEqual({ kind: 'answer', status: 202, body: { accepted: 2 } });
    expect(server.received).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/v1/push?batch=b-1',
        headers: expect.objectContaining({ authorization: `Bearer ${TOKEN}`, 'loupe-protocol': '1', 'content-type': 'application/json' }),
        body: '{"events":[1,2]}',
      }),
    ]);
  });

  it('answers "not configured" while no server is saved, without sending anything', async () => {
    server.received.length = 0;
    await expect(openServerConnection({ cwd: folder }).request(health)).resolves.toEqual({ kind: 'not-configured' });
    expect(server.received).toEqual([]);
  });

  it('refuses plain HTTP to another machine until the reviewer agrees', async () => {
    const fetched = vi.spyOn(net, 'fetch').mockResolvedValue(Response.json({ status: 'ok' }));
    const connection = openServerConnection({ cwd: folder });
    // 192.0.2.0/24 is reserved for documentation: no machine answers there.
    await connection.save({ url: 'http://192.0.2.10:8080', token: TOKEN, allowPlainHttp: false });
    await expect(connection.request(health)).resolves.toEqual({ kind: 'plain-http' });
    expect(fetched).not.toHaveBeenCalled();
    await connection.save({ url: 'http://192.0.2.10:8080', token: TOKEN, allowPlainHttp: true });
    await expect(connection.request(health)).resolves.toEqual({ kind: 'answer', status: 200, body: { status: 'ok' } });
    expect(fetched).toHaveBeenCalledWith('http://192.0.2.10:8080/health', expect.objectContaining({ headers: expect.objectContaining({ authorization: `Bearer ${TOKEN}` }) }));
  });
});

describe('the page and the server, through the desktop shell', () => {
  let platform: Platform;
  let userData: string;
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    server = await startServer();
    const electron = await startApp();
    userData = electron.app.getPath('userData');
    vi.stubGlobal('loupe', electron.contextBridge.exposed.get('loupe'));
    const { createPlatform } = await import('../../renderer/platform/electron');
    platform = createPlatform();
  });
  afterAll(async () => {
    vi.unstubAllGlobals();
    await server.close();
  });

  it('saves the server and makes requests through main, with no file holding the token in clear', async () => {
    await platform.loadSettings();
    await expect(platform.saveConnection({ url: server.url, token: TOKEN })).resolves.toEqual({
      url: server.url,
      hasToken: true,
      allowPlainHttp: false,
      storage: 'os',
    });
    await expect(platform.serverRequest(health)).resolves.toEqual({ kind: 'answer', status: 202, body: { accepted: 2 } });
    expect(server.received.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(filesUnder(userData).map(({ file }) => path.basename(file)).sort()).toEqual(['server-connection.json', 'settings.json']);
    expect(filesHoldingToken(userData)).toEqual([]);
    await expect(platform.connection()).resolves.toMatchObject({ url: server.url, hasToken: true });
  });

  it('lets the page reach only /health and /v1/ on the server', async () => {
    server.received.length = 0;
    for (const path of ['/admin', '/v2/push', '/health/../admin', 'https://evil.example/v1/x']) {
      await expect(platform.serverRequest({ ...health, path }), path).rejects.toThrow(/Loupe refused "loupe:server:request": invalid payload/);
    }
    for (const path of ['/v1/../admin', '/v1/%2e%2e/admin', '/v1/./push']) {
      await expect(platform.serverRequest({ ...health, path }), path).rejects.toThrow(/Loupe refused "loupe:server:request": invalid payload[\s\S]*no "\." or "\.\." segments/);
    }
    expect(server.received).toEqual([]);
  });
});
