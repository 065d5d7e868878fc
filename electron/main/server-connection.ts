import { net, safeStorage } from 'electron';
import Store from 'electron-store';
import { z } from 'zod';
import {
  fetchServer,
  ServerToken,
  ServerUrl,
  type ConnectionInfo,
  type ConnectionSettings,
  type FetchConnection,
  type ServerRequest,
  type ServerResponse,
} from '../../shared/sync';

/** Connection settings as IPC hands them over: validated, `allowPlainHttp` filled in. */
type ValidConnectionSettings = z.output<typeof ConnectionSettings>;

/**
 * The sync server's address and token, kept by main in `server-connection.json` in the user-data folder
 * (never in settings.json, which the page reads whole). The token is encrypted with the OS's secure
 * storage through `safeStorage`; where there is none it is kept as it is and the page is told so. The
 * token leaves this module only in the Authorization header of a request main makes itself.
 */
export interface ServerConnection {
  /** What the page may know: the address and whether a usable token is saved, never the token. */
  info(): Promise<ConnectionInfo>;
  /** Saves the address and token (no token: keep the saved one for the same address), or forgets both. */
  save(settings: ValidConnectionSettings | null): Promise<ConnectionInfo>;
  /** One request to the saved server, with the token and the protocol header. */
  request(request: ServerRequest): Promise<ServerResponse>;
}

/**
 * How a token saved now is kept. `os`: encrypted with a key the OS's secure storage holds. `plain`:
 * anything running under this user account can read it, encrypted with a published key or not at all.
 */
type Protection = { storage: 'os' | 'plain'; encrypt: true } | { storage: 'plain'; encrypt: false };

// A token as the file keeps it: encrypted (storage `plain` under Linux's basic_text fallback, whose password
// is fixed and published), or as text where nothing could encrypt it.
const KeptToken = z.union([
  z.strictObject({ storage: z.enum(['os', 'plain']), encrypted: z.base64() }),
  z.strictObject({ storage: z.literal('plain'), text: ServerToken }),
]);
type KeptToken = z.infer<typeof KeptToken>;

const SavedConnection = z.strictObject({ url: ServerUrl, allowPlainHttp: z.boolean(), token: KeptToken });
type SavedConnection = z.infer<typeof SavedConnection>;

/** The saved connection, with its token in clear or null where it can no longer be decrypted. */
interface Unlocked {
  connection: SavedConnection;
  token: string | null;
}

const plainWarning = (platform: NodeJS.Platform) =>
  platform === 'linux'
    ? 'This computer offers Loupe no secure storage (no keyring), so the server token is kept in a file that any program running under your user account can read. To protect it, install or unlock a keyring such as GNOME Keyring or KWallet and restart Loupe; it then moves the token there.'
    : 'The system’s secure storage is not available to Loupe right now, so the server token is kept in a file that any program running under your user account can read. To protect it, allow Loupe to use the Keychain (or your system’s credential store) when asked and restart Loupe; it then moves the token there.';

// Chromium's network stack rather than Node's: it follows the system's proxy settings (PAC, WPAD,
// authenticating proxies) and trusts the OS's certificate store, which hospital and company networks need.
// The saved address is always http(s) (ServerUrl), so this never reaches app:// or file:.
const chromiumFetch: typeof fetch = (input, init) => net.fetch(input instanceof URL ? input.href : input, init);

/**
 * Whether a request goes exactly where its path says. The IPC schema admits "." in a path, and a "..",
 * "%2e%2e" or "." segment would be resolved by the URL parser, leading the token to other paths on the
 * server's host.
 */
export interface ServerConnectionOptions {
  /** Folder of the file; electron-store's default is the app's user-data folder. */
  cwd?: string;
  platform?: NodeJS.Platform;
}

export function openServerConnection({ cwd, platform = process.platform }: ServerConnectionOptions = {}): ServerConnection {
  // Opened on first use, so an unreadable file fails a request rather than the app's start.
  let opened: Store<Record<string, unknown>> | null = null;
  const file = () =>
    (opened ??= new Store<Record<string, unknown>>({
      name: 'server-connection',
      ...(cwd === undefined ? {} : { cwd }),
      // Only this user account may read it: all that protects a token where there is no secure storage.
      configFileMode: 0o600,
      // A file that is not JSON reads as nothing saved; the reviewer enters the server again.
      clearInvalidConfig: true,
      accessPropertiesByDotNotation: false,
    }));

  const protection = async (): Promise<Protection> => {
    // The synchronous safeStorage calls are deprecated in Electron 45 and gone in 46.
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return { storage: 'plain', encrypt: false };
    // With no keyring Linux encrypts with a fixed, published password: that hides the token from a glance, no more.
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return { storage: 'plain', encrypt: true };
    return { storage: 'os', encrypt: true };
  };

  const keep = async (token: string): Promise<KeptToken> => {
    const { storage, encrypt } = await protection();
    if (!encrypt) return { storage, text: token };
    try {
      return { storage, encrypted: (await safeStorage.encryptStringAsync(token)).toString('base64') };
    } catch (error) {
      console.warn('Loupe could not encrypt the server token, so it keeps it unencrypted:', error);
      return { storage: 'plain', text: token };
    }
  };

  /** The token in clear and whether it should be kept anew (better storage now, a rotated key); null if unreadable. */
  const decrypt = async (kept: KeptToken): Promise<{ token: string; keepAnew: boolean } | null> => {
    const better = kept.storage === 'plain' && (await protection()).storage === 'os';
    if ('text' in kept) return { token: kept.text, keepAnew: better };
    try {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(kept.encrypted, 'base64'));
      return { token: result, keepAnew: better || shouldReEncrypt };
    } catch {
      // Another keychain, a reset keyring: as if no token were saved. The entry stays (the keyring may
      // only be locked) until the reviewer saves a token again.
      return null;
    }
  };

  const saved = (): SavedConnection | null => {
    const parsed = SavedConnection.safeParse(file().store);
    return parsed.success ? parsed.data : null;
  };

  // Reading may write (a token moved to better storage): one at a time, so that never undoes a save.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const unlock = async (): Promise<Unlocked | null> => {
    const connection = saved();
    if (connection === null) return null;
    const decrypted = await decrypt(connection.token);
    if (decrypted === null) return { connection, token: null };
    if (!decrypted.keepAnew) return { connection, token: decrypted.token };
    const moved = { ...connection, token: await keep(decrypted.token) };
    try {
      file().store = moved;
    } catch (error) {
      console.warn('Loupe could not store the server token anew; it will try again:', error);
      return { connection, token: decrypted.token };
    }
    return { connection: moved, token: decrypted.token };
  };

  const infoOf = async (unlocked: Unlocked | null): Promise<ConnectionInfo> => {
    const hasToken = unlocked !== null && unlocked.token !== null;
    const storage = hasToken ? unlocked.connection.token.storage : (await protection()).storage;
    return {
      url: unlocked?.connection.url ?? null,
      hasToken,
      allowPlainHttp: unlocked?.connection.allowPlainHttp ?? false,
      storage,
      ...(storage === 'plain' ? { storageWarning: plainWarning(platform) } : {}),
    };
  };

  const save = async (settings: ValidConnectionSettings | null): Promise<ConnectionInfo> => {
    if (settings === null) {
      file().clear();
      return infoOf(null);
    }
    const before = saved();
    // The saved token goes only to the address and the protection it was given for: a page that changes
    // the address, or agrees to plain HTTP, without typing the token cannot have it sent elsewhere or in clear.
    const unchanged = before?.url === settings.url && (before.allowPlainHttp || !settings.allowPlainHttp);
    const token = settings.token !== undefined ? await keep(settings.token) : unchanged ? before.token : null;
    if (token === null) {
      throw new Error(`Paste the token your coordinator gave you for ${settings.url}: a saved token is kept only while the server address stays the same and is not to be sent unencrypted.`);
    }
    file().store = { url: settings.url, allowPlainHttp: settings.allowPlainHttp, token } satisfies SavedConnection;
    return infoOf(await unlock());
  };

  const connection = async (): Promise<FetchConnection | null> => {
    const unlocked = await unlock();
    if (unlocked?.token == null) return null;
    return { url: unlocked.connection.url, token: unlocked.token, allowPlainHttp: unlocked.connection.allowPlainHttp };
  };

  return {
    info: () => serially(async () => infoOf(await unlock())),
    save: (settings) => serially(() => save(settings)),
    // The request was validated on its way in (shared/sync ServerRequest): /health or /v1/, no dot segments.
    request: async (request) => fetchServer(await serially(connection), request, chromiumFetch),
  };
}
