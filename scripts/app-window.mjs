// How `npm start` opens the browser shell in a Chromium/Chrome/Edge app window without putting
// anything secret on the browser's command line (which every local user can read in `ps`) or
// leaving the browser's history behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A page that sends the browser on to the launch address. It lies in a folder only this user can
 * read, so the single-use nonce travels through the file system instead of the command line.
 */
export const launchPage = (launchUrl) => `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0;url=${escapeHtml(launchUrl)}"><title>Komet</title></head>
<body><p>Öppnar Komet … <span lang="en">/ Opening Komet …</span></p></body></html>
`;

/**
 * Makes a throwaway folder (mode 0700) holding a fresh browser profile and the launch page, and
 * returns the browser's arguments. The profile keeps history, top sites and sessions of this run
 * only; `remove()` deletes all of it, and the caller calls it when the window closes or Komet stops.
 */
export function prepareAppWindow({ launchUrl, tmpDir = os.tmpdir(), platform = process.platform, isRoot = process.getuid?.() === 0 }) {
  const dir = fs.mkdtempSync(path.join(tmpDir, 'komet-browser-'));
  fs.chmodSync(dir, 0o700);
  const profileDir = path.join(dir, 'profile');
  fs.mkdirSync(profileDir, { mode: 0o700 });
  const page = path.join(dir, 'open-komet.html');
  fs.writeFileSync(page, launchPage(launchUrl), { mode: 0o600, flag: 'wx' });
  const args = [
    `--app=${pathToFileURL(page).href}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // The native date fields follow the browser's locale; Komet's dates are Swedish (åååå-mm-dd)
    // in either UI language, never the ambiguous mm/dd/yyyy.
    '--lang=sv-SE',
  ];
  // Chromium refuses to run as root with its sandbox on Linux (containers, live systems).
  if (platform === 'linux' && isRoot) args.push('--no-sandbox');
  return {
    dir,
    profileDir,
    args,
    remove() {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
