// Outbound networking for Berth's root-mode engine. dockerd runs with --iptables=false so it never
// fights a system dockerd over the DOCKER chains; Berth instead keeps its OWN two chains per engine
// bridge — BERTH-POST-<bridge> (hooked first in nat POSTROUTING: MASQUERADE for the bridge subnet and
// the user-network pool leaving for anywhere else) and BERTH-FWD-<bridge> (hooked first in filter
// FORWARD: accepts for Berth's traffic, since a system docker sets the FORWARD policy to DROP).
// Chains are per bridge so two Berth engines never edit each other's rules; every change is one
// atomic `iptables-restore --noflush`; stale chains of a crashed run are replaced on the next start.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { findBinary } from './binaries';
import type { EngineNetwork } from './network';
import { EngineStepError } from './step-error';

/** Runs a program and returns its stdout; throws (with `stderr`) when it fails. */
export type Runner = (file: string, args: string[], input?: string) => string;

export interface NatOptions {
  net: EngineNetwork;
  /** Where the installed chains and the ip_forward change are remembered (survives a crash). */
  stateFile: string;
  /** Runs iptables-save / iptables-restore; tests run them in a network namespace. */
  run?: Runner;
  env?: Record<string, string | undefined>;
  /** Finds iptables-save / iptables-restore; default findBinary (PATH and the sbin dirs). */
  find?: (name: string) => string | undefined;
  /** Default /proc/sys/net/ipv4/ip_forward. */
  ipForwardFile?: string;
  /** Whether a network interface exists (for sweeping chains whose bridge is gone); default /sys/class/net. */
  linkExists?: (name: string) => boolean;
}

export interface NatOutcome {
  /** True when Berth's rules are in place. */
  installed: boolean;
  /** Sentences for the UI's notices (ip_forward turned on, rules skipped and why, stale rules removed). */
  notices: string[];
}

interface NatState {
  bridge: string;
  chains: { table: 'nat' | 'filter'; chain: string }[];
  /** True when Berth turned net.ipv4.ip_forward on (so it may turn it off again). */
  ipForwardEnabledByBerth: boolean;
}

const POST = 'BERTH-POST-';
const FWD = 'BERTH-FWD-';
/** iptables chain names hold at most 28 characters; bridge names at most 15. */
export const natChainNames = (bridge: string) => ({ nat: `${POST}${bridge}`, filter: `${FWD}${bridge}` });

/** "10.213.0.1/24" → "10.213.0.0/24". */
export function networkOf(cidr: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!m)
    throw new EngineStepError(
      'invalid',
      `"${cidr}" is not an IPv4 subnet.`,
      "Fix the engine network in Berth's settings.",
    );
  const addr = ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
  const bits = Number(m[5]);
  const base = bits === 0 ? 0 : (addr & (~0 << (32 - bits))) >>> 0;
  return `${[24, 16, 8, 0].map((s) => (base >>> s) & 255).join('.')}/${bits}`;
}

export interface SavedTable {
  chains: Set<string>;
  /** Rule lines as iptables-save prints them ("-A POSTROUTING -j BERTH-POST-berth0"). */
  rules: string[];
}

/** Parses iptables-save output into tables of chains and rules. */
export function parseSave(text: string): Map<string, SavedTable> {
  const tables = new Map<string, SavedTable>();
  let current: SavedTable | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('*')) {
      current = { chains: new Set(), rules: [] };
      tables.set(line.slice(1).trim(), current);
    } else if (current && line.startsWith(':')) current.chains.add(line.slice(1).split(' ')[0]!);
    else if (current && line.startsWith('-A ')) current.rules.push(line.trim());
  }
  return tables;
}

/** The rule lines of `table` that jump to `chain` (its hooks), turned into deletions. */
function unhook(table: SavedTable | undefined, chain: string): string[] {
  return (table?.rules ?? []).filter((r) => r.endsWith(` -j ${chain}`)).map((r) => `-D ${r.slice(3)}`);
}

/** Lines that remove `chain` (flush, unhook, delete) when it exists in `table`. */
function removal(table: SavedTable | undefined, chain: string): string[] {
  if (!table?.chains.has(chain)) return unhook(table, chain);
  return [`:${chain} - [0:0]`, ...unhook(table, chain), `-X ${chain}`];
}

/** Berth's rules for `net`, as the body of each table's iptables-restore section. */
export function natRules(net: EngineNetwork): { nat: string[]; filter: string[] } {
  const { nat, filter } = natChainNames(net.bridge);
  const bridgeNet = networkOf(net.bip);
  const pool = networkOf(net.pool);
  return {
    nat: [
      `-A ${nat} -d ${bridgeNet} -j RETURN`,
      `-A ${nat} -d ${pool} -j RETURN`,
      `-A ${nat} -s ${bridgeNet} -j MASQUERADE`,
      `-A ${nat} -s ${pool} -j MASQUERADE`,
      `-I POSTROUTING 1 -j ${nat}`,
    ],
    filter: [
      `-A ${filter} -i ${net.bridge} -j ACCEPT`,
      `-A ${filter} -o ${net.bridge} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
      `-A ${filter} -s ${pool} -j ACCEPT`,
      `-A ${filter} -d ${pool} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
      `-I FORWARD 1 -j ${filter}`,
    ],
  };
}

/** Chains named after a bridge that no longer exists: left by a Berth engine that died. */
export function orphanChains(
  saved: Map<string, SavedTable>,
  linkExists: (name: string) => boolean,
): NatState['chains'] {
  const out: NatState['chains'] = [];
  for (const table of ['nat', 'filter'] as const) {
    for (const chain of saved.get(table)?.chains ?? []) {
      const bridge = chain.startsWith(POST)
        ? chain.slice(POST.length)
        : chain.startsWith(FWD)
          ? chain.slice(FWD.length)
          : '';
      if (bridge && !linkExists(bridge)) out.push({ table, chain });
    }
  }
  return out;
}

/** The iptables-restore input that removes `stale` chains and (when `net` is set) installs Berth's rules. */
export function restoreScript(saved: Map<string, SavedTable>, stale: NatState['chains'], net?: EngineNetwork): string {
  const rules = net ? natRules(net) : undefined;
  const own = net ? natChainNames(net.bridge) : undefined;
  const seen = new Set<string>();
  const unique = stale.filter((s) => !seen.has(`${s.table}/${s.chain}`) && seen.add(`${s.table}/${s.chain}`));
  const out: string[] = [];
  for (const table of ['nat', 'filter'] as const) {
    const t = saved.get(table);
    const body: string[] = [];
    for (const s of unique) if (s.table === table && s.chain !== own?.[table]) body.push(...removal(t, s.chain));
    if (rules && own) body.push(`:${own[table]} - [0:0]`, ...unhook(t, own[table]), ...rules[table]);
    if (body.length) out.push(`*${table}`, ...body, 'COMMIT');
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

const defaultRunner: Runner = (file, args, input) =>
  execFileSync(file, args, {
    encoding: 'utf8',
    ...(input !== undefined ? { input } : {}),
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: 20000,
  });

function why(err: unknown): string {
  const e = err as { stderr?: string; message?: string };
  return ((e.stderr ?? '').trim() || (e.message ?? String(err))).split('\n')[0]!;
}

/** Berth's NAT and FORWARD rules for one engine bridge: install on start, remove on stop. */
export class EngineNat {
  private readonly run: Runner;
  private readonly ipForwardFile: string;
  private readonly linkExists: (name: string) => boolean;

  constructor(private readonly opts: NatOptions) {
    this.run = opts.run ?? defaultRunner;
    this.ipForwardFile = opts.ipForwardFile ?? '/proc/sys/net/ipv4/ip_forward';
    this.linkExists = opts.linkExists ?? ((name) => existsSync(`/sys/class/net/${name}`));
  }

  /** iptables-save and iptables-restore, or undefined when iptables is not installed. */
  private tools(): { save: string; restore: string } | undefined {
    const find = this.opts.find ?? ((name: string) => findBinary(name, this.opts.env));
    const save = find('iptables-save');
    const restore = find('iptables-restore');
    return save && restore ? { save, restore } : undefined;
  }

  private readState(): NatState | undefined {
    try {
      return JSON.parse(readFileSync(this.opts.stateFile, 'utf8')) as NatState;
    } catch {
      return undefined;
    }
  }

  /**
   * Installs (or re-installs) the rules and turns IPv4 forwarding on. Never throws: when the rules
   * cannot be installed the engine still runs, and the outcome's notice says why and what to do.
   */
  install(): NatOutcome {
    const tools = this.tools();
    if (!tools) {
      return {
        installed: false,
        notices: [
          "Containers on Berth's engine cannot reach the network: iptables is not installed, so Berth cannot set up NAT for its bridge. Install it with `sudo apt-get install iptables` and restart the engine.",
        ],
      };
    }
    const notices: string[] = [];
    const previous = this.readState();
    try {
      const saved = parseSave(this.run(tools.save, []));
      const stale = [...(previous?.chains ?? []), ...orphanChains(saved, this.linkExists)];
      const leftovers = stale.filter((s) => saved.get(s.table)?.chains.has(s.chain));
      if (leftovers.length)
        notices.push(
          `Removed ${leftovers.length} stale Berth firewall chain(s) left by an earlier run: ${[...new Set(leftovers.map((s) => s.chain))].join(', ')}.`,
        );
      this.run(tools.restore, ['-w', '--noflush'], restoreScript(saved, stale, this.opts.net));
    } catch (err) {
      return {
        installed: false,
        notices: [
          `Containers on Berth's engine cannot reach the network: Berth could not install its NAT rules for ${this.opts.net.bridge} (${why(err)}). Check that the kernel has iptables/nftables support (\`sudo modprobe iptable_nat\`) and that Berth runs as root, then restart the engine.`,
        ],
      };
    }
    let enabled = previous?.ipForwardEnabledByBerth ?? false;
    try {
      if (readFileSync(this.ipForwardFile, 'utf8').trim() === '0') {
        writeFileSync(this.ipForwardFile, '1\n');
        enabled = true;
        notices.push(
          "Turned on IPv4 forwarding (net.ipv4.ip_forward=1) so containers on Berth's engine can reach the network.",
        );
      }
    } catch (err) {
      notices.push(
        `Containers on Berth's engine may not reach the network: IPv4 forwarding is off and Berth could not turn it on (${why(err)}). Run \`sudo sysctl -w net.ipv4.ip_forward=1\`.`,
      );
    }
    const { nat, filter } = natChainNames(this.opts.net.bridge);
    const state: NatState = {
      bridge: this.opts.net.bridge,
      chains: [
        { table: 'nat', chain: nat },
        { table: 'filter', chain: filter },
      ],
      ipForwardEnabledByBerth: enabled,
    };
    writeFileSync(this.opts.stateFile, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    return { installed: true, notices };
  }

  /**
   * Removes this engine's chains. IPv4 forwarding is turned off again only when Berth turned it on and
   * nothing else that routes containers (another Berth engine, a system docker, podman/CNI) is there.
   */
  remove(): NatOutcome {
    const state = this.readState();
    const tools = this.tools();
    if (!state || !tools) return { installed: false, notices: [] };
    const notices: string[] = [];
    try {
      const saved = parseSave(this.run(tools.save, []));
      const script = restoreScript(saved, state.chains);
      if (script) this.run(tools.restore, ['-w', '--noflush'], script);
      if (state.ipForwardEnabledByBerth && !othersRoute(saved, state.chains)) {
        writeFileSync(this.ipForwardFile, '0\n');
        notices.push('Turned IPv4 forwarding off again (Berth had turned it on and nothing else needs it).');
      }
    } catch (err) {
      return {
        installed: true,
        notices: [
          `Berth could not remove its firewall rules for ${state.bridge} (${why(err)}); they are replaced on the next start, or remove the ${state.chains.map((c) => c.chain).join(' and ')} chains by hand.`,
        ],
      };
    }
    rmSync(this.opts.stateFile, { force: true });
    return { installed: false, notices };
  }
}

/** True when chains other than `own` suggest something else routes containers through this host. */
function othersRoute(saved: Map<string, SavedTable>, own: NatState['chains']): boolean {
  const mine = new Set(own.map((c) => c.chain));
  for (const t of saved.values())
    for (const c of t.chains) if (!mine.has(c) && /^(BERTH-|DOCKER|CNI-|NETAVARK|LIBVIRT|KUBE-)/.test(c)) return true;
  return false;
}
