import { createHmac, randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { privateDirMode } from '../core/private-dir';
import { openServerDatabase } from '../core/repos/sync-server/open';
import { serverMetaRepo } from '../core/repos/sync-server/devices';
import { writeFileAtomic } from '../core/vault';
import { createServerCertificate } from './certificate';
import { ServerFailure } from './failure';

/**
 * A server's data folder: `server.json` (public: name, certificate and its fingerprint, how the
 * key is derived) and `server.db`, encrypted with a key derived from KOMET_SERVER_PASSPHRASE. The
 * TLS private key lives inside the encrypted database, never in a file of its own.
 */
const serverFile = z.object({
  format: z.literal(1),
  serverId: z.string().uuid(),
  name: z.string().min(1).max(100),
  createdAt: z.string(),
  kdf: z.object({ name: z.literal('scrypt'), salt: z.string(), N: z.number().int(), r: z.number().int(), p: z.number().int() }),
  /** HMAC of a fixed text under the derived key: tells a wrong passphrase from a damaged database. */
  check: z.string(),
  certificate: z.string(),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ServerFile = z.infer<typeof serverFile>;

export interface OpenServer {
  dir: string;
  info: ServerFile;
  sqlite: ReturnType<typeof openServerDatabase>;
  keyPem: string;
  close(): void;
}

const infoPath = (dir: string) => path.join(dir, 'server.json');
const dbPath = (dir: string) => path.join(dir, 'server.db');
const checkOf = (key: Buffer) => createHmac('sha256', key).update('komet-server').digest('base64url');

export function passphraseFromEnv(): string {
  const p = process.env.KOMET_SERVER_PASSPHRASE;
  if (!p) {
    throw new ServerFailure(
      {
        sv: 'Ange serverns lösenfras i miljövariabeln KOMET_SERVER_PASSPHRASE (aldrig som argument).',
        en: 'Give the server’s passphrase in the environment variable KOMET_SERVER_PASSPHRASE (never as an argument).',
      },
      2,
    );
  }
  if (p.length < 12)
    throw new ServerFailure({ sv: 'Serverns lösenfras ska ha minst 12 tecken.', en: 'The server’s passphrase must have at least 12 characters.' }, 2);
  return p;
}

function deriveKey(passphrase: string, kdf: ServerFile['kdf']): Buffer {
  return scryptSync(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64url'), 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * 1024 * 1024 });
}

export function initServer(dir: string, options: { passphrase: string; name: string; hosts: string[] }): ServerFile {
  if (fs.existsSync(infoPath(dir)) || fs.existsSync(dbPath(dir))) {
    throw new ServerFailure({ sv: `Det finns redan en server i ${dir}.`, en: `There is already a server in ${dir}.` });
  }
  fs.mkdirSync(dir, { recursive: true, mode: privateDirMode });
  const kdf = { name: 'scrypt' as const, salt: randomBytes(16).toString('base64url'), N: 2 ** 16, r: 8, p: 1 };
  const key = deriveKey(options.passphrase, kdf);
  const cert = createServerCertificate(`komet-server ${options.name}`, options.hosts);
  const info: ServerFile = {
    format: 1,
    serverId: randomUUID(),
    name: options.name,
    createdAt: new Date().toISOString(),
    kdf,
    check: checkOf(key),
    certificate: cert.certPem,
    fingerprint: cert.fingerprint,
  };
  const sqlite = openServerDatabase(dbPath(dir), key, { create: true });
  try {
    serverMetaRepo(sqlite).set('tls.key', cert.keyPem);
  } finally {
    sqlite.close();
    key.fill(0);
  }
  writeFileAtomic(infoPath(dir), `${JSON.stringify(info, null, 2)}\n`);
  return info;
}

export function readServerInfo(dir: string): ServerFile {
  let raw: string;
  try {
    raw = fs.readFileSync(infoPath(dir), 'utf8');
  } catch {
    throw new ServerFailure({
      sv: `Ingen server i ${dir}. Skapa en med komet server init --data ${dir}.`,
      en: `No server in ${dir}. Create one with komet server init --data ${dir}.`,
    });
  }
  const parsed = serverFile.safeParse(
    (() => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        return null;
      }
    })(),
  );
  if (!parsed.success) throw new ServerFailure({ sv: `${infoPath(dir)} är skadad.`, en: `${infoPath(dir)} is damaged.` });
  return parsed.data;
}

export function openServer(dir: string, passphrase: string): OpenServer {
  const info = readServerInfo(dir);
  const key = deriveKey(passphrase, info.kdf);
  const expected = Buffer.from(info.check);
  const actual = Buffer.from(checkOf(key));
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    key.fill(0);
    throw new ServerFailure({ sv: 'Fel lösenfras för servern.', en: 'Wrong passphrase for the server.' });
  }
  let sqlite: ReturnType<typeof openServerDatabase>;
  try {
    sqlite = openServerDatabase(dbPath(dir), key, { create: false });
  } catch {
    throw new ServerFailure({
      sv: `Serverns databas i ${dir} kan inte läsas (saknas eller är skadad).`,
      en: `The server’s database in ${dir} cannot be read (missing or damaged).`,
    });
  } finally {
    key.fill(0);
  }
  const keyPem = serverMetaRepo(sqlite).get('tls.key');
  if (!keyPem) {
    sqlite.close();
    throw new ServerFailure({ sv: 'Serverns nyckel saknas i databasen.', en: 'The server’s key is missing from its database.' });
  }
  return { dir, info, sqlite, keyPem, close: () => sqlite.close() };
}
