// A private Docker engine for integration tests, e2e and benchmarks: its own dockerd with its own
// data-root, exec-root, socket, pidfile, bridge, address pool and cgroup parent in a temp dir.
// It never touches /var/run/docker.sock or the system engine's data.
import { spawn, execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { routedPrefixes } from '../app/engine/host/network';
import { OWNER_FILE, cleanupEngine, isAlive } from './cleanup.mjs';
import { REAPED_PREFIX, spawnReaper } from './reaped-dir';

export const SYSTEM_SOCKET = '/var/run/docker.sock';
const DIR_PREFIX = 'berth-engine-';

export interface TestEngine {
  /** Path of the engine's unix socket. */
  socket: string;
  /** `unix://…` URL for DOCKER_HOST or `-H`. */
  host: string;
  dir: string;
  dataRoot: string;
  logFile: string;
  pid: number;
  /** The network namespace the engine runs in, when it has its own (`StartOptions.netns`). */
  netns?: string;
  /** Runs the docker CLI against this engine only. */
  docker(args: string[], input?: string | Buffer): Promise<{ stdout: string; stderr: string; code: number }>;
  /**
   * Records another network namespace as this engine's: its cleanup (also the reaper's, after a crash)
   * deletes it with everything in it. Call it before creating the namespace.
   */
  own(netns: string): void;
  stop(): Promise<void>;
}

function findOnPath(bin: string): string | undefined {
  const dirs = (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin', '/usr/local/sbin']);
  return dirs.map((d) => join(d, bin)).find((p) => existsSync(p));
}

/** Throws a sentence saying what to install when the test engine cannot run here. */
export function checkPrerequisites(): void {
  const missing = ['dockerd', 'containerd', 'docker', 'ip', 'nsenter'].filter((b) => !findOnPath(b));
  if (missing.length) {
    throw new Error(
      `The integration tests run a private Docker engine, but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not installed. ` +
        'Install them with `sudo apt-get install -y docker.io iproute2` (Debian/Ubuntu), or run `bash .ci/run`, which installs everything.',
    );
  }
  if (process.getuid?.() !== 0) {
    throw new Error(
      'The integration tests start a private dockerd, which needs root. Run them as root (as `bash .ci/run` does), e.g. `sudo npm test`.',
    );
  }
}

/** Tears down engines and VMs left by test processes that died without cleaning up (and whose reaper died too). */
export async function sweepStaleEngines(): Promise<void> {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(DIR_PREFIX) || n.startsWith(REAPED_PREFIX))) {
    const dir = join(tmpdir(), name);
    let ownerPid = 0;
    try {
      ownerPid = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')).ownerPid;
    } catch {
      /* half-written: treat as stale */
    }
    if (!isAlive(ownerPid)) await cleanupEngine(dir, { graceMs: 5000 });
  }
}

/**
 * A /24 for the default bridge and a /16 pool for user networks, both unused on this host. Both lie
 * in 10.100–10.199: 10.200–10.254 is left to tests that create networks with explicit subnets, so
 * that a network the engine allocated itself can never overlap one a test asks for by address.
 */
function pickSubnets(): { bip: string; subnet: string; pool: string } {
  const used = routedPrefixes().join(' ');
  for (let i = 0; i < 50; i++) {
    const a = 100 + Math.floor(Math.random() * 100);
    const b = Math.floor(Math.random() * 250) + 1;
    const p = 100 + Math.floor(Math.random() * 100);
    if (a === p || used.includes(`10.${a}.`) || used.includes(`10.${p}.`)) continue;
    return { bip: `10.${a}.${b}.1/24`, subnet: `10.${a}.${b}.0/24`, pool: `10.${p}.0.0/16` };
  }
  throw new Error('Could not find a free private subnet for the test engine (10.100–199.x.x are all routed).');
}

function ping(socket: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath: socket, path: '/_ping', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export interface StartOptions {
  /** Extra dockerd flags. */
  flags?: string[];
  /** How long to wait for /_ping. */
  timeoutMs?: number;
  /**
   * Run dockerd in a network namespace of its own, made here and deleted with the engine (also by the
   * reaper when the test process dies): its bridge, veths and iptables rules live and die with it.
   */
  netns?: boolean;
  /**
   * Let dockerd manage iptables (swarm's ingress routing mesh needs it). Only with `netns`, so its
   * rules stay inside that namespace and the host's are never touched.
   */
  iptables?: boolean;
  /** The engine's host name (a UTS namespace of its own), so two engines on this machine look like two hosts. */
  hostname?: string;
  /** More environment for dockerd. */
  env?: Record<string, string>;
}

/** Runs `ip` in a network namespace (or the current one). */
function ipIn(netns: string | undefined, args: string[]): void {
  execFileSync('ip', [...(netns ? ['-n', netns] : []), ...args]);
}

export async function startTestEngine(opts: StartOptions = {}): Promise<TestEngine> {
  checkPrerequisites();
  if (opts.iptables && !opts.netns)
    throw new Error(
      "A test engine manages iptables only in a network namespace of its own: the host's rules stay untouched.",
    );
  await sweepStaleEngines();
  const dir = mkdtempSync(join(tmpdir(), DIR_PREFIX));
  const id = randomBytes(3).toString('hex');
  const socket = join(dir, 'docker.sock');
  if (socket === SYSTEM_SOCKET) throw new Error('The test engine refuses to use the system socket.');
  const dataRoot = join(dir, 'data');
  const execRoot = join(dir, 'exec');
  const logFile = join(dir, 'dockerd.log');
  const bridge = `bt${id}`;
  const cgroupParent = `berth-test-${id}`;
  const { bip, pool } = pickSubnets();
  const netns = opts.netns ? `berth-${id}` : undefined;
  const owner: Record<string, unknown> = {
    ownerPid: process.pid,
    bridge,
    pool,
    cgroupParent,
    netns: netns ? [netns] : [],
  };
  const save = () => writeFileSync(join(dir, OWNER_FILE), JSON.stringify(owner));
  save();

  // The reaper first, so even a crash during start-up is cleaned up.
  spawnReaper(dir);

  if (netns) {
    execFileSync('ip', ['netns', 'add', netns]);
    ipIn(netns, ['link', 'set', 'lo', 'up']);
  }
  ipIn(netns, ['link', 'add', bridge, 'type', 'bridge']);
  ipIn(netns, ['addr', 'add', bip, 'dev', bridge]);
  ipIn(netns, ['link', 'set', bridge, 'up']);

  const log = openSync(logFile, 'a');
  const args = [
    `--data-root=${dataRoot}`,
    `--exec-root=${execRoot}`,
    `--host=unix://${socket}`,
    `--pidfile=${join(dir, 'dockerd.pid')}`,
    `--bridge=${bridge}`,
    `--default-address-pool=base=${pool},size=24`,
    `--cgroup-parent=${cgroupParent}`,
    ...(opts.iptables ? [] : ['--iptables=false', '--ip-masq=false']),
    ...(opts.flags ?? []),
  ];
  // nsenter enters only the network namespace, unshare makes the UTS namespace, and each execs the next,
  // so the child's pid is dockerd's and it shares the host's mounts and cgroups.
  const dockerd = findOnPath('dockerd')!;
  const named = opts.hostname
    ? [
        findOnPath('unshare')!,
        '--uts',
        '--',
        '/bin/sh',
        '-c',
        'echo "$0" > /proc/sys/kernel/hostname && exec "$@"',
        opts.hostname,
        dockerd,
      ]
    : [dockerd];
  const command = netns ? [findOnPath('nsenter')!, `--net=/run/netns/${netns}`, '--', ...named] : named;
  const child = spawn(command[0]!, [...command.slice(1), ...args], {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, ...opts.env },
  });
  closeSync(log);
  child.unref();
  owner.dockerdPid = child.pid;
  save();

  let exited: string | undefined;
  child.on('exit', (code, signal) => (exited = signal ? `signal ${signal}` : `exit code ${code}`));
  const deadline = Date.now() + (opts.timeoutMs ?? 30000);
  while (!(await ping(socket, 500))) {
    if (exited || Date.now() > deadline) {
      const why = exited ? `dockerd stopped (${exited})` : 'dockerd did not answer /_ping in time';
      const logText = tail(logFile);
      await cleanupEngine(dir, { graceMs: 3000 });
      throw new Error(`The test engine did not start: ${why}. Its last log lines:\n${logText}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  const host = `unix://${socket}`;
  return {
    socket,
    host,
    dir,
    dataRoot,
    logFile,
    pid: child.pid!,
    ...(netns ? { netns } : {}),
    docker: (cliArgs, input) => runDocker(host, cliArgs, input),
    own(name) {
      owner.netns = [...(owner.netns as string[]), name];
      save();
    },
    stop: () => cleanupEngine(dir),
  };
}

export function runDocker(
  host: string,
  args: string[],
  input?: string | Buffer,
  /** More environment for the CLI, e.g. DOCKER_TLS_VERIFY and DOCKER_CERT_PATH. */
  extraEnv: Record<string, string> = {},
): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: host, DOCKER_CLI_HINTS: 'false', ...extraEnv };
    delete env.DOCKER_CONTEXT;
    const child = execFile(
      'docker',
      ['-H', host, ...args],
      { env, maxBuffer: 512 * 1024 * 1024 },
      (err, stdout, stderr) =>
        resolve({ stdout, stderr, code: err ? Number((err as { code?: number }).code ?? 1) : 0 }),
    );
    if (input !== undefined) child.stdin!.end(input);
    else child.stdin!.end();
  });
}
