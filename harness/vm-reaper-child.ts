// A test process that boots Berth's VM the way the VM tests do (its dir registered with the reaper),
// prints `VM <dir> <qemu pid>` once the guest's kernel is up, and waits to be killed.
// vm-reaper.int.test.ts SIGKILLs it and checks that no QEMU is left.
import { join } from 'node:path';
import { QemuHost } from '../app/engine/host/vm/qemu-host';
import { reapedTempDir } from './reaped-dir';

const dir = reapedTempDir('vm-test');
const host = new QemuHost({
  paths: { data: join(dir, 'data'), config: join(dir, 'config') },
  accel: 'tcg',
  resources: { cpus: 1, memoryGiB: 1, diskGiB: 2 },
  image: { dir: process.env.BERTH_VM_IMAGE ?? '' },
});
host.subscribe((e) => {
  if (e.type === 'progress' && e.progress.startsWith("The VM's kernel is up"))
    console.log(`VM ${dir} ${host.vmProcess}`);
});
host.start().catch((err: Error) => console.log(`FAILED ${err.message}`));
setInterval(() => undefined, 1 << 30);
