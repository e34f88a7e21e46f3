import { spawn } from 'node:child_process';
import { parseProgram } from './parse-program';

/** What the parse program is given: the file's bytes and where the main process found the parsers. */
export interface ParseInput {
  format: 'csv' | 'xlsx';
  bytes: Uint8Array;
  sheet: string | null;
  paths: { csv: string; xlsx: string; fflate: string };
  maxRows: number;
}

export interface ParserEvents {
  message(answer: unknown): void;
  /** The process ended without answering; `outOfMemory` when the runtime said its heap ran out. */
  ended(outOfMemory: boolean, how: string): void;
}

/** Starts the parse program in a process of its own with its heap capped at `heapMb` and hands it `input`. */
export type ParseHost = (heapMb: number, input: ParseInput, events: ParserEvents) => { kill(): void };

/**
 * The parser process's V8 flags: its heap cap, and a young generation smaller than V8's default,
 * which at the row cap took its peak RSS from 302–320 MB to some 265 MB at no cost in parse time.
 */
export const parserFlags = (heapMb: number): string[] => [`--max-old-space-size=${heapMb}`, '--max-semi-space-size=8'];

/**
 * What the operating system needs to start a process. The rest (a passphrase given as
 * KOMET_PASSPHRASE, NODE_OPTIONS) stays out of the process that reads a file from outside.
 */
const PASSED_ON = ['PATH', 'SystemRoot', 'SYSTEMROOT', 'windir', 'TEMP', 'TMP', 'TMPDIR', 'LANG'];

/** The parser process's environment: only what starting it needs. */
export function parserEnv(): Record<string, string> {
  return Object.fromEntries(PASSED_ON.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]!]])));
}

/** V8's words when a heap limit is reached: the process then aborts, whatever the program was doing. */
const OUT_OF_MEMORY = /heap out of memory|Allocation failed|Reached heap limit/i;

/**
 * A child of this Node process running the program from `node -e`. The program is ours and takes
 * no arguments; the child's environment holds no NODE_OPTIONS, so nothing loads into it but the
 * parsers and its heap cap is the one given here.
 */
export const childProcessHost: ParseHost = (heapMb, input, events) => {
  if (process.versions.electron) throw new Error('the import parser needs the desktop shell’s own host (see electron/parse-host.ts)');
  const child = spawn(process.execPath, [...parserFlags(heapMb), '-e', parseProgram], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
    env: parserEnv(),
    windowsHide: true,
  });
  // Only the first lines are kept (V8 names the fatal error there, before its stack trace), to
  // tell running out of memory from other ends; they hold no data.
  let said = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (text: string) => {
    if (said.length < 4096) said += text;
  });
  child.on('message', (answer) => events.message(answer));
  child.on('error', (err) => events.ended(false, `could not start: ${err.message}`));
  child.on('close', (code, signal) => events.ended(OUT_OF_MEMORY.test(said), signal ?? `code ${code}`));
  // A child that dies before it reads the input fails the write; 'close' tells what happened.
  child.send(input, () => undefined);
  return { kill: () => void child.kill('SIGKILL') };
};

let current: ParseHost = childProcessHost;

/** The desktop shell starts the parser its own way (Electron runs no plain Node child); other shells keep the default. */
export function useParseHost(host: ParseHost): void {
  current = host;
}

export const parseHost = (): ParseHost => current;
