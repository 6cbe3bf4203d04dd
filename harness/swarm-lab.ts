// A swarm lab for integration tests, e2e and benchmarks: private engines, each in a network namespace
// of its own with iptables managed by dockerd (the ingress routing mesh needs it), joined through a
// "hub" namespace whose bridge links them like a switch and whose own address is the client that
// reaches every node. The host's interfaces and iptables rules are never touched: every namespace is
// recorded with the engines' cleanup, so the reaper deletes them (and what is in them) if the test dies.
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { startTestEngine, type TestEngine } from './engine';
import { buildBusybox } from './fixtures';

export interface LabNode {
  engine: TestEngine;
  /** The node's address on the hub (its default route goes there too). */
  addr: string;
}

export interface SwarmLab {
  /** The hub's subnet, e.g. 192.168.140.0/24. */
  subnet: string;
  /** The hub's own address: where `client` requests come from. */
  clientAddr: string;
  nodes: LabNode[];
  /** Starts one more engine in its own namespace, wired to the hub, with the busybox fixture imported. */
  addNode(): Promise<LabNode>;
  /** Runs a command in the hub namespace (a client that is none of the nodes). */
  client(args: string[], timeoutMs?: number): Promise<{ stdout: string; stderr: string; code: number }>;
  /** An HTTP GET from the hub: the body, or undefined when nothing answered. */
  fetch(url: string): Promise<string | undefined>;
  stop(): Promise<void>;
}

const ip = (args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] });

function run(file: string, args: string[], timeoutMs: number) {
  return new Promise<{ stdout: string; stderr: string; code: number }>((resolve) =>
    execFile(file, args, { timeout: timeoutMs }, (err, stdout, stderr) =>
      resolve({ stdout, stderr, code: err ? Number((err as { code?: number }).code ?? 1) : 0 }),
    ),
  );
}

/** Starts the hub and `nodes` engines (default 1); more can be added later. */
export async function startSwarmLab(nodes = 1): Promise<SwarmLab> {
  const id = randomBytes(3).toString('hex');
  const x = 100 + Math.floor(Math.random() * 150);
  const prefix = `192.168.${x}`;
  const hub = `berth-hub-${id}`;
  const lab: SwarmLab = {
    subnet: `${prefix}.0/24`,
    clientAddr: `${prefix}.254`,
    nodes: [],
    async addNode() {
      const n = lab.nodes.length + 1;
      const engine = await startTestEngine({
        netns: true,
        iptables: true,
        hostname: `node-${n}`,
        // A task's image is the local fixture: without this the node first tries the registry (20 s here).
        env: { DOCKER_SERVICE_PREFER_OFFLINE_IMAGE: '1' },
      });
      if (n === 1) {
        // The hub belongs to the first engine: its cleanup (or its reaper's) deletes it.
        engine.own(hub);
        ip(['netns', 'add', hub]);
        ip(['-n', hub, 'link', 'set', 'lo', 'up']);
        ip(['-n', hub, 'link', 'add', 'hub0', 'type', 'bridge']);
        ip(['-n', hub, 'addr', 'add', `${lab.clientAddr}/24`, 'dev', 'hub0']);
        ip(['-n', hub, 'link', 'set', 'hub0', 'up']);
      }
      const ns = engine.netns!;
      const addr = `${prefix}.${n}`;
      // A veth made in the root namespace under throw-away names, then moved: eth0 in the node, a port on the hub.
      const a = `bs${id}${n}a`;
      const b = `bs${id}${n}b`;
      ip(['link', 'add', a, 'type', 'veth', 'peer', 'name', b]);
      ip(['link', 'set', a, 'netns', ns]);
      ip(['link', 'set', b, 'netns', hub]);
      ip(['-n', ns, 'link', 'set', a, 'name', 'eth0']);
      ip(['-n', ns, 'addr', 'add', `${addr}/24`, 'dev', 'eth0']);
      ip(['-n', ns, 'link', 'set', 'eth0', 'up']);
      ip(['-n', ns, 'route', 'add', 'default', 'via', lab.clientAddr]);
      ip(['-n', hub, 'link', 'set', b, 'master', 'hub0']);
      ip(['-n', hub, 'link', 'set', b, 'up']);
      await buildBusybox(engine);
      const node = { engine, addr };
      lab.nodes.push(node);
      return node;
    },
    client: (args, timeoutMs = 15_000) => run('ip', ['netns', 'exec', hub, ...args], timeoutMs),
    async fetch(url) {
      // busybox's wget -T is unreliable; `timeout` bounds it.
      const r = await lab.client(['timeout', '5', 'busybox', 'wget', '-q', '-O-', url], 10_000);
      return r.code === 0 ? r.stdout : undefined;
    },
    async stop() {
      // Workers first, then the first engine, whose cleanup deletes the hub.
      for (const n of [...lab.nodes].reverse()) await n.engine.stop();
    },
  };
  try {
    for (let i = 0; i < nodes; i++) await lab.addNode();
  } catch (err) {
    await lab.stop();
    throw err;
  }
  return lab;
}
