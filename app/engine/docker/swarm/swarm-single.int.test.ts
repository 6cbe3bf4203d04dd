// A real single-node swarm on a private dockerd of its own (in its own network namespace, iptables
// managed by dockerd there): created with the address Berth suggests, join tokens and their rotation,
// services in every mode, scale, a rolling update seen task by task, rollback, jobs to completion,
// self-healing, merged logs, a secret and a config read back from inside a task, placement and port
// refusals, and leaving (force only when asked).
import { existsSync } from 'node:fs';
import { release } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceSpec, type SwarmTask } from '../../../shared/contract/areas/swarm';
import { rejection } from '../test-support/rejection';
import { busyboxService, startLab, until, type Lab, type LabNodeApi } from './test-support/lab';

let lab: Lab;
let node: LabNodeApi;
const b64 = (s: string) => Buffer.from(s).toString('base64');

beforeAll(async () => {
  lab = await startLab(1);
  node = lab.nodes[0]!;
}, 120_000);
afterAll(async () => {
  await lab?.stop();
}, 120_000);

const running = (tasks: SwarmTask[]) => tasks.filter((t) => t.desiredState === 'running' && t.state === 'running');

describe('a single-node swarm, for real', () => {
  it('suggests the address of the default route in the engine’s own namespace, and creates the swarm there', async () => {
    expect((await node.api.status()).state).toBe('inactive');
    const choices = await node.api.addresses();
    // The engine's namespace has eth0 (its default route) and its own bridge; the bridge is no choice.
    expect(choices.suggested).toBe(node.addr);
    expect(choices.addresses).toEqual([{ addr: node.addr, iface: 'eth0' }]);
    const status = await node.api.init({ advertiseAddr: choices.suggested! });
    expect(status).toMatchObject({ state: 'active', role: 'manager', nodeAddr: node.addr, nodes: 1, managers: 1 });
    // IPVS (the routing mesh) is told from the kernel dockerd runs on: loaded, or a module it can load.
    if (existsSync('/proc/net/ip_vs')) expect(status.routingMesh).toBe('available');
    if (!existsSync('/proc/net/ip_vs') && !existsSync(`/lib/modules/${release()}`))
      expect(status.routingMesh).toBe('missing');
    const again = await rejection(node.api.init({}));
    expect(again.message).toMatch(/already in a swarm\. Leave it first/);
  });

  it('shows the join tokens, and rotating one changes only that one', async () => {
    const before = await node.api.joinTokens();
    expect(before.worker).toMatch(/^SWMTKN-1-/);
    expect(before.manager).toMatch(/^SWMTKN-1-/);
    expect(before.managerAddr).toBe(`${node.addr}:2377`);
    const after = await node.api.rotateToken('worker');
    expect(after.worker).not.toBe(before.worker);
    expect(after.manager).toBe(before.manager);
  });

  it('runs services in every mode, with their counts in the list', async () => {
    await node.api.createService(busyboxService('rep', { replicas: 2 }));
    await node.api.createService(busyboxService('glob', { mode: 'global' }));
    await node.api.createService(
      busyboxService('rjob', {
        mode: 'replicated-job',
        replicas: 3,
        maxConcurrent: 2,
        command: ['sh', '-c', 'echo working; sleep 1'],
        restart: { condition: 'on-failure' },
      }),
    );
    await node.api.createService(
      busyboxService('gjob', { mode: 'global-job', command: ['true'], restart: { condition: 'none' } }),
    );
    const list = await until(
      () => node.api.services(),
      (l) => {
        const by = Object.fromEntries(l.map((s) => [s.name, s]));
        return by.rep?.running === 2 && by.glob?.running === 1 && by.rjob?.completed === 3 && by.gjob?.completed === 1;
      },
      'every mode to converge and the jobs to complete',
    );
    const by = Object.fromEntries(list.map((s) => [s.name, s]));
    expect(by.rep).toMatchObject({ mode: 'replicated', running: 2, desired: 2 });
    expect(by.glob).toMatchObject({ mode: 'global', running: 1, desired: 1 });
    expect(by.rjob).toMatchObject({ mode: 'replicated-job', completed: 3, completions: 3, running: 0 });
    expect(by.gjob).toMatchObject({ mode: 'global-job', completed: 1, running: 0 });
    const jobTasks = await node.api.tasks({ service: 'rjob' });
    expect(jobTasks.filter((t) => t.state === 'complete')).toHaveLength(3);
    expect(jobTasks.every((t) => t.exitCode === 0 || t.state !== 'complete')).toBe(true);
  });

  it('scales a replicated service, and refuses to scale a global one with a sentence', async () => {
    await node.api.scaleService('rep', 4);
    await until(
      () => node.api.tasks({ service: 'rep' }),
      (t) => running(t).length === 4,
      '4 running replicas',
    );
    const err = await rejection(node.api.scaleService('glob', 3));
    expect(err).toMatchObject({ kind: 'invalid', field: 'replicas' });
    expect(err.message).toMatch(/global: it runs one task on each node/);
    await node.api.scaleService('rep', 2);
  });

  it('updates the image as a rolling update, task by task, then rolls back', async () => {
    const v2 = 'berth-fixture/busybox:v2';
    expect((await node.docker(['tag', 'berth-fixture/busybox:latest', v2])).code).toBe(0);
    await until(
      () => node.api.tasks({ service: 'rep' }),
      (t) => running(t).length === 2,
      '2 replicas before the update',
    );
    const current = (await node.api.inspectService('rep')).spec;
    const spec = serviceSpec.parse({
      ...current,
      image: v2,
      update: { parallelism: 1, delaySeconds: 2, monitorSeconds: 1, order: 'stop-first' },
    });
    await node.api.updateService('rep', spec, false);
    // Seen part-way: one slot on the new settings while the other still runs the old ones.
    const mid = await until(
      () => node.api.tasks({ service: 'rep' }),
      (t) => {
        const live = running(t);
        return live.some((x) => x.current && x.image === v2) && live.some((x) => !x.current);
      },
      'a rolling update half-way',
    );
    expect(running(mid).filter((t) => t.current)).toHaveLength(1);
    const done = await until(
      () => node.api.inspectService('rep'),
      (d) => d.service.updateStatus?.state === 'completed',
      'the update to complete',
    );
    expect(done.service.image).toBe(v2);
    expect(done.canRollback).toBe(true);
    expect(done.previousImage).toBe('berth-fixture/busybox:latest');
    const after = await until(
      () => node.api.tasks({ service: 'rep' }),
      (t) => running(t).length === 2 && running(t).every((x) => x.current),
      'both replicas on the new image',
    );
    expect(after.filter((t) => t.desiredState === 'shutdown').length).toBeGreaterThanOrEqual(2);

    await node.api.rollbackService('rep');
    const back = await until(
      () => node.api.inspectService('rep'),
      (d) => d.service.updateStatus?.state === 'rollback_completed',
      'the rollback to complete',
    );
    expect(back.service.image).toBe('berth-fixture/busybox:latest');
  });

  it('heals itself: a task whose container is killed is replaced in its slot', async () => {
    const before = running(await node.api.tasks({ service: 'rep' }));
    const victim = before[0]!;
    expect(victim.local).toBe(true);
    expect((await node.docker(['kill', victim.containerId!])).code).toBe(0);
    const healed = await until(
      () => node.api.tasks({ service: 'rep' }),
      (t) => running(t).length === 2 && !running(t).some((x) => x.id === victim.id),
      'a replacement task',
    );
    const replacement = running(healed).find((t) => t.slot === victim.slot)!;
    expect(replacement.id).not.toBe(victim.id);
    const dead = healed.find((t) => t.id === victim.id)!;
    expect(dead).toMatchObject({ desiredState: 'shutdown', state: 'failed', name: `rep.${victim.slot}` });
    expect(dead.error).toMatch(/non-zero exit \(137\)/);
  });

  it('merges a service’s logs across its tasks, each line naming its task', async () => {
    await node.api.createService(
      busyboxService('talk', {
        replicas: 2,
        command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "line $i from $(hostname)"; sleep 0.3; done'],
      }),
    );
    await until(
      () => node.api.tasks({ service: 'talk' }),
      (t) => running(t).length === 2,
      'talk to run',
    );
    await new Promise((r) => setTimeout(r, 1500));
    const lines = [];
    for await (const batch of node.api.serviceLogs({ services: ['talk'], tail: 5, follow: false }))
      lines.push(...batch);
    expect(new Set(lines.map((l) => l.container))).toEqual(new Set(['talk.1', 'talk.2']));
    expect(lines.every((l) => /^line \d+ from /.test(l.text) && l.service === 'talk' && l.node === 'node-1')).toBe(
      true,
    );
    const times = lines.map((l) => l.ts!);
    expect(times).toEqual([...times].sort());

    const ac = new AbortController();
    const live = [];
    for await (const batch of node.api.serviceLogs({ services: ['talk'], tail: 0, follow: true, signal: ac.signal })) {
      live.push(...batch);
      if (new Set(live.map((l) => l.container)).size === 2 && live.length >= 4) ac.abort();
    }
    expect(live.every((l) => l.ts! > times.at(-1)!)).toBe(true);
    await node.api.removeService('talk');
  });

  it('mounts a secret and a config into a task, readable from inside it; the value never comes back', async () => {
    const value = `s3cret-${Date.now()}`;
    await node.api.createSecret({ name: 'db_password', data: b64(value) });
    await node.api.createConfig({ name: 'app_conf', data: b64('mode=swarm\n') });
    await node.api.createService(
      busyboxService('reader', {
        secrets: [{ name: 'db_password' }],
        configs: [{ name: 'app_conf', target: '/etc/app.conf' }],
      }),
    );
    const [task] = running(
      await until(
        () => node.api.tasks({ service: 'reader' }),
        (t) => running(t).length === 1,
        'reader',
      ),
    );
    const read = await node.docker(['exec', task!.containerId!, 'cat', '/run/secrets/db_password', '/etc/app.conf']);
    expect(read.stdout).toBe(`${value}mode=swarm\n`);
    const secrets = await node.api.secrets();
    expect(secrets.find((s) => s.name === 'db_password')).toMatchObject({ services: ['reader'] });
    expect(JSON.stringify(secrets)).not.toContain(value);
    expect(JSON.stringify(await node.api.inspectService('reader'))).not.toContain(value);
    const inUse = await rejection(node.api.removeSecret('db_password'));
    expect(inUse.message).toMatch(/service reader uses it/);
    await node.api.removeService('reader');
    await until(
      () => node.api.secrets(),
      (l) => l.every((s) => s.services.length === 0),
      'the secret to be free',
    );
    await node.api.removeSecret('db_password');
    await node.api.removeConfig('app_conf');
    expect((await node.api.secrets()).map((s) => s.name)).not.toContain('db_password');
  });

  it('refuses, before the engine, a constraint no node matches, a taken port and a missing secret', async () => {
    const noNode = await rejection(
      node.api.createService(busyboxService('nowhere', { constraints: ['node.labels.zone==mars'] })),
    );
    expect(noNode).toMatchObject({ kind: 'invalid', field: 'constraints' });
    expect(noNode.message).toMatch(/No node of this swarm matches.*node-1 \(manager\)/);

    await node.api.createService(busyboxService('web', { ports: [{ target: 80, published: 18080 }] }));
    const taken = await rejection(
      node.api.createService(busyboxService('web2', { ports: [{ target: 80, published: 18080 }] })),
    );
    expect(taken).toMatchObject({ kind: 'invalid', field: 'ports.0.published' });
    expect(taken.message).toMatch(/already published by service web on every node/);

    const noSecret = await rejection(node.api.createService(busyboxService('lost', { secrets: [{ name: 'nope' }] })));
    expect(noSecret).toMatchObject({ field: 'secrets.0.name' });
    const names = (await node.api.services()).map((s) => s.name);
    expect(names).not.toContain('nowhere');
    expect(names).not.toContain('web2');
    expect(names).not.toContain('lost');
  });

  it('keeps its labels across an update, and refuses a new name or mode', async () => {
    await node.api.createService(busyboxService('keep', { labels: { team: 'a' } }));
    const d = await node.api.inspectService('keep');
    expect(d.spec.labels).toEqual({ team: 'a' });
    await node.api.updateService('keep', serviceSpec.parse({ ...d.spec, env: ['A=1'] }), false);
    const after = await node.api.inspectService('keep');
    expect(after.spec).toMatchObject({ labels: { team: 'a' }, env: ['A=1'] });
    const renamed = await rejection(
      node.api.updateService('keep', serviceSpec.parse({ ...d.spec, name: 'other' }), false),
    );
    expect(renamed).toMatchObject({ field: 'name' });
    const moded = await rejection(
      node.api.updateService('keep', serviceSpec.parse({ ...d.spec, mode: 'global', replicas: undefined }), false),
    );
    expect(moded).toMatchObject({ field: 'mode' });
  });

  it('deploys a compose file as a stack with the docker CLI, lists it by its label, updates it by deploying again, removes it', async () => {
    const compose = (replicas: number) => `services:
  api:
    image: berth-fixture/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
    deploy:
      replicas: ${replicas}
    networks: [back]
  cache:
    image: berth-fixture/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
    networks: [back]
networks:
  back:
    driver: overlay
`;
    // The CLI's own check (docker stack config) refuses an option it does not know, before anything is made.
    const bad = await rejection(
      node.api.prepareStackDeploy({ name: 'shop', compose: compose(2).replace('command:', 'comand:') }),
    );
    expect(bad.kind).toBe('invalid');
    expect(bad.message).toMatch(
      /^Could not deploy stack "shop": the compose file has an option compose does not know: "comand"/,
    );
    expect((await node.api.stacks()).map((s) => s.name)).not.toContain('shop');

    const lines: string[] = [];
    const deploy = async (n: number) => {
      const src = { name: 'shop', compose: compose(n), resolveImage: 'never' as const };
      await node.api.deployStack(src, await node.api.prepareStackDeploy(src), { onLine: (l) => lines.push(l.text) });
    };
    await deploy(2);
    expect(lines.join('\n')).toMatch(/Creating service shop_api/);
    const stack = await until(
      () => node.api.stacks(),
      (l) => l.find((s) => s.name === 'shop')?.running === 3,
      'the stack to run',
    );
    expect(stack.find((s) => s.name === 'shop')).toMatchObject({ services: 2, desired: 3, networks: ['shop_back'] });
    const services = (await node.api.services()).filter((s) => s.stack === 'shop').map((s) => s.name);
    expect(services.sort()).toEqual(['shop_api', 'shop_cache']);
    const tasks = await node.api.tasks({ stack: 'shop' });
    expect(new Set(running(tasks).map((t) => t.service))).toEqual(new Set(['shop_api', 'shop_cache']));
    const use = (await node.api.networkUse()).find((n) => n.name === 'shop_back');
    expect(use).toMatchObject({ services: ['shop_api', 'shop_cache'], nodes: ['node-1'] });

    await deploy(3);
    await until(
      () => node.api.tasks({ service: 'shop_api' }),
      (t) => running(t).length === 3,
      'shop_api scaled by a new deploy',
    );

    await node.api.removeStack('shop');
    await until(
      () => node.api.stacks(),
      (l) => !l.some((s) => s.name === 'shop'),
      'the stack to be gone',
    );
    const gone = await rejection(node.api.removeStack('shop'));
    expect(gone.kind).toBe('not-found');
  });

  it('leaves only with force once it is a manager', async () => {
    const plain = await rejection(node.api.leave(false));
    expect(plain).toMatchObject({ kind: 'conflict', field: 'force' });
    expect(plain.message).toMatch(/manager.*Leaving needs force/);
    await node.api.leave(true);
    expect((await node.api.status()).state).toBe('inactive');
    const notIn = await rejection(node.api.services());
    expect(notIn.message).toMatch(/not in a swarm\. Create one/);
  });
});
