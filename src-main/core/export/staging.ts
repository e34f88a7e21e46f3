import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { privateFileMode } from '../private-dir';

/**
 * Öppna export writes the decrypted files into a staging folder beside the destination (the same
 * file system, so the final rename is atomic), made by mkdtemp and so readable by the user alone
 * (0700). A process killed while opening cannot remove it, and it holds decrypted CSV files; so
 * each staging folder carries its process id in its name and is recorded by a marker file in a
 * registry folder in the app's data folder. The next opening, and every start of Komet, removes
 * the staging folders of processes that are gone.
 */

export const stagingRegistryName = 'export-staging';

/** `.<destination>.opening-<pid>-<6 random characters>`, as made by createStaging. */
const stagingName = /^\..+\.opening-(\d+)-[A-Za-z0-9]{6}$/;

export interface Staging {
  dir: string;
  /** Removes the folder (if it is still there) and its marker. */
  remove(): void;
  /** The folder was renamed into place: only the marker goes. */
  settled(): void;
}

export function createStaging(target: string, registry: string | undefined): Staging {
  const parent = path.dirname(target);
  removeStaleStagingIn(parent);
  if (registry) removeStaleStaging(registry);
  const dir = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.opening-${process.pid}-`));
  let marker: string | null = null;
  if (registry) {
    try {
      fs.mkdirSync(registry, { recursive: true, mode: 0o700 });
      marker = path.join(registry, `${process.pid}-${randomBytes(6).toString('hex')}`);
      fs.writeFileSync(marker, dir, { mode: privateFileMode });
    } catch {
      // Without a marker only a later opening into the same folder finds it; the opening goes on.
      marker = null;
    }
  }
  const dropMarker = () => {
    if (marker) fs.rmSync(marker, { force: true });
  };
  return {
    dir,
    remove() {
      fs.rmSync(dir, { recursive: true, force: true });
      dropMarker();
    },
    settled: dropMarker,
  };
}

function isGone(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as { code?: unknown }).code === 'ESRCH';
  }
}

/** A staging folder of a process that no longer runs, and ours to remove. */
function isStale(dir: string): boolean {
  const m = path.basename(dir).match(stagingName);
  if (!m || !isGone(Number(m[1]))) return false;
  try {
    const st = fs.lstatSync(dir);
    return st.isDirectory() && (typeof process.getuid !== 'function' || st.uid === process.getuid());
  } catch {
    return false;
  }
}

/** Removes the staging folders the registry knows of whose process is gone, and their markers. */
export function removeStaleStaging(registry: string): void {
  let markers: string[];
  try {
    markers = fs.readdirSync(registry);
  } catch {
    return;
  }
  for (const name of markers) {
    const marker = path.join(registry, name);
    const pid = Number(name.match(/^(\d+)-/)?.[1]);
    if (!Number.isInteger(pid) || !isGone(pid)) continue;
    try {
      const dir = fs.readFileSync(marker, 'utf8');
      if (path.isAbsolute(dir) && isStale(dir)) fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(marker, { force: true });
    } catch {
      // Unreadable or in use: tried again at the next start.
    }
  }
}

/** The same for staging folders lying in one folder (a destination's parent). */
export function removeStaleStagingIn(parent: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    if (!stagingName.test(name)) continue;
    const dir = path.join(parent, name);
    try {
      if (isStale(dir)) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Not ours to remove after all (permissions): left for its owner.
    }
  }
}
