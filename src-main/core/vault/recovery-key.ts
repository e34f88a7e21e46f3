import crypto from 'node:crypto';

/**
 * Recovery keys are read off paper and typed back in, so they use Crockford's base32 (no I, L, O,
 * U; those letters are read as 1, 1, 0 when typed), groups of four, and a final check group that
 * catches typing mistakes before anything is tried against the key file.
 */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const recoveryKeyBytes = 20; // 160 bits
const dataChars = (recoveryKeyBytes * 8) / 5; // 32
const checkChars = 4;

function encode(bytes: Buffer, chars: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

function decode(text: string): Buffer {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

const checkGroup = (bytes: Buffer) => encode(crypto.createHash('sha256').update('komet-recovery-check').update(bytes).digest(), checkChars);

const group = (text: string) => text.match(/.{1,4}/g)!.join('-');

export function generateRecoveryKey(): { bytes: Buffer; text: string } {
  const bytes = crypto.randomBytes(recoveryKeyBytes);
  return { bytes, text: formatRecoveryKey(bytes) };
}

export function formatRecoveryKey(bytes: Buffer): string {
  return group(encode(bytes, dataChars) + checkGroup(bytes));
}

/** The key's bytes, or null when the text is not a well-formed key (wrong length, typo). */
export function parseRecoveryKey(text: string): Buffer | null {
  const cleaned = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (cleaned.length !== dataChars + checkChars || [...cleaned].some((ch) => !alphabet.includes(ch))) return null;
  const bytes = decode(cleaned.slice(0, dataChars));
  return checkGroup(bytes) === cleaned.slice(dataChars) ? bytes : null;
}
