// Stages of a test that boots Berth's VM, each with its own deadline. A VM test that hangs (a boot,
// a docker command into the VM, a shutdown) must fail with the stage that hung and what the VM's
// console said last, not with the runner's bare "Test timed out": CI shows only the failure's message.
import { readFileSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { withQmp } from '../app/engine/host/vm/qmp';

export type Stage = <T>(name: string, ms: number, work: () => Promise<T>) => Promise<T>;

/** The last `lines` lines of a VM console log file, or why it cannot be read. */
export function consoleTail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .slice(-lines)
      .map((l) => l.slice(0, 300))
      .join('\n');
  } catch (err) {
    return `(the VM's console log ${file} cannot be read: ${(err as Error).message})`;
  }
}

/**
 * What QEMU says of the VM (running, or paused and why: a full host disk pauses a guest that writes)
 * and how much room the disk holding the console log has left.
 */
export async function vmCondition(qmpSocket: string | undefined, consoleFile: string): Promise<string> {
  let room = '';
  try {
    const fs = statfsSync(dirname(consoleFile));
    room = `${Math.round((fs.bavail * fs.bsize) / 1024 ** 2)} MiB free on the disk of ${dirname(consoleFile)}`;
  } catch (err) {
    room = `free disk space unknown (${(err as Error).message})`;
  }
  if (!qmpSocket) return room;
  const status = await withQmp(qmpSocket, (q) => q.execute('query-status'));
  const said = status.ok ? JSON.stringify(status.value) : `QMP did not answer: ${status.error}`;
  return `QEMU's status: ${said}; ${room}`;
}

/**
 * A `stage(name, ms, work)` for one test: prints when each stage ends (seconds into the test) and
 * fails a stage that takes longer than `ms`, or that throws, with the stage's name, the time, QEMU's
 * status, the free disk space, the tail of the VM's console log (the log of the VM the stage talks to) and what
 * `more()` says (e.g. the output of the Berth process the test runs).
 */
export function vmStages(
  vm: { consoleFile: () => string; qmpSocket?: () => string },
  more: () => string = () => '',
  print: (line: string) => void = console.log,
): Stage {
  const began = Date.now();
  const at = () => `${Math.round((Date.now() - began) / 1000)} s into the test`;
  return async (name, ms, work) => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`did not finish within ${Math.round(ms / 1000)} s`)), ms);
    });
    try {
      const result = await Promise.race([work(), deadline]);
      print(`VM test stage "${name}" done, ${at()}`);
      return result;
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      const extra = more().trim();
      const file = vm.consoleFile();
      const condition = await vmCondition(vm.qmpSocket?.(), file).catch((e: Error) => e.message);
      throw new Error(
        `VM test stage "${name}" failed, ${at()}: ${why}\n${condition}\nThe VM's console log, last lines:\n${consoleTail(file)}` +
          (extra ? `\n${extra}` : ''),
        { cause: err },
      );
    } finally {
      clearTimeout(timer);
    }
  };
}
