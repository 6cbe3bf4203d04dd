// Run under a low open-files limit (prlimit): connects to the engine at $ENGINE_HOST, uses up every
// free file descriptor, then lists containers, and prints the error Berth makes of it as JSON.
import { openSync } from 'node:fs';
import { connectEngine, parseEngineAddress } from '../client';
import { listContainers } from '../containers';
import { toBerthError } from '../errors';

const client = await connectEngine(parseEngineAddress(process.env.ENGINE_HOST!));
const held: number[] = [];
try {
  for (;;) held.push(openSync('/dev/null', 'r'));
} catch (err) {
  if ((err as NodeJS.ErrnoException).code !== 'EMFILE') throw err;
}
const results = await Promise.allSettled([1, 2, 3].map(() => listContainers(client)));
const failure = results.find((r) => r.status === 'rejected');
const error = failure ? toBerthError((failure as PromiseRejectedResult).reason, 'list containers') : undefined;
process.stdout.write(`${JSON.stringify({ held: held.length, error: error?.toJSON() })}\n`);
process.exit(0);
