// A real two-node swarm: two private dockerds, each in a network namespace of its own (own veth, data
// root, exec root and socket), linked through a hub namespace that plays the client. The worker joins
// with the token Berth shows; then: both nodes listed, a global service with one task per node, a
// published port answering from both nodes' addresses, an attachable overlay across the nodes, logs
// merged across nodes, draining the worker, promote and demote, and removing the worker once it left.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SwarmTask } from '../../../shared/contract/areas/swarm';
import { createNetwork } from '../networks';
import { connectEngine, parseEngineAddress } from '../client';
import { rejection } from '../test-support/rejection';
import { busyboxService, startLab, until, type Lab, type LabNodeApi } from './test-support/lab';

let lab: Lab;
let manager: LabNodeApi;
let worker: LabNodeApi;

beforeAll(async () => {
  lab = await startLab(2);
  [manager, worker] = lab.nodes as [LabNodeApi, LabNodeApi];
  await manager.api.init({ advertiseAddr: (await manager.api.addresses()).suggested! });
}, 180_000);
afterAll(async () => {
  await lab?.stop();
}, 180_000);

const running = (tasks: SwarmTask[]) => tasks.filter((t) => t.desiredState === 'running' && t.state === 'running');
const nodesOf = (tasks: SwarmTask[]) =>
  running(tasks)
    .map((t) => t.node)
    .sort();
const httpd = ['sh', '-c', 'echo "hello from $(hostname)" > /tmp/index.html; exec httpd -f -p 8080 -h /tmp'];

describe('a real two-node swarm', () => {
  it('joins the worker with the token Berth shows (a wrong token is refused at its field), and lists both nodes', async () => {
    const tokens = await manager.api.joinTokens();
    const wrong = `${tokens.worker.slice(0, -1)}${tokens.worker.endsWith('a') ? 'b' : 'a'}`;
    const refused = await rejection(worker.api.join({ remoteAddr: tokens.managerAddr, token: wrong }));
    expect(refused.field).toBe('token');
    expect((await worker.api.status()).state).not.toBe('active');

    const status = await worker.api.join({
      remoteAddr: tokens.managerAddr,
      token: tokens.worker,
      advertiseAddr: (await worker.api.addresses()).suggested!,
    });
    expect(status).toMatchObject({ state: 'active', role: 'worker', nodeAddr: worker.addr });
    const nodes = await until(
      () => manager.api.nodes(),
      (l) => l.length === 2 && l.every((n) => n.status === 'ready'),
      'both nodes ready',
    );
    const by = Object.fromEntries(nodes.map((n) => [n.hostname, n]));
    expect(by['node-1']).toMatchObject({
      role: 'manager',
      self: true,
      addr: manager.addr,
      manager: { leader: true, reachability: 'reachable' },
    });
    expect(by['node-2']).toMatchObject({ role: 'worker', self: false, addr: worker.addr, availability: 'active' });
    expect(by['node-2']!.cpus).toBeGreaterThan(0);
    expect(by['node-2']!.memory).toBeGreaterThan(0);
    expect(by['node-2']!.engineVersion).toMatch(/^\d+\.\d+/);
    const onWorker = await rejection(worker.api.services());
    expect(onWorker.message).toMatch(/this engine is a worker of its swarm/);
  });

  it('runs a global service with one task per node; its host-mode port answers from both nodes’ addresses', async () => {
    await manager.api.createService(
      busyboxService('edge', {
        mode: 'global',
        command: httpd,
        ports: [{ target: 8080, published: 8080, mode: 'host' }],
      }),
    );
    const tasks = await until(
      () => manager.api.tasks({ service: 'edge' }),
      (t) => running(t).length === 2,
      'a task on each node',
    );
    expect(nodesOf(tasks)).toEqual(['node-1', 'node-2']);
    expect(running(tasks).find((t) => t.node === 'node-1')!.local).toBe(true);
    expect(running(tasks).find((t) => t.node === 'node-2')!.local).toBe(false);
    expect(
      running(tasks)
        .map((t) => t.name)
        .sort(),
    ).toEqual(['edge.node-1', 'edge.node-2']);
    const fromManager = await until(() => lab.lab.fetch(`http://${manager.addr}:8080/`), Boolean, 'node-1 to answer');
    const fromWorker = await until(() => lab.lab.fetch(`http://${worker.addr}:8080/`), Boolean, 'node-2 to answer');
    expect(fromManager).toMatch(/^hello from /);
    expect(fromWorker).toMatch(/^hello from /);
    expect(fromManager).not.toBe(fromWorker);
  });

  it('publishes through the routing mesh when the kernel has IPVS, and says so when it has not', async () => {
    const status = await manager.api.status();
    if (status.routingMesh !== 'available') {
      // This kernel cannot do it (no CONFIG_IP_VS): Berth says so rather than leave a port that never answers.
      expect(status.routingMesh).toBe('missing');
      return;
    }
    await manager.api.createService(
      busyboxService('mesh', { replicas: 1, command: httpd, ports: [{ target: 8080, published: 8081 }] }),
    );
    await until(() => lab.lab.fetch(`http://${manager.addr}:8081/`), Boolean, 'the mesh port on node-1');
    await until(() => lab.lab.fetch(`http://${worker.addr}:8081/`), Boolean, 'the mesh port on node-2');
    await manager.api.removeService('mesh');
  });

  it('makes an attachable overlay that a plain container on the worker joins, reaching a service’s tasks on both nodes', async () => {
    const client = await connectEngine(parseEngineAddress(`unix://${manager.socket}`));
    await createNetwork(client, { name: 'mesh-net', driver: 'overlay', attachable: true });
    await manager.api.createService(
      busyboxService('inner', { mode: 'global', command: httpd, networks: ['mesh-net'], endpointMode: 'dnsrr' }),
    );
    await until(
      () => manager.api.tasks({ service: 'inner' }),
      (t) => running(t).length === 2,
      'inner on both nodes',
    );
    // A standalone container on the worker, on the overlay, fetching each task by DNS round robin.
    const seen = new Set<string>();
    await until(
      async () => {
        const r = await worker.docker([
          'run',
          '--rm',
          '--network',
          'mesh-net',
          'berth-fixture/busybox:latest',
          'sh',
          '-c',
          'for ip in $(nslookup tasks.inner 2>/dev/null | sed -n "s/^Address: *//p"); do timeout 3 wget -q -O- http://$ip:8080/; done',
        ]);
        for (const line of r.stdout.split('\n').filter(Boolean)) seen.add(line);
        return seen.size;
      },
      (n) => n === 2,
      'both tasks answering over the overlay',
    );
    const use = (await manager.api.networkUse()).find((n) => n.name === 'mesh-net');
    expect(use).toMatchObject({ services: ['inner'], nodes: ['node-1', 'node-2'] });
    await manager.api.removeService('inner');
  });

  it('merges a service’s logs across both nodes', async () => {
    await manager.api.createService(
      busyboxService('chat', {
        mode: 'global',
        command: ['sh', '-c', 'while true; do echo "tick from $(hostname)"; sleep 0.3; done'],
      }),
    );
    await until(
      () => manager.api.tasks({ service: 'chat' }),
      (t) => running(t).length === 2,
      'chat on both nodes',
    );
    await new Promise((r) => setTimeout(r, 1500));
    const lines = [];
    for await (const batch of manager.api.serviceLogs({ services: ['chat'], tail: 3, follow: false }))
      lines.push(...batch);
    expect(new Set(lines.map((l) => l.node))).toEqual(new Set(['node-1', 'node-2']));
    expect(new Set(lines.map((l) => l.container))).toEqual(new Set(['chat.node-1', 'chat.node-2']));
    await manager.api.removeService('chat');
  });

  it('drains the worker: its tasks move to the manager; made active again, it takes tasks again', async () => {
    await manager.api.createService(busyboxService('spread', { replicas: 2 }));
    const before = await until(
      () => manager.api.tasks({ service: 'spread' }),
      (t) => running(t).length === 2,
      'spread',
    );
    expect(nodesOf(before)).toEqual(['node-1', 'node-2']);
    const workerId = (await manager.api.nodes()).find((n) => n.hostname === 'node-2')!.id;
    const drained = await manager.api.updateNode(workerId, { availability: 'drain' });
    expect(drained.availability).toBe('drain');
    const after = await until(
      () => manager.api.tasks({ service: 'spread' }),
      (t) => running(t).length === 2 && nodesOf(t).every((n) => n === 'node-1'),
      'both replicas on node-1',
    );
    expect(after.filter((t) => t.node === 'node-2' && t.desiredState === 'shutdown').length).toBeGreaterThan(0);
    // The global service keeps no task on a drained node.
    await until(
      () => manager.api.tasks({ service: 'edge' }),
      (t) => nodesOf(t).join() === 'node-1',
      'edge off node-2',
    );
    expect((await manager.api.nodes()).find((n) => n.hostname === 'node-2')!.tasks).toBe(0);

    await manager.api.updateNode(workerId, { availability: 'active', labels: { zone: 'b' } });
    await until(
      () => manager.api.tasks({ service: 'edge' }),
      (t) => nodesOf(t).length === 2,
      'edge back on node-2',
    );
    await manager.api.createService(busyboxService('zoned', { constraints: ['node.labels.zone==b'] }));
    const zoned = await until(
      () => manager.api.tasks({ service: 'zoned' }),
      (t) => running(t).length === 1,
      'zoned',
    );
    expect(nodesOf(zoned)).toEqual(['node-2']);
  });

  it('promotes the worker to a manager and demotes it again', async () => {
    const workerId = (await manager.api.nodes()).find((n) => n.hostname === 'node-2')!.id;
    await manager.api.updateNode(workerId, { role: 'manager' });
    const promoted = await until(
      () => manager.api.nodes(),
      (l) => l.find((n) => n.id === workerId)?.manager?.reachability === 'reachable',
      'node-2 a reachable manager',
    );
    expect(promoted.find((n) => n.id === workerId)).toMatchObject({ role: 'manager', manager: { leader: false } });
    await until(
      () => worker.api.status(),
      (s) => s.role === 'manager',
      'node-2 to see itself a manager',
    );
    await manager.api.updateNode(workerId, { role: 'worker' });
    await until(
      () => worker.api.status(),
      (s) => s.role === 'worker',
      'node-2 to be a worker again',
    );
  });

  it('removes a node only once it is down: the worker leaves, the manager sees it down, then removes it', async () => {
    const workerId = (await manager.api.nodes()).find((n) => n.hostname === 'node-2')!.id;
    const up = await rejection(manager.api.removeNode(workerId));
    expect(up.message).toMatch(/it is ready\. Drain it and run "docker swarm leave" on it/);
    await worker.api.leave(false);
    expect((await worker.api.status()).state).toBe('inactive');
    await until(
      () => manager.api.nodes(),
      (l) => l.find((n) => n.id === workerId)?.status === 'down',
      'node-2 down',
    );
    await manager.api.removeNode(workerId);
    expect((await manager.api.nodes()).map((n) => n.hostname)).toEqual(['node-1']);
  });
});
