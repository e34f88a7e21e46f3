// The utility process that parses an import file (see parse-host.ts beside this file): the
// program is the same text the other shells run with `node -e`.
import { createRequire } from 'node:module';
import { parseProgram } from '../core/import/parse-program';

// The program is Komet's own text, kept as a string so every shell runs the same code.
new Function('require', parseProgram)(createRequire(import.meta.url));
