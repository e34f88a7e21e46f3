import { execFileSync, spawn, spawnSync } from 'node:child_process';

/**
 * The real `age` CLI (Debian age 1.1.1) for interoperability tests. Where it is missing, tests
 * skip with a printed reason; under CI=true a missing tool is a failure, not a skip.
 */

export function ageMissingReason(): string | null {
  for (const tool of ['age', 'age-keygen']) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
    if (found.status !== 0) return `${tool} CLI not found (apt-get install -y age)`;
  }
  return null;
}

export function scriptMissingReason(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v script'], { encoding: 'utf8' });
  return found.status === 0 ? null : 'script(1) not found (util-linux); needed to give age a TTY for passphrases';
}

/** Returns true when the tests may run; prints why not, and throws under CI. */
export function requireTool(reason: string | null, what: string): boolean {
  if (reason === null) return true;
  if (process.env.CI === 'true') throw new Error(`${what}: ${reason} — required under CI=true`);
  console.warn(`SKIP ${what}: ${reason}`);
  return false;
}

export function ageDecryptWithIdentity(file: string, identityFile: string, outFile: string): void {
  execFileSync('age', ['-d', '-i', identityFile, '-o', outFile, file], { stdio: ['ignore', 'pipe', 'pipe'] });
}

export function ageEncryptToRecipients(inFile: string, outFile: string, recipients: string[]): void {
  execFileSync('age', [...recipients.flatMap((r) => ['-r', r]), '-o', outFile, inFile], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** age-keygen's own key file; returns the public key it prints. */
export function ageKeygen(outFile: string): string {
  execFileSync('age-keygen', ['-o', outFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  return execFileSync('age-keygen', ['-y', outFile], { encoding: 'utf8' }).trim();
}

export function ageRecipientOf(identityFile: string): string {
  return execFileSync('age-keygen', ['-y', identityFile], { encoding: 'utf8' }).trim();
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * age reads passphrases from the terminal only, so the command runs under script(1), which gives
 * it a pseudo-terminal; the passphrase is typed whenever a prompt appears.
 */
export function ageWithPassphrase(args: string[], passphrase: string, timeoutMs = 60_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const command = ['age', ...args].map(shellQuote).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let answered = 0;
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const prompts = (output.match(/passphrase/gi) ?? []).length;
      while (answered < prompts) {
        answered++;
        child.stdin.write(`${passphrase}\n`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`age under script timed out; output: ${output}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.end();
      resolve({ code, output });
    });
  });
}
