import fs from 'node:fs/promises';
import { Decrypter } from 'age-encryption';
import type { AppError } from '../errors';
import { readIdentityFile } from './encrypt';
import { exportErrors } from './export-errors';

/**
 * The age header of a package, read once: it tells a damaged file from a key that does not match
 * as far as the format allows, and yields the file key that both passes of Öppna export use (so a
 * passphrase's scrypt runs once).
 */

export type OpenCredentials = { identityFile: string } | { identities: readonly string[] } | { passphrase: string };

const AGE_MAGIC = 'age-encryption.org/v1\n';
/** Komet's headers are a few hundred bytes per recipient; a header longer than this is not one. */
const MAX_HEADER_BYTES = 64 * 1024;

export interface AgeHeader {
  /** The header up to and including the MAC line. */
  bytes: Uint8Array;
  /** The first argument of each recipient stanza ("X25519", "scrypt", …). */
  stanzaTypes: string[];
}

export async function readAgeHeader(file: string): Promise<AgeHeader> {
  let head: Buffer;
  try {
    const handle = await fs.open(file, 'r');
    try {
      const buf = Buffer.alloc(MAX_HEADER_BYTES);
      const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    throw exportErrors.inputUnreadable();
  }
  if (head.toString('latin1', 0, AGE_MAGIC.length) !== AGE_MAGIC) throw exportErrors.notAge();
  const text = head.toString('latin1');
  const mac = text.indexOf('\n--- ');
  const end = mac < 0 ? -1 : text.indexOf('\n', mac + 1);
  // No MAC line where a header must have one: damaged or cut off.
  if (end < 0) throw exportErrors.corrupt();
  const stanzaTypes = text
    .slice(AGE_MAGIC.length, mac + 1)
    .split('\n')
    .filter((line) => line.startsWith('-> '))
    .map((line) => line.slice(3).split(' ')[0] ?? '');
  return { bytes: new Uint8Array(head.subarray(0, end + 1)), stanzaTypes };
}

/** A decrypter for the credentials; a malformed key is refused here, before any file is read. */
export async function decrypterFor(credentials: OpenCredentials): Promise<Decrypter> {
  const decrypter = new Decrypter();
  if ('passphrase' in credentials) decrypter.addPassphrase(credentials.passphrase);
  else {
    const keys = 'identityFile' in credentials ? await readIdentityFile(credentials.identityFile) : [...credentials.identities];
    if (keys.length === 0) throw exportErrors.identityMalformed();
    for (const key of keys) {
      try {
        decrypter.addIdentity(key);
      } catch {
        throw exportErrors.identityMalformed();
      }
    }
  }
  return decrypter;
}

/** The file key, once the header's MAC is verified with it. */
export async function unwrapFileKey(header: AgeHeader, decrypter: Decrypter, credentials: OpenCredentials): Promise<Uint8Array> {
  try {
    return await decrypter.decryptHeader(header.bytes);
  } catch (error) {
    throw classifyHeaderError(error, header, credentials);
  }
}

/**
 * A header that parses but where no identity opened any stanza is either made for someone else or
 * damaged inside a stanza. What can be told apart is told apart: Komet writes only X25519 stanzas
 * or one scrypt stanza, so any other type is a damaged header; a passphrase tried on a file made
 * for keys (or a key on a passphrase file) says so. A stanza of the right type whose share or
 * wrapped key was altered cannot be told from one made for another key (age hides recipients by
 * design): that is reported as a key that does not match, with the damage named as the other,
 * rarer, cause.
 */
function classifyHeaderError(error: unknown, header: AgeHeader, credentials: OpenCredentials): AppError {
  const message = error instanceof Error ? error.message : '';
  if (!/no identity matched/.test(message)) return exportErrors.corrupt();
  const types = header.stanzaTypes;
  if (types.length === 0 || types.some((t) => t !== 'X25519' && t !== 'scrypt')) return exportErrors.corrupt();
  const forPassphrase = types.includes('scrypt');
  if ('passphrase' in credentials && !forPassphrase) return exportErrors.madeForKeys();
  if (!('passphrase' in credentials) && forPassphrase) return exportErrors.madeForPassphrase();
  return exportErrors.wrongIdentity();
}
