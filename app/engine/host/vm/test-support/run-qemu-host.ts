// Runs a QemuHost in a process of its own, as Berth would, for the tests that kill that process (a
// crashed Berth) with its VM running. Options as JSON in argv[2]; prints `RUNNING <qemu pid>` once the
// engine answers (each progress line and notice before that), and waits to be killed (SIGTERM stops
// the VM first, as Berth does).
import { QemuHost, type QemuHostOptions } from '../qemu-host';

const host = new QemuHost(JSON.parse(process.argv[2] ?? '{}') as QemuHostOptions);
host.subscribe((e) => {
  if (e.type === 'notice') console.log(`NOTICE ${e.message}`);
  if (e.type === 'progress') console.log(`PROGRESS ${e.progress}`);
});
process.on('SIGTERM', () => {
  void host.stop().finally(() => process.exit(0));
});
try {
  await host.start();
  console.log(`RUNNING ${host.vmProcess}`);
} catch (err) {
  console.log(`FAILED ${(err as Error).message}`);
}
setInterval(() => undefined, 1 << 30);
