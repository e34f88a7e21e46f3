import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createServerCertificate, fingerprintOf } from '../../../src-main/server/certificate';

/**
 * One random serial in 256 starts with a zero byte followed by one below 0x80; written as it
 * came, OpenSSL refused the certificate ("illegal padding") and `komet server init` failed.
 */
describe('server certificate', () => {
  const now = new Date('2026-12-03T10:00:00Z');
  const serials: Array<[string, string, string]> = [
    ['leading zero, then a small byte', '00' + '01'.repeat(15), '01'.repeat(15)],
    ['two leading zeros', '0000' + '7f'.repeat(14), '7f'.repeat(14)],
    ['leading zero, then a high byte', '00' + 'ff'.repeat(15), 'ff'.repeat(15)],
    ['high first byte (cleared to stay positive)', 'ff'.repeat(16), '7f' + 'ff'.repeat(15)],
  ];
  for (const [label, hex, expectedSerial] of serials) {
    it(`is readable with a serial with ${label}`, () => {
      const cert = createServerCertificate('komet-server Test', ['127.0.0.1', 'localhost'], 10, now, Buffer.from(hex, 'hex'));
      const parsed = new X509Certificate(cert.certPem);
      expect(parsed.serialNumber.toLowerCase()).toBe(expectedSerial);
      expect(parsed.subject).toBe('CN=komet-server Test');
      expect(parsed.subjectAltName).toBe('IP Address:127.0.0.1, DNS:localhost');
      expect(parsed.validFrom).toBe('Dec  3 10:00:00 2026 GMT');
      expect(parsed.validTo).toBe('Dec  3 10:00:00 2036 GMT');
      expect(cert.fingerprint).toBe(fingerprintOf(cert.certPem));
      expect(cert.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    });
  }
});
