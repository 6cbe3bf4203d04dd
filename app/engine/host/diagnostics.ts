// The checks `berth diagnose` and the Troubleshoot page run, each saying what is wrong and how to fix it.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { compareVersions, MAX_API_VERSION, MIN_API_VERSION, pingLoopback, type EngineAddress } from '../docker/client';
import { findBinary } from './binaries';
import { probeAddress } from './probe';
import { describeRootlessProblems, rootlessProblems } from './rootless-prereqs';
import type { EngineHostKind } from './types';
import { vmChecks } from './vm/vm-diagnostics';

export interface CheckResult {
  passed: boolean;
  detail: string;
  /** What to do when it did not pass. */
  fix?: string;
}

export interface DiagnosticCheck {
  id: string;
  title: string;
  applies(): boolean;
  run(): Promise<CheckResult>;
}

export interface DiagnosticOutcome {
  id: string;
  title: string;
  /** "skipped" when the check does not apply here. */
  status: 'passed' | 'failed' | 'skipped';
  detail: string;
  fix?: string;
}

export interface DiagnosticContext {
  /** What Berth runs or connects to: decides which checks apply. */
  hostKind?: EngineHostKind;
  /** The active engine's address, for the socket and API checks. */
  address?: EngineAddress;
  /** Berth's engine data-root (native hosts), for the disk check. */
  dataRoot?: string;
  /** Minimum free bytes for the data root; default 2 GiB. */
  minFreeBytes?: number;
  uid?: number;
  /** Where the VM hosts' tools are (Berth's bundled resources, wsl.exe), for their checks. */
  vm?: { resourcesDir?: string; wslPath?: string; env?: Record<string, string | undefined> };
}

const addressUrl = (a: EngineAddress): string =>
  a.kind === 'unix'
    ? `unix://${a.socketPath}`
    : a.kind === 'tcp'
      ? `tcp://${a.host}:${a.port}`
      : `ssh://${a.username ? `${a.username}@` : ''}${a.host}${a.port ? `:${a.port}` : ''}`;

function version(bin: string): Promise<string> {
  return new Promise((resolve) =>
    execFile(bin, ['--version'], { timeout: 3000 }, (_e, out) =>
      resolve(
        String(out ?? '')
          .trim()
          .split('\n')[0] ?? '',
      ),
    ),
  );
}

function cgroupCheck(uid: number): CheckResult {
  if (existsSync('/sys/fs/cgroup/cgroup.controllers')) {
    const controllers = readFileSync('/sys/fs/cgroup/cgroup.controllers', 'utf8').trim();
    const missing = ['cpu', 'memory', 'pids'].filter((c) => !controllers.split(' ').includes(c));
    return missing.length
      ? {
          passed: false,
          detail: `cgroup v2 without the ${missing.join(', ')} controller(s)`,
          fix: 'Enable the missing controllers (kernel boot options or systemd delegation).',
        }
      : { passed: true, detail: `cgroup v2 with ${controllers}` };
  }
  const v1 = ['memory', 'cpu', 'pids', 'devices'].filter((c) => existsSync(`/sys/fs/cgroup/${c}`));
  if (!v1.length)
    return {
      passed: false,
      detail: 'no cgroup hierarchy is mounted at /sys/fs/cgroup',
      fix: 'Mount cgroups (e.g. install and enable systemd or cgroupfs-mount).',
    };
  if (uid !== 0)
    return {
      passed: true,
      detail: `cgroup v1 (${v1.join(', ')}); a rootless engine runs containers without resource limits on cgroup v1`,
    };
  const probe = `/sys/fs/cgroup/memory/berth-diagnose-${process.pid}`;
  try {
    mkdirSync(probe);
    rmdirSync(probe);
    return { passed: true, detail: `cgroup v1 (${v1.join(', ')}), writable` };
  } catch (err) {
    return {
      passed: false,
      detail: `cgroup v1 is mounted but not writable (${(err as Error).message})`,
      fix: 'Run the engine where cgroups are writable (not in a restricted container), or use an external engine.',
    };
  }
}

function diskCheck(dataRoot: string, minFree: number): CheckResult {
  let dir = dataRoot;
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  const s = statfsSync(dir);
  const free = s.bavail * s.bsize;
  const gib = (n: number) => `${(n / 1024 ** 3).toFixed(1)} GiB`;
  return free >= minFree
    ? { passed: true, detail: `${gib(free)} free for ${dataRoot}` }
    : {
        passed: false,
        detail: `only ${gib(free)} free for ${dataRoot} (at least ${gib(minFree)} recommended)`,
        fix: "Free disk space (e.g. `docker system prune`), or move Berth's data with BERTH_HOME.",
      };
}

/** Local listeners on `port` from /proc/net/tcp{,6}, as "address:port". */
export function listeners(port: number, tables = ['/proc/net/tcp', '/proc/net/tcp6']): string[] {
  const out: string[] = [];
  for (const t of tables) {
    let text = '';
    try {
      text = readFileSync(t, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] !== '0A') continue; // LISTEN
      const [hexAddr, hexPort] = (cols[1] ?? '').split(':');
      if (parseInt(hexPort ?? '', 16) !== port) continue;
      const addr =
        hexAddr?.length === 8
          ? hexAddr
              .match(/../g)!
              .reverse()
              .map((h) => parseInt(h, 16))
              .join('.')
          : /^0+$/.test(hexAddr ?? '')
            ? '::'
            : 'ipv6';
      out.push(`${addr}:${port}`);
    }
  }
  return out;
}

/** An engine answering plain HTTP on the loopback port (an API version says it is an engine). */
const plainPing = async (port: number) => {
  const r = await pingLoopback(port, 1000);
  return r.ok && r.apiVersion !== undefined;
};

async function exposedTcpCheck(): Promise<CheckResult> {
  const exposed: string[] = [];
  for (const port of [2375, 2376]) {
    const open = listeners(port);
    if (open.length && (await plainPing(port))) exposed.push(`${open.join(', ')}`);
  }
  return exposed.length
    ? {
        passed: false,
        detail: `a Docker engine answers without TLS on ${exposed.join(', ')}: anyone who can reach it controls this machine`,
        fix: "Remove the tcp:// host from that engine's configuration, or protect it with TLS (--tlsverify).",
      }
    : { passed: true, detail: 'no engine answers plain HTTP on ports 2375/2376' };
}

export function diagnosticChecks(ctx: DiagnosticContext = {}): DiagnosticCheck[] {
  const uid = ctx.uid ?? process.getuid?.() ?? 0;
  // Berth's own dockerd on this Linux machine (the VM hosts run theirs inside the VM).
  const managed = ctx.hostKind === undefined || ctx.hostKind === 'native' || ctx.hostKind === 'rootless';
  const linux = process.platform === 'linux';
  return [
    {
      id: 'dockerd-installed',
      title: 'dockerd is installed',
      applies: () => linux && managed,
      run: async () => {
        const bin = findBinary('dockerd');
        return bin
          ? { passed: true, detail: `${bin}: ${await version(bin)}` }
          : {
              passed: false,
              detail: 'dockerd was not found on PATH or in /usr/sbin',
              fix: 'Install it with `sudo apt-get install docker.io`.',
            };
      },
    },
    {
      id: 'rootless-prerequisites',
      title: 'rootlesskit and its helpers are installed and configured',
      applies: () => linux && managed && (ctx.hostKind === 'rootless' || uid !== 0),
      run: async () => {
        const problems = rootlessProblems();
        if (!problems.length)
          return {
            passed: true,
            detail: 'rootlesskit, newuidmap/newgidmap, slirp4netns and subordinate id ranges are in place',
          };
        const { message, fix } = describeRootlessProblems(problems);
        return { passed: false, detail: message, fix };
      },
    },
    { id: 'cgroups', title: 'cgroups are usable', applies: () => linux && managed, run: async () => cgroupCheck(uid) },
    {
      id: 'iptables-installed',
      title: "iptables is installed (outbound networking for Berth's engine)",
      applies: () => linux && managed && ctx.hostKind !== 'rootless' && uid === 0,
      run: async () => {
        const found = ['iptables', 'iptables-save', 'iptables-restore'].map((b) => findBinary(b));
        return found.every(Boolean)
          ? { passed: true, detail: `${found[0]}: ${await version(found[0]!)}` }
          : {
              passed: false,
              detail:
                "iptables is not installed, so Berth cannot set up NAT for its engine's bridge: containers cannot reach the network",
              fix: 'Install it with `sudo apt-get install iptables`, then restart the engine.',
            };
      },
    },
    {
      id: 'socket-reachable',
      title: "The engine's socket answers",
      applies: () => ctx.address !== undefined,
      run: async () => {
        const r = await probeAddress(ctx.address!, 2000);
        return r.reachable
          ? { passed: true, detail: `${addressUrl(ctx.address!)} ${r.reason}` }
          : { passed: false, detail: r.reason, fix: 'Start the engine (Engine page), or choose another engine.' };
      },
    },
    {
      id: 'disk-space',
      title: 'Enough disk space for the engine data',
      applies: () => managed && ctx.dataRoot !== undefined,
      run: async () => diskCheck(ctx.dataRoot!, ctx.minFreeBytes ?? 2 * 1024 ** 3),
    },
    {
      id: 'tcp-without-tls',
      title: 'No engine is exposed on 2375/2376 without TLS',
      applies: () => linux,
      run: exposedTcpCheck,
    },
    {
      id: 'api-version',
      title: "The engine's API version is supported",
      applies: () => ctx.address !== undefined,
      run: async () => {
        const r = await probeAddress(ctx.address!, 2000);
        if (!r.reachable || !r.apiVersion)
          return {
            passed: false,
            detail: `could not read the API version: ${r.reason}`,
            fix: 'Start the engine first, then run the diagnostics again.',
          };
        return compareVersions(r.apiVersion, MIN_API_VERSION) >= 0
          ? {
              passed: true,
              detail: `the engine speaks API ${r.apiVersion}; Berth speaks ${MIN_API_VERSION}–${MAX_API_VERSION}`,
            }
          : {
              passed: false,
              detail: `the engine speaks API ${r.apiVersion}, older than the ${MIN_API_VERSION} Berth needs`,
              fix: 'Upgrade the engine to Docker 20.10 or newer.',
            };
      },
    },
    ...vmChecks(ctx),
  ];
}

/** Runs every check (skipping those that do not apply); a check that throws counts as failed. */
export async function runDiagnostics(checks: DiagnosticCheck[]): Promise<DiagnosticOutcome[]> {
  return Promise.all(
    checks.map(async (c): Promise<DiagnosticOutcome> => {
      if (!c.applies()) return { id: c.id, title: c.title, status: 'skipped', detail: 'does not apply here' };
      try {
        const r = await c.run();
        return {
          id: c.id,
          title: c.title,
          status: r.passed ? 'passed' : 'failed',
          detail: r.detail,
          ...(r.fix && !r.passed ? { fix: r.fix } : {}),
        };
      } catch (err) {
        return {
          id: c.id,
          title: c.title,
          status: 'failed',
          detail: `the check itself failed: ${(err as Error).message}`,
          fix: 'Report this with the output of `berth diagnose`.',
        };
      }
    }),
  );
}

const mark = { passed: '✓', failed: '✗', skipped: '–' } as const;

/** Plain text for `berth diagnose`: one line per check, the fix indented under failures, a summary last. */
export function formatDiagnostics(outcomes: DiagnosticOutcome[]): string {
  const lines = outcomes.map((o) => {
    const head = `${mark[o.status]} ${o.title}: ${o.detail}`;
    return o.status === 'failed' && o.fix ? `${head}\n    fix: ${o.fix}` : head;
  });
  const failed = outcomes.filter((o) => o.status === 'failed').length;
  const passed = outcomes.filter((o) => o.status === 'passed').length;
  lines.push(
    '',
    failed
      ? `${failed} problem${failed > 1 ? 's' : ''} found, ${passed} check${passed === 1 ? '' : 's'} passed.`
      : `All ${passed} checks passed.`,
  );
  return `${lines.join('\n')}\n`;
}

/** What `berth diagnose` prints: every check for `ctx`, run and formatted. */
export async function diagnose(ctx: DiagnosticContext = {}): Promise<string> {
  return formatDiagnostics(await runDiagnostics(diagnosticChecks(ctx)));
}
