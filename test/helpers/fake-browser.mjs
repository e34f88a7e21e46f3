// Stands in for Chromium when a test runs the browser shell's launcher: records the command line
// it was given and does what the browser would with it (follows the launch page, keeps the
// cookie, calls the API), then closes like a window the user closed, or stays open until killed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const recordFile = process.env.FAKE_BROWSER_RECORD;
const record = { argv: process.argv.slice(2), pid: process.pid };
const save = () => fs.writeFileSync(`${recordFile}.part`, JSON.stringify(record));
save();

try {
  const app = record.argv.find((a) => a.startsWith('--app='))?.slice('--app='.length) ?? '';
  const profile = record.argv.find((a) => a.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length) ?? '';
  record.profile = profile;
  // What a real browser leaves in its profile (made if missing): the addresses it visited.
  fs.mkdirSync(profile, { recursive: true });
  fs.writeFileSync(path.join(profile, 'History'), app);
  if (app.startsWith('file:')) {
    const page = fileURLToPath(app);
    record.page = fs.readFileSync(page, 'utf8');
    record.pageMode = fs.statSync(page).mode & 0o777;
    record.dirMode = fs.statSync(path.dirname(page)).mode & 0o777;
    record.profileMode = fs.statSync(profile).mode & 0o777;
    const target = /http-equiv="refresh" content="0;url=([^"]+)"/.exec(record.page)?.[1]?.replaceAll('&#38;', '&') ?? '';
    record.target = target;
    const first = await fetch(target, { redirect: 'manual' });
    record.firstStatus = first.status;
    record.setCookie = first.headers.get('set-cookie');
    record.location = first.headers.get('location');
    const cookie = (record.setCookie ?? '').split(';')[0];
    const again = await fetch(target, { redirect: 'manual' });
    record.secondStatus = again.status;
    const call = await fetch(new URL('/api/call', target), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: JSON.stringify({ procedure: 'vault.status', input: {} }),
    });
    record.callOk = ((await call.json()) ?? {}).ok === true;
  }
} catch (err) {
  record.error = String(err);
}
save();
fs.renameSync(`${recordFile}.part`, recordFile);
if (process.env.FAKE_BROWSER_STAY) setInterval(() => undefined, 60_000);
