// The managed engine's own network, so it never collides with a system dockerd: its own bridge
// name, its own /16 for that bridge (as Docker's default 172.17.0.0/16: room for 65 000 containers,
// where a /24 stops `docker run` after about 250) and its own pool for user networks, chosen once
// and remembered.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BerthError } from '../../shared/errors';
import { EngineStepError } from './step-error';

export interface EngineNetwork {
  /** Linux bridge name (at most 15 characters), e.g. "berth0". */
  bridge: string;
  /** The bridge's address with prefix, e.g. "10.213.0.1/16" (dockerd's --bip). */
  bip: string;
  /** Base of the pool user networks come from, e.g. "10.214.0.0/16". */
  pool: string;
  /** Prefix length of each user network taken from the pool. */
  poolSize: number;
}

export const DEFAULT_BRIDGE = 'berth0';

/** First-octet-pair prefixes ("10.213.") in the routing table. */
export function routedPrefixes(): string[] {
  try {
    return execFileSync('ip', ['-4', 'route'], { encoding: 'utf8' })
      .split('\n')
      .map((l) => l.split(' ')[0] ?? '')
      .filter(Boolean);
  } catch {
    return [];
  }
}

function toRange(cidr: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)(?:\/(\d+))?$/.exec(cidr);
  if (!m) return undefined;
  const base = ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
  const bits = m[5] === undefined ? 32 : Number(m[5]);
  const size = 2 ** (32 - bits);
  const start = base - (base % size);
  return [start, start + size - 1];
}

/** True when `cidr` shares any address with a routed prefix. */
export function overlapsRoutes(routes: string[], cidr: string): boolean {
  const mine = toRange(cidr);
  if (!mine) return false;
  return routes.some((r) => {
    const other = toRange(r);
    return other !== undefined && other[0] <= mine[1] && mine[0] <= other[1];
  });
}

/** Picks a /16 for the bridge and a /16 pool that no route on this machine uses. Pure, for tests. */
export function chooseNetwork(routes: string[], bridge = DEFAULT_BRIDGE): EngineNetwork {
  for (let a = 213; a < 254; a += 2) {
    if (overlapsRoutes(routes, `10.${a}.0.0/16`) || overlapsRoutes(routes, `10.${a + 1}.0.0/16`)) continue;
    return { bridge, bip: `10.${a}.0.1/16`, pool: `10.${a + 1}.0.0/16`, poolSize: 24 };
  }
  throw new BerthError({
    kind: 'conflict',
    message:
      "Could not find a free private subnet for Berth's engine: every 10.213–254.x.x range is already routed. Set the engine network in Berth's settings.",
  });
}

/**
 * A network remembered from an older Berth, whose bridge had a /24 (10.X.0.1/24), widened to the
 * /16 around it when no other route uses that /16 (its own /24 route does not count). Pure, for tests.
 */
export function widenedBridge(saved: EngineNetwork, routes: string[]): EngineNetwork | undefined {
  const m = /^10\.(\d+)\.0\.1\/24$/.exec(saved.bip);
  if (!m) return undefined;
  const own = toRange(`10.${m[1]}.0.0/24`)!;
  const inOwn = (r: string) => {
    const range = toRange(r);
    return range !== undefined && range[0] >= own[0] && range[1] <= own[1];
  };
  if (
    overlapsRoutes(
      routes.filter((r) => !inOwn(r)),
      `10.${m[1]}.0.0/16`,
    )
  )
    return undefined;
  return { ...saved, bip: `10.${m[1]}.0.1/16` };
}

/** The remembered network in `file` (an old /24 bridge widened to /16), or a fresh choice saved there. */
export function loadOrChooseNetwork(file: string, bridge = DEFAULT_BRIDGE): EngineNetwork {
  if (existsSync(file)) {
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as EngineNetwork;
      if (saved.bridge && saved.bip && saved.pool) {
        const widened = widenedBridge(saved, routedPrefixes());
        if (!widened) return saved;
        writeFileSync(file, `${JSON.stringify(widened, null, 2)}\n`, { mode: 0o600 });
        return widened;
      }
    } catch {
      /* rewritten below */
    }
  }
  const chosen = chooseNetwork(routedPrefixes(), bridge);
  writeFileSync(file, `${JSON.stringify(chosen, null, 2)}\n`, { mode: 0o600 });
  return chosen;
}

function ip(args: string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function bridgeExists(name: string): boolean {
  return existsSync(`/sys/class/net/${name}`);
}

/** Creates the bridge with its address (dockerd's --bridge needs it to exist). Returns true if it created it. */
export function ensureBridge(net: EngineNetwork): boolean {
  if (net.bridge.length > 15) {
    throw new BerthError({
      kind: 'invalid',
      message: `The bridge name "${net.bridge}" is too long: Linux allows 15 characters. Choose a shorter name.`,
    });
  }
  try {
    if (!bridgeExists(net.bridge)) {
      // One `ip` process for the three steps: it is on the cold-start path.
      execFileSync('ip', ['-batch', '-'], {
        input: `link add ${net.bridge} type bridge\naddr add ${net.bip} dev ${net.bridge}\nlink set ${net.bridge} up\n`,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      return true;
    }
    const addrs = ip(['-4', '-o', 'addr', 'show', 'dev', net.bridge]);
    if (!addrs.includes(` ${net.bip} `)) {
      // the same address with another prefix (an older Berth's /24) goes first: dockerd reads the bridge's address
      const address = net.bip.split('/')[0]!;
      for (const old of addrs.matchAll(/ inet (\S+) /g))
        if (old[1]!.split('/')[0] === address) ip(['addr', 'del', old[1]!, 'dev', net.bridge]);
      ip(['addr', 'add', net.bip, 'dev', net.bridge]);
    }
    ip(['link', 'set', net.bridge, 'up']);
  } catch (err) {
    const e = err as { stderr?: string; message?: string; code?: string };
    const why = e.code === 'ENOENT' ? 'the `ip` command is not installed' : (e.stderr ?? e.message ?? '').trim();
    throw new EngineStepError(
      'unavailable',
      `Could not set up the engine's bridge "${net.bridge}" (${net.bip}): ${why}.`,
      "Install iproute2 (`sudo apt-get install iproute2`) and run Berth's engine as root, or use the rootless engine.",
      why,
    );
  }
  return false;
}

export function removeBridge(name: string): void {
  if (!bridgeExists(name)) return;
  try {
    ip(['link', 'del', name]);
  } catch {
    /* busy or gone: harmless, it is reused on the next start */
  }
}

/**
 * Which bridge Berth created for an engine, remembered in the engine dir so that a later Berth process
 * (after a crash, or after the bridge name changed) knows the bridge is its own to remove.
 */
const OWNED_BRIDGE = 'bridge-owned.json';

export function ownedBridge(engineDir: string): string | undefined {
  try {
    const saved = JSON.parse(readFileSync(join(engineDir, OWNED_BRIDGE), 'utf8')) as { bridge?: unknown };
    return typeof saved.bridge === 'string' && /^[\w.-]{1,15}$/.test(saved.bridge) ? saved.bridge : undefined;
  } catch {
    return undefined;
  }
}

export function rememberOwnedBridge(engineDir: string, bridge: string): void {
  writeFileSync(join(engineDir, OWNED_BRIDGE), `${JSON.stringify({ bridge })}\n`, { mode: 0o600 });
}

export function forgetOwnedBridge(engineDir: string): void {
  rmSync(join(engineDir, OWNED_BRIDGE), { force: true });
}

/**
 * Makes the engine's bridge exist. `berths` is true when the bridge is Berth's to remove on stop: this
 * call created it, or an earlier Berth session did (remembered in the engine dir). A bridge an earlier
 * session created under another name is removed.
 */
export function setUpEngineBridge(engineDir: string, net: EngineNetwork): { berths: boolean; notes: string[] } {
  const notes: string[] = [];
  const owned = ownedBridge(engineDir);
  if (owned && owned !== net.bridge && bridgeExists(owned)) {
    removeBridge(owned);
    if (!bridgeExists(owned)) {
      forgetOwnedBridge(engineDir);
      notes.push(`removed the bridge ${owned} an earlier Berth session created`);
    }
  }
  if (ensureBridge(net)) {
    rememberOwnedBridge(engineDir, net.bridge);
    return { berths: true, notes };
  }
  if (owned === net.bridge) notes.push(`reusing the bridge ${net.bridge} Berth created in an earlier session`);
  return { berths: owned === net.bridge, notes };
}

/** The engine's network: what the options give, completed by the choice remembered in the engine dir. */
export function resolveEngineNetwork(engineDir: string, wanted: Partial<EngineNetwork> = {}): EngineNetwork {
  mkdirSync(engineDir, { recursive: true, mode: 0o700 });
  const base =
    wanted.bip && wanted.pool
      ? undefined
      : loadOrChooseNetwork(join(engineDir, 'network.json'), wanted.bridge ?? DEFAULT_BRIDGE);
  return {
    bridge: wanted.bridge ?? base?.bridge ?? DEFAULT_BRIDGE,
    bip: wanted.bip ?? base!.bip,
    pool: wanted.pool ?? base!.pool,
    poolSize: wanted.poolSize ?? base?.poolSize ?? 24,
  };
}
