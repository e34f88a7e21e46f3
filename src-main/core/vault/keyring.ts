import crypto from 'node:crypto';
import type { KeyFile, RetiredKey } from './key-file';

/**
 * The data keys an open vault holds: the current one, and the ones a rekey replaced, which the
 * backups made before it are still encrypted with. Overwritten by `forget` when the vault locks.
 */
export interface Keyring {
  keyId: string;
  key: Buffer;
  retired: Map<string, Buffer>;
}

// The data key opens the database; a key derived from it (never the key itself) wraps the old ones.
const retiredWrapKey = (dataKey: Buffer, keyId: string) =>
  Buffer.from(crypto.hkdfSync('sha256', dataKey, Buffer.from(keyId, 'base64'), 'komet retired keys', 32));

const retiredAad = (keyId: string, retiredId: string) => Buffer.from(JSON.stringify({ keyId, retired: retiredId }));

export function sealRetired(dataKey: Buffer, keyId: string, retiredId: string, retiredKey: Buffer): RetiredKey {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', retiredWrapKey(dataKey, keyId), iv);
  cipher.setAAD(retiredAad(keyId, retiredId));
  const wrappedKey = Buffer.concat([cipher.update(retiredKey), cipher.final()]);
  return { keyId: retiredId, iv: iv.toString('base64'), wrappedKey: wrappedKey.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** The keyring of a key file whose data key is known; a retired key that fails to open is left out. */
export function keyringOf(file: Pick<KeyFile, 'keyId' | 'retired'>, dataKey: Buffer): Keyring {
  const retired = new Map<string, Buffer>();
  const wrapKey = retiredWrapKey(dataKey, file.keyId);
  for (const r of file.retired ?? []) {
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', wrapKey, Buffer.from(r.iv, 'base64'));
      decipher.setAAD(retiredAad(file.keyId, r.keyId));
      decipher.setAuthTag(Buffer.from(r.tag, 'base64'));
      retired.set(r.keyId, Buffer.concat([decipher.update(Buffer.from(r.wrappedKey, 'base64')), decipher.final()]));
    } catch {
      // Altered: the backups of that key can still be opened with their own key copies.
    }
  }
  wrapKey.fill(0);
  return { keyId: file.keyId, key: dataKey, retired };
}

/** Every key id whose backups belong to this vault. */
export const lineage = (ring: Keyring): Set<string> => new Set([ring.keyId, ...ring.retired.keys()]);

export const keyFor = (ring: Keyring, keyId: string | null): Buffer | undefined =>
  keyId === null ? undefined : keyId === ring.keyId ? ring.key : ring.retired.get(keyId);

export function forget(ring: Keyring): void {
  ring.key.fill(0);
  for (const k of ring.retired.values()) k.fill(0);
  ring.retired.clear();
}

/** A copy whose buffers the caller may overwrite without touching the original. */
export const cloneKeyring = (ring: Keyring): Keyring => ({
  keyId: ring.keyId,
  key: Buffer.from(ring.key),
  retired: new Map([...ring.retired].map(([id, k]) => [id, Buffer.from(k)])),
});
