// Keys: printable text forms, fingerprints, key files, and that a secret key is never taken for a public one.
import { describe, expect, it } from 'vitest';
import {
  fingerprint,
  generateEncryptionKey,
  generateSigningKey,
  isEncryptionPrivateKey,
  isEncryptionPublicKey,
  isSigningPrivateKey,
  isSigningPublicKey,
  keyFileText,
  publicKeyOf,
  readKeyFile,
} from '../../shared/batch-file';

describe('keys', () => {
  it('have a printable text form naming the algorithm and whether they are secret', () => {
    const sign = generateSigningKey();
    const enc = generateEncryptionKey();
    expect(sign.publicKey).toMatch(/^loupe-ed25519:[A-Za-z0-9_-]{43}$/u);
    expect(sign.privateKey).toMatch(/^loupe-ed25519-secret:[A-Za-z0-9_-]{43}$/u);
    expect(enc.publicKey).toMatch(/^loupe-x25519:[A-Za-z0-9_-]{43}$/u);
    expect(enc.privateKey).toMatch(/^loupe-x25519-secret:[A-Za-z0-9_-]{43}$/u);
    expect(publicKeyOf(sign.privateKey)).toBe(sign.publicKey);
    expect(publicKeyOf(enc.privateKey)).toBe(enc.publicKey);
    expect([isSigningPublicKey(sign.publicKey), isSigningPrivateKey(sign.privateKey), isEncryptionPublicKey(enc.publicKey), isEncryptionPrivateKey(enc.privateKey)]).toEqual([true, true, true, true]);
    expect([isSigningPublicKey(sign.privateKey), isSigningPublicKey(enc.publicKey), isEncryptionPublicKey(sign.publicKey), isEncryptionPrivateKey(enc.publicKey)]).toEqual([false, false, false, false]);
    expect(generateSigningKey().publicKey).not.toBe(sign.publicKey);
  });

  it('refuse malformed text and Ed25519 keys of small order (which anyone could sign for)', () => {
    expect(isSigningPublicKey('loupe-ed25519:' + 'A'.repeat(43))).toBe(false); // all zeros: a point of small order
    expect(isSigningPublicKey('loupe-ed25519:AQ' + 'A'.repeat(41))).toBe(false); // the identity point
    expect(isSigningPublicKey('loupe-ed25519:' + 'A'.repeat(42))).toBe(false);
    expect(isSigningPublicKey('loupe-ed25519:' + 'A'.repeat(42) + '=')).toBe(false);
    expect(isSigningPublicKey(' ' + generateSigningKey().publicKey)).toBe(false);
    expect(isEncryptionPublicKey('loupe-x25519:' + '!'.repeat(43))).toBe(false);
  });

  it('have fingerprints of eight groups of four hex digits, the same for the same key', () => {
    const k = generateSigningKey();
    expect(fingerprint(k.publicKey)).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){7}$/u);
    expect(fingerprint(k.publicKey)).toBe(fingerprint(publicKeyOf(k.privateKey)));
    expect(fingerprint(generateSigningKey().publicKey)).not.toBe(fingerprint(k.publicKey));
  });

  it('are kept in key files that read back, and a changed key file is refused', () => {
    for (const pair of [generateSigningKey(), generateEncryptionKey()]) {
      const text = keyFileText(pair, { name: 'Coordinator, ward 7', createdAt: '2026-11-25T10:00:00Z' });
      const read = readKeyFile(text);
      if (!read.ok) throw new Error(read.message);
      expect(read.key).toMatchObject({ format: 'loupe-key', formatVersion: '1.0', publicKey: pair.publicKey, privateKey: pair.privateKey, fingerprint: fingerprint(pair.publicKey), name: 'Coordinator, ward 7' });
      const json = JSON.parse(text) as Record<string, string>;
      const other = pair.publicKey.startsWith('loupe-ed25519:') ? generateSigningKey() : generateEncryptionKey();
      expect(readKeyFile(JSON.stringify({ ...json, publicKey: other.publicKey }), 'me.key')).toEqual({ ok: false, message: expect.stringMatching(/^me\.key: its public key does not belong to its secret key/u) });
      expect(readKeyFile(JSON.stringify({ ...json, fingerprint: '0000' }), 'me.key')).toEqual({ ok: false, message: expect.stringMatching(/fingerprint does not match/u) });
      expect(readKeyFile(JSON.stringify({ ...json, formatVersion: '2.0' }), 'me.key')).toEqual({ ok: false, message: expect.stringMatching(/newer Loupe/u) });
    }
    expect(readKeyFile('{', 'me.key')).toEqual({ ok: false, message: expect.stringMatching(/^me\.key: not JSON/u) });
    expect(readKeyFile('{"format": "other"}', 'me.key')).toEqual({ ok: false, message: expect.stringMatching(/not a Loupe key file/u) });
    const sign = generateSigningKey();
    const mixed = JSON.parse(keyFileText(sign)) as Record<string, string>;
    expect(readKeyFile(JSON.stringify({ ...mixed, privateKey: generateEncryptionKey().privateKey })).ok).toBe(false);
  });
});
