import { assertReleasable, buildPrepared, prepareExport, type PackageMeta, type PackageOptions, type PreparedExport } from './package';
import { createEncrypter, encryptToFile, recipientFingerprint, type EncryptionTarget, type EncryptOptions } from './encrypt';
import type { CurrentManifest } from './manifest';
import type { ExportSource } from './model';
import type { DisclosureAssessment } from './disclosure';

/**
 * The FoU export engine: pseudonymised, disclosure-checked data package → ZIP → age file.
 * Callers (service, CLI) gather an ExportSource from the database and record the returned
 * summary in the export log; nothing here touches the database.
 */

export interface ExportResult {
  file: string;
  bytes: number;
  manifest: CurrentManifest;
  disclosure: DisclosureAssessment;
  /** Fingerprints of the recipients it was encrypted to; empty for a passphrase. */
  recipientFingerprints: string[];
}

export async function exportToFile(
  source: ExportSource | PreparedExport,
  options: PackageOptions,
  meta: PackageMeta,
  target: EncryptionTarget,
  outFile: string,
  encryptOptions: EncryptOptions = {},
): Promise<ExportResult> {
  // Validate the target before the (possibly long) package build starts.
  createEncrypter(target, encryptOptions);
  const prepared = 'plan' in source ? source : prepareExport(source, options);
  assertReleasable(prepared);
  const built = buildPrepared(prepared, meta);
  const { bytes } = await encryptToFile(built.stream, outFile, target, encryptOptions);
  const manifest = await built.manifest;
  return {
    file: outFile,
    bytes,
    manifest,
    disclosure: built.disclosure,
    recipientFingerprints: 'recipients' in target ? target.recipients.map(recipientFingerprint) : [],
  };
}

export {
  assertReleasable,
  buildPackage,
  checkSource,
  prepareExport,
  previewExport,
  spreadsheetSafe,
  type PackageMeta,
  type PackageOptions,
  type PreparedExport,
  type BuiltPackage,
  type ExportPreview,
} from './package';
export {
  encryptToFile,
  generateKeyFile,
  readIdentityFile,
  recipientFingerprint,
  validatePassphrase,
  validateRecipients,
  MIN_PASSPHRASE_LENGTH,
  type EncryptionTarget,
  type EncryptOptions,
} from './encrypt';
export { openExport, PACKAGE_FILES, type OpenCredentials, type OpenOptions, type OpenedExport } from './open';
export {
  defaultDisclosureSettings,
  planDisclosure,
  quasiIdentifierRecords,
  type DisclosureSettings,
  type DisclosureAssessment,
  type DisclosurePlan,
} from './disclosure';
export { createPseudonymiser, exportKeyId, newExportKey, EXPORT_KEY_BYTES } from './pseudonym';
export { ExportError, isExportError, type ExportFailure } from './export-errors';
export type { CurrentManifest, Manifest, ManifestFile } from './manifest';
export * from './model';
