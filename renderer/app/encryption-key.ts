import { generateEncryptionKey, isEncryptionPrivateKey, isEncryptionPublicKey, type EncryptionPrivateKey, type EncryptionPublicKey } from '../../shared/batch-file';
import type { DeviceEncryptionKey, Settings } from '../../shared/settings';

/**
 * This device's X25519 key pair (`settings.encryptionKey`), made on demand in Settings or on the desk.
 * The secret half is kept with the settings on this device and nowhere else.
 */
export function newDeviceEncryptionKey(now: Date = new Date()): DeviceEncryptionKey {
  const pair = generateEncryptionKey();
  return { publicKey: pair.publicKey, privateKey: pair.privateKey, createdAt: now.toISOString() };
}

/** The device's secret encryption key(s), for `decryptWith`: none until one was made. */
export function deviceDecryptionKeys(settings: Pick<Settings, 'encryptionKey'> | null | undefined): EncryptionPrivateKey[] {
  const own = settings?.encryptionKey?.privateKey;
  return own && isEncryptionPrivateKey(own) ? [own] : [];
}

/** The device's public encryption key, when it has one: what others encrypt files to. */
export function devicePublicKey(settings: Pick<Settings, 'encryptionKey'> | null | undefined): EncryptionPublicKey | null {
  const own = settings?.encryptionKey?.publicKey;
  return own && isEncryptionPublicKey(own) ? own : null;
}
