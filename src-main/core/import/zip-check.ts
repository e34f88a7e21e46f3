import { unzipSync } from 'fflate';
import type { ImportLimits } from './limits';
import { refuse } from './refusals';

export interface ZipEntry {
  name: string;
  /** Unpacked size as the archive declares it. */
  size: number;
}

/**
 * Reads only the archive's central directory (the filter declines every entry, so nothing is
 * unpacked) and refuses archives whose declared contents would exhaust memory when parsed.
 */
export function checkZip(bytes: Uint8Array, limits: Pick<ImportLimits, 'maxZipEntries' | 'maxEntryBytes' | 'maxTotalBytes'>): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let total = 0;
  let refusal: Error | null = null;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        if (refusal) return false;
        entries.push({ name: file.name, size: file.originalSize });
        total += file.originalSize;
        if (entries.length > limits.maxZipEntries) refusal = refuse.zipTooManyEntries(limits.maxZipEntries);
        else if (file.originalSize > limits.maxEntryBytes) refusal = refuse.zipTooLarge(limits.maxEntryBytes);
        else if (total > limits.maxTotalBytes) refusal = refuse.zipTooLarge(limits.maxTotalBytes);
        return false;
      },
    });
  } catch {
    throw refuse.zipDamaged();
  }
  if (refusal) throw refusal;
  return entries;
}
