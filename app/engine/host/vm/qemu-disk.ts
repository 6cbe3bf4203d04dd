// The isolated VM's engine data disk: a sparse raw file under Berth's data dir that the guest formats
// on first boot and grows its file system into when the disk size setting grew (never shrinks).
import { closeSync, existsSync, ftruncateSync, openSync, statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { VmDiskUsage } from './vm-controls';

const GiB = 1024 ** 3;

/** Creates or grows `file` to `diskGiB`; returns a notice when it is bigger and cannot shrink. */
export function growDataDisk(file: string, diskGiB: number): string | undefined {
  const want = diskGiB * GiB;
  const have = existsSync(file) ? statSync(file).size : 0;
  if (want > have) {
    const fd = openSync(file, existsSync(file) ? 'r+' : 'w', 0o600);
    ftruncateSync(fd, want);
    closeSync(fd);
  } else if (want < have)
    return `The data disk stays ${Math.round(have / GiB)} GiB: it cannot shrink to ${diskGiB} GiB without losing data.`;
  return undefined;
}

/** Its size in GiB (rounded), undefined when there is none yet. */
export function dataDiskGiB(file: string): number | undefined {
  return existsSync(file) ? Math.round(statSync(file).size / GiB) : undefined;
}

/** Its size, what it really takes on the host (it is sparse), and the host's free space. */
export function dataDiskUsage(file: string): VmDiskUsage | undefined {
  if (!existsSync(file)) return undefined;
  const st = statSync(file);
  const fs = statfsSync(dirname(file));
  return { sizeBytes: st.size, usedBytes: st.blocks * 512, hostFreeBytes: fs.bavail * fs.bsize };
}
