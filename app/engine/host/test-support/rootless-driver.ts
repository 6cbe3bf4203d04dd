// Run as an unprivileged user by rootless.int.test.ts: drives a NativeHost (which picks rootless mode
// because it is not root) and reports every event and status as JSON lines. "stop" on stdin stops it.
import { createInterface } from 'node:readline';
import { NativeHost } from '../native-host';

const host = new NativeHost({ stopTimeoutMs: 15000 });
const say = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
host.subscribe((event) => say({ event }));
say({ mode: host.mode, socket: host.paths.socket, uid: process.getuid?.() });
host.start().then(
  (state) => say({ started: state, status: host.status() }),
  (err: Error) => say({ failed: err.message, status: host.status() }),
);
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'stop') return;
  void host.stop().then(() => {
    say({ stopped: host.status() });
    process.exit(0);
  });
});
