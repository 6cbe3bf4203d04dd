// For the VM host tests: a temp home with a bin dir holding the fake `limactl` / `wsl.exe` /
// `qemu-system-x86_64`, and a cleanup that kills every fake engine and fake QEMU they started and
// removes the dir, even when a test failed.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BerthPaths } from '../../paths';
import { processesMentioning } from '../../processes';

const here = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));

export interface FakeHome {
  dir: string;
  bin: string;
  paths: BerthPaths;
  env: Record<string, string | undefined>;
  /** Installs a fake tool as `name` in `dir` (default the bin dir on PATH). */
  install(tool: 'fake-limactl.mjs' | 'fake-wsl.mjs', name: string, dir?: string): string;
  /** Installs the fake QEMU as `qemu-system-x86_64` (its /proc command line starts with that name, as QEMU's). */
  installQemu(): string;
  cleanup(): void;
}

export function fakeHome(): FakeHome {
  const dir = mkdtempSync(join(tmpdir(), 'berth-vm-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const env: Record<string, string | undefined> = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
  return {
    dir,
    bin,
    paths: { data: join(dir, 'data'), config: join(dir, 'config') },
    env,
    install(tool, name, where = bin) {
      mkdirSync(where, { recursive: true });
      const file = join(where, name);
      writeFileSync(file, `#!/bin/sh\nexec "${process.execPath}" "${here(tool)}" "$@"\n`);
      chmodSync(file, 0o755);
      return file;
    },
    installQemu() {
      const file = join(bin, 'qemu-system-x86_64');
      writeFileSync(
        file,
        `#!/bin/bash\nexec -a qemu-system-x86_64 "${process.execPath}" "${here('fake-qemu.mjs')}" "$@"\n`,
      );
      chmodSync(file, 0o755);
      return file;
    },
    cleanup() {
      // Fake QEMUs run detached (as QemuHost starts QEMU); their command lines name this dir.
      for (const pid of processesMentioning(dir))
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      for (const state of findStates(dir)) {
        const s = JSON.parse(readFileSync(state, 'utf8')) as {
          instances?: Record<string, { enginePid?: number }>;
          distros?: Record<string, { enginePid?: number; keepAlivePid?: number }>;
        };
        const pids = [
          ...Object.values(s.instances ?? {}).map((i) => i.enginePid),
          ...Object.values(s.distros ?? {}).flatMap((d) => [d.enginePid, d.keepAlivePid]),
        ];
        for (const pid of pids)
          if (pid)
            try {
              process.kill(pid, 'SIGKILL');
            } catch {
              /* gone */
            }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function findStates(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number) => {
    if (depth > 5 || !existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), depth + 1);
      else if (e.name === 'state.json' && d.endsWith('_fake')) out.push(join(d, e.name));
    }
  };
  walk(dir, 0);
  return out;
}

/** The fake tool's call log (one line of arguments per call). */
export function fakeCalls(limaHomeOrState: string): string[] {
  const f = join(limaHomeOrState, '_fake', 'calls.log');
  return existsSync(f) ? readFileSync(f, 'utf8').trim().split('\n') : [];
}

export function writeFakeState(limaHomeOrState: string, state: unknown): void {
  mkdirSync(join(limaHomeOrState, '_fake'), { recursive: true });
  writeFileSync(join(limaHomeOrState, '_fake', 'state.json'), JSON.stringify(state));
}
