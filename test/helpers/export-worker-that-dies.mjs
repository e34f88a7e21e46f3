// The export thread's real program (the CLI bundle's export-worker.mjs, built by bin/cli-bundle.mjs
// beside out/cli/index.mjs), made to die of an uncaught error as soon as it has logged its start:
// what the thread's owner sees of a thread that dies mid-export, out of memory for one. A heap
// limit is not used to kill it because V8 may then abort the whole test process instead of ending
// only the thread (nodejs/node#47224).
import { parentPort } from 'node:worker_threads';

const post = parentPort.postMessage.bind(parentPort);
parentPort.postMessage = (message, ...rest) => {
  post(message, ...rest);
  if (message && message.type === 'logged')
    setImmediate(() => {
      throw new Error('the export thread died');
    });
};
await import(new URL('../../out/cli/export-worker.mjs', import.meta.url).href);
