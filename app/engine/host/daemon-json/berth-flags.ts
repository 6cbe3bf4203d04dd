// The settings Berth gives its dockerd on the command line. dockerd refuses to start when one is also
// in daemon.json ("the following directives are specified both as a flag and in the configuration
// file"), so these keys are refused before anything is written, each with why Berth sets it.

export interface BerthKey {
  key: string;
  /** The flag as Berth passes it, e.g. "--data-root=/home/me/.local/share/berth/engine/data-root". */
  flag: string;
}

/** dockerd flags whose daemon.json key is not the flag's own name. */
const KEY_OF_FLAG: Record<string, string> = {
  host: 'hosts',
  'default-address-pool': 'default-address-pools',
  label: 'labels',
  'registry-mirror': 'registry-mirrors',
  'insecure-registry': 'insecure-registries',
  'log-opt': 'log-opts',
  'storage-opt': 'storage-opts',
  'exec-opt': 'exec-opts',
  'add-runtime': 'runtimes',
  'default-ulimit': 'default-ulimits',
  'authorization-plugin': 'authorization-plugins',
  'dns-opt': 'dns-opts',
  'cluster-store-opt': 'cluster-store-opts',
  'node-generic-resource': 'node-generic-resources',
};

const WHY: Record<string, string> = {
  'data-root': "Berth keeps its engine's files in its own folder",
  'exec-root': "Berth keeps its engine's files in its own folder",
  pidfile: "Berth keeps its engine's files in its own folder",
  hosts: "Berth's engine listens only on its private socket, readable by you alone",
  bridge: 'Berth makes its own bridge for this engine, so it never shares docker0 with another engine',
  bip: 'Berth makes its own bridge for this engine with its own address (dockerd takes either "bridge" or "bip", and Berth gives it "bridge")',
  'default-address-pools':
    'Berth gives its engine its own address pool, and its outbound NAT rules are made for that pool',
  'cgroup-parent': "Berth keeps its engine's containers under their own cgroup",
  iptables: "Berth sets up its engine's outbound NAT itself, so two engines never fight over the DOCKER chains",
  'ip-masq': "Berth sets up its engine's outbound NAT itself, so two engines never fight over the DOCKER chains",
};

/** The daemon.json keys that Berth's command line `args` already sets (plus "bip" when it gives "bridge"). */
export function berthKeys(args: readonly string[]): BerthKey[] {
  const out: BerthKey[] = [];
  for (const arg of args) {
    const m = /^--([a-z0-9-]+)(?:=.*)?$/.exec(arg);
    if (!m || m[1] === 'config-file') continue;
    const key = KEY_OF_FLAG[m[1]!] ?? m[1]!;
    if (!out.some((k) => k.key === key)) out.push({ key, flag: arg });
    if (key === 'bridge') out.push({ key: 'bip', flag: arg });
  }
  return out;
}

/** Why a key Berth sets may not be in daemon.json, as a sentence. */
export function berthKeyMessage(k: BerthKey): string {
  const why = WHY[k.key] ?? 'Berth starts its engine with this setting';
  return `"${k.key}" is set by Berth itself (${k.flag}): ${why}, and dockerd refuses to start when a setting is both on its command line and in daemon.json. Remove "${k.key}" from the settings.`;
}
