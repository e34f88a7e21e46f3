import { buildPackage, type PackageMeta, type PackageOptions } from './package';
import { createEncrypter, encryptToFile, recipientFingerprint, type EncryptionTarget, type EncryptOptions } from './encrypt';
import type { Manifest } from './manifest';
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
  manifest: Manifest;
  disclosure: DisclosureAssessment;
  /** Fingerprints of the recipients it was encrypted to; empty for a passphrase. */
  recipientFingerprints: string[];
}

export async function exportToFile(
  source: ExportSource,
  options: PackageOptions,
  meta: PackageMeta,
  target: EncryptionTarget,
  outFile: string,
  encryptOptions: EncryptOptions = {},
): Promise<ExportResult> {
  // Validate the target before the (possibly long) package build starts.
  createEncrypter(target, encryptOptions);
  const built = buildPackage(source, options, meta);
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

export { buildPackage, checkSource, previewExport, spreadsheetSafe, type PackageMeta, type PackageOptions, type BuiltPackage, type ExportPreview } from './package';
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
export { assessDisclosure, defaultDisclosureSettings, quasiIdentifierRecords, type DisclosureSettings, type DisclosureAssessment } from './disclosure';
export { createPseudonymiser, exportKeyId, newExportKey, EXPORT_KEY_BYTES } from './pseudonym';
export { ExportError, isExportError, type ExportFailure } from './export-errors';
export type { Manifest, ManifestFile } from './manifest';
export * from './model';
