import { spawnSync } from 'node:child_process';

/** pdftotext and pdfinfo (Debian poppler-utils) read back the PDFs Komet writes; null when both are here. */
export function popplerMissingReason(): string | null {
  for (const tool of ['pdftotext', 'pdfinfo']) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
    if (found.status !== 0) return `${tool} not found (apt-get install -y poppler-utils)`;
  }
  return null;
}
