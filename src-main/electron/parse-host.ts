import { utilityProcess } from 'electron';
import { parserEnv, parserFlags, type ParseHost } from '../core/import/parse-host';

/**
 * Electron runs no plain Node child (its run-as-node fuse is off), so the import parser runs in a
 * utility process started from `program` (`import-parser.js`, built beside the main bundle).
 */
export const utilityParseHost =
  (program: string): ParseHost =>
  (heapMb, input, events) => {
    const child = utilityProcess.fork(program, [], {
      execArgv: parserFlags(heapMb),
      env: parserEnv(),
      serviceName: 'Komet import',
      stdio: 'ignore',
    });
    let fatal = false;
    child.on('spawn', () => child.postMessage(input));
    child.on('message', (answer) => events.message(answer));
    // V8's non-continuable errors (a heap limit reached) come here before the exit.
    child.on('error', () => (fatal = true));
    child.on('exit', (code) => events.ended(fatal, `code ${code}`));
    return { kill: () => void child.kill() };
  };
