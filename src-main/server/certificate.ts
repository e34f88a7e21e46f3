import { createHash, generateKeyPairSync, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';

/**
 * A self-signed certificate for `komet server`, made with Node's own crypto (no openssl needed):
 * an ECDSA P-256 key and an X.509 v3 certificate encoded here in DER. Devices do not trust it
 * through a CA but by its SHA-256 fingerprint, which every enrolment code carries.
 */

const der = {
  len(n: number): Buffer {
    if (n < 0x80) return Buffer.from([n]);
    const bytes: number[] = [];
    for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
    return Buffer.from([0x80 | bytes.length, ...bytes]);
  },
  tlv(tag: number, body: Buffer): Buffer {
    return Buffer.concat([Buffer.from([tag]), der.len(body.length), body]);
  },
  seq: (...items: Buffer[]) => der.tlv(0x30, Buffer.concat(items)),
  set: (...items: Buffer[]) => der.tlv(0x31, Buffer.concat(items)),
  /** A non-negative INTEGER in its one valid DER form: OpenSSL refuses a redundant leading zero. */
  int(bytes: Buffer): Buffer {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    const trimmed = bytes.subarray(start);
    const body = trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
    return der.tlv(0x02, body);
  },
  oid(dotted: string): Buffer {
    const parts = dotted.split('.').map(Number);
    const out = [parts[0]! * 40 + parts[1]!];
    for (const p of parts.slice(2)) {
      const chunk: number[] = [];
      let v = p;
      do {
        chunk.unshift(v & 0x7f);
        v >>= 7;
      } while (v > 0);
      for (let i = 0; i < chunk.length - 1; i++) chunk[i]! |= 0x80;
      out.push(...chunk);
    }
    return der.tlv(0x06, Buffer.from(out));
  },
  utf8: (s: string) => der.tlv(0x0c, Buffer.from(s, 'utf8')),
  time(d: Date): Buffer {
    const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
    return d.getUTCFullYear() < 2050 ? der.tlv(0x17, Buffer.from(iso.slice(2), 'ascii')) : der.tlv(0x18, Buffer.from(iso, 'ascii'));
  },
  bitString: (body: Buffer) => der.tlv(0x03, Buffer.concat([Buffer.from([0]), body])),
  octetString: (body: Buffer) => der.tlv(0x04, body),
  explicit: (n: number, body: Buffer) => der.tlv(0xa0 + n, body),
};

const ecdsaWithSha256 = () => der.seq(der.oid('1.2.840.10045.4.3.2'));
const name = (commonName: string) => der.seq(der.set(der.seq(der.oid('2.5.4.3'), der.utf8(commonName))));

function subjectAltName(hosts: readonly string[]): Buffer {
  const names = hosts.map((h) => {
    const ip = /^\d{1,3}(\.\d{1,3}){3}$/.test(h) ? Buffer.from(h.split('.').map(Number)) : null;
    return ip ? der.tlv(0x87, ip) : der.tlv(0x82, Buffer.from(h, 'ascii'));
  });
  return der.seq(der.oid('2.5.29.17'), der.octetString(der.seq(...names)));
}

export interface ServerCertificate {
  certPem: string;
  keyPem: string;
  fingerprint: string;
}

/** Certificate and key for the given host names and addresses, valid for `years` from now. */
export function createServerCertificate(
  commonName: string,
  hosts: readonly string[],
  years = 10,
  now = new Date(),
  serial: Buffer = randomBytes(16),
): ServerCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + years);
  serial = Buffer.from(serial);
  serial[0]! &= 0x7f;
  const extensions = der.explicit(
    3,
    der.seq(
      subjectAltName(hosts),
      // Basic constraints: not a CA. Key usage: digital signature (ECDHE).
      der.seq(der.oid('2.5.29.19'), der.tlv(0x01, Buffer.from([0xff])), der.octetString(der.seq())),
      der.seq(der.oid('2.5.29.15'), der.tlv(0x01, Buffer.from([0xff])), der.octetString(der.tlv(0x03, Buffer.from([0x07, 0x80])))),
    ),
  );
  const tbs = der.seq(
    der.explicit(0, der.int(Buffer.from([2]))),
    der.int(serial),
    ecdsaWithSha256(),
    name(commonName),
    der.seq(der.time(now), der.time(notAfter)),
    name(commonName),
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  );
  const signature = sign('sha256', tbs, privateKey as KeyObject);
  const cert = der.seq(tbs, ecdsaWithSha256(), der.bitString(signature));
  const certPem = `-----BEGIN CERTIFICATE-----\n${cert.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END CERTIFICATE-----\n`;
  const parsed = new X509Certificate(certPem);
  if (!parsed.verify(publicKey)) throw new Error('certificate does not verify');
  return { certPem, keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), fingerprint: fingerprintOf(certPem) };
}

/** SHA-256 over the certificate's DER, as lowercase hex: what enrolment codes pin. */
export function fingerprintOf(certPemOrDer: string | Buffer): string {
  const raw = typeof certPemOrDer === 'string' ? new X509Certificate(certPemOrDer).raw : certPemOrDer;
  return createHash('sha256').update(raw).digest('hex');
}

/** The fingerprint the way people compare it by eye: groups of four. */
export const displayFingerprint = (hex: string) => hex.toUpperCase().replace(/(.{4})(?!$)/g, '$1 ');
