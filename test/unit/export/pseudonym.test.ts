import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base32, createPseudonymiser, exportKeyId, newExportKey } from '../../../src-main/core/export/pseudonym';
import { TEST_KEY } from './fixtures';

describe('pseudonyms', () => {
  it('encodes base32 as RFC 4648 does (test vectors, no padding)', () => {
    const enc = (s: string) => base32(new TextEncoder().encode(s));
    expect(enc('')).toBe('');
    expect(enc('f')).toBe('MY');
    expect(enc('fo')).toBe('MZXQ');
    expect(enc('foo')).toBe('MZXW6');
    expect(enc('foob')).toBe('MZXW6YQ');
    expect(enc('fooba')).toBe('MZXW6YTB');
    expect(enc('foobar')).toBe('MZXW6YTBOI');
  });

  it('is HMAC-SHA256 over "<entity>:<id>", first 16 bytes, prefixed by entity', () => {
    const pseudo = createPseudonymiser(TEST_KEY);
    const mac = createHmac('sha256', Buffer.from(TEST_KEY)).update('participant:abc').digest();
    expect(pseudo('participant', 'abc')).toBe(`P-${base32(mac.subarray(0, 16))}`);
    expect(pseudo('participant', 'abc')).toMatch(/^P-[A-Z2-7]{26}$/);
    expect(pseudo('group', 'abc')).toMatch(/^G-[A-Z2-7]{26}$/);
    expect(pseudo('family', 'abc')).toMatch(/^F-/);
    expect(pseudo('leader', 'abc')).toMatch(/^L-/);
  });

  it('is stable for the same key and separates entity types', () => {
    const a = createPseudonymiser(TEST_KEY);
    const b = createPseudonymiser(Uint8Array.from(TEST_KEY));
    expect(a('group', 'x1')).toBe(b('group', 'x1'));
    expect(a('group', 'x1').slice(2)).not.toBe(a('participant', 'x1').slice(2));
    expect(a('group', 'x1')).not.toBe(a('group', 'x2'));
  });

  it('breaks linkage when the key is replaced', () => {
    const other = newExportKey();
    expect(other).toHaveLength(32);
    expect(createPseudonymiser(other)('participant', 'p1')).not.toBe(createPseudonymiser(TEST_KEY)('participant', 'p1'));
    expect(exportKeyId(other)).not.toBe(exportKeyId(TEST_KEY));
    expect(exportKeyId(TEST_KEY)).toBe(exportKeyId(Uint8Array.from(TEST_KEY)));
  });

  it('keeping only the last pseudonym of each entity gives the same pseudonyms in any order', () => {
    const mac = (entity: string, id: string) => createHmac('sha256', Buffer.from(TEST_KEY)).update(`${entity}:${id}`).digest().subarray(0, 16);
    const last = createPseudonymiser(TEST_KEY, 'last');
    // Repeats, a return to an earlier id, and two entities interleaved with the same id.
    const calls: ['participant' | 'group', string][] = [
      ['participant', 'a'],
      ['participant', 'a'],
      ['group', 'a'],
      ['participant', 'b'],
      ['participant', 'a'],
      ['group', 'g'],
      ['group', 'a'],
    ];
    for (const [entity, id] of calls) expect(last(entity, id)).toBe(`${entity === 'group' ? 'G' : 'P'}-${base32(mac(entity, id))}`);
  });

  it('refuses keys of the wrong length', () => {
    expect(() => createPseudonymiser(new Uint8Array(16))).toThrow(/32 bytes/);
    expect(() => exportKeyId(new Uint8Array(31))).toThrow(/32 bytes/);
  });

  it('gives distinct pseudonyms to many ids', () => {
    const pseudo = createPseudonymiser(TEST_KEY);
    const seen = new Set(Array.from({ length: 5000 }, (_, i) => pseudo('participant', `id-${i}`)));
    expect(seen.size).toBe(5000);
  });
});
