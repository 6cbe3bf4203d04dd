// Tears down one private test engine from what its state dir records, whoever calls it:
// the harness after a normal run, the reaper after the test process died, or the stale sweep.
// Plain JavaScript so the detached reaper can run it with bare `node`.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const OWNER_FILE = 'owner.json';

export function isAlive(pid) {
  // kill(0 or a negative pid) signals a whole process group or every process (as root it "succeeds")
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

function cmdlineOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** Processes whose command line names `dir` (dockerd, containerd, shims of this engine only). */
export function processesUsing(dir) {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid)
    .map(Number)
    .filter((pid) => cmdlineOf(pid).includes(dir));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitGone(pids, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end && pids.some(isAlive)) await sleep(50);
  return pids.filter(isAlive);
}

function cgroupDirs(cgroupParent) {
  const roots = ['/sys/fs/cgroup', ...safeList('/sys/fs/cgroup').map((c) => join('/sys/fs/cgroup', c))];
  return roots.map((r) => join(r, cgroupParent)).filter((d) => existsSync(d));
}

function safeList(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Kills every process left in the engine's cgroup parent (container processes orphaned by a killed shim). */
function killCgroup(cgroupParent) {
  for (const dir of cgroupDirs(cgroupParent)) {
    const walk = (d) => {
      for (const name of safeList(d)) if (!name.includes('.')) walk(join(d, name));
      try {
        for (const pid of readFileSync(join(d, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)) {
          try {
            process.kill(Number(pid), 'SIGKILL');
          } catch {
            /* already gone */
          }
        }
      } catch {
        /* no procs file */
      }
    };
    walk(dir);
  }
}

function removeCgroup(cgroupParent) {
  for (const dir of cgroupDirs(cgroupParent)) {
    const rm = (d) => {
      for (const name of safeList(d)) if (!name.includes('.')) rm(join(d, name));
      try {
        execFileSync('rmdir', [d], { stdio: 'ignore' });
      } catch {
        /* busy or gone */
      }
    };
    rm(dir);
  }
}

function unmountUnder(dir) {
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[4])
    .filter((m) => m && (m === dir || m.startsWith(`${dir}/`)))
    .sort((a, b) => b.length - a.length);
  for (const m of mounts) {
    try {
      execFileSync('umount', ['-l', m], { stdio: 'ignore' });
    } catch {
      /* already unmounted */
    }
  }
}

function inPool(cidr, pool) {
  const [base] = pool.split('/');
  const prefix = base.split('.').slice(0, 2).join('.');
  return cidr.startsWith(`${prefix}.`);
}

/** Deletes the engine's bridge and any bridge that holds an address from its network pool. */
function removeBridges(bridge, pool) {
  let links = [];
  try {
    links = JSON.parse(execFileSync('ip', ['-j', 'addr', 'show', 'type', 'bridge'], { encoding: 'utf8' }));
  } catch {
    return;
  }
  for (const link of links) {
    const mine = link.ifname === bridge || (pool && (link.addr_info ?? []).some((a) => inPool(a.local ?? '', pool)));
    if (!mine) continue;
    try {
      execFileSync('ip', ['link', 'del', link.ifname], { stdio: 'ignore' });
    } catch {
      /* gone already */
    }
  }
}

/** Kills what still runs in a network namespace and deletes it (its veths, bridges and iptables rules go with it). */
function removeNetns(name) {
  try {
    const pids = execFileSync('ip', ['netns', 'pids', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    for (const pid of pids.split('\n').filter(Boolean)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  } catch {
    /* no such namespace */
  }
  try {
    execFileSync('ip', ['netns', 'del', name], { stdio: 'ignore' });
  } catch {
    /* never made, or gone */
  }
}

/** Stops the engine recorded in `dir` and removes every trace of it. Safe to call twice. */
export async function cleanupEngine(dir, { graceMs = 10000 } = {}) {
  let owner = {};
  try {
    owner = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8'));
  } catch {
    /* nothing recorded: still sweep what names the dir */
  }
  const dockerd = owner.dockerdPid && cmdlineOf(owner.dockerdPid).includes(dir) ? owner.dockerdPid : undefined;
  if (dockerd) {
    try {
      process.kill(dockerd, 'SIGTERM');
    } catch {
      /* gone */
    }
    if ((await waitGone([dockerd], graceMs)).length) {
      try {
        process.kill(dockerd, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
  let rest = processesUsing(dir);
  for (const pid of rest) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
  rest = await waitGone(rest, 3000);
  for (const pid of rest) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  await waitGone(rest, 2000);
  if (owner.cgroupParent) {
    killCgroup(owner.cgroupParent);
    await sleep(100);
    removeCgroup(owner.cgroupParent);
  }
  unmountUnder(dir);
  const namespaces = owner.netns ?? [];
  // An engine in a namespace of its own has its bridge there; the root namespace's bridges are not its.
  if (owner.bridge && !namespaces.length) removeBridges(owner.bridge, owner.pool);
  for (const ns of namespaces) removeNetns(ns);
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
