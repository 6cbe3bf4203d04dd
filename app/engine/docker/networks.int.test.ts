import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import { connectEngine, type EngineClient } from './client';
import { engineApi } from '.';
import { toBerthError } from './errors';
import {
  connectNetwork,
  createNetwork,
  disconnectNetwork,
  inspectNetwork,
  listNetworks,
  previewNetworkPrune,
  pruneNetworks,
  removeNetwork,
} from './networks';
import { untouchable } from './test-support/untouchable';

let client: EngineClient;
const net = uniqueName('berth-net');
const box = uniqueName('net-box');
const label = uniqueName('berth.net.test');
const extraNets: string[] = [];

/** A /24 inside 10.x that no network of the engine and no host route uses. */
async function freeSubnet(): Promise<{ subnet: string; gateway: string; ip: string }> {
  let routes = '';
  try {
    routes = execFileSync('ip', ['-4', 'route'], { encoding: 'utf8' });
  } catch {
    /* no ip tool: rely on the engine's list */
  }
  const used = JSON.stringify(await listNetworks(client)) + routes;
  for (;;) {
    const a = 10 + Math.floor(Math.random() * 80);
    const b = Math.floor(Math.random() * 250);
    const prefix = `10.${a}.${b}.`;
    if (!used.includes(prefix)) return { subnet: `${prefix}0/24`, gateway: `${prefix}1`, ip: `${prefix}42` };
  }
}

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
  expect((await testEngine().docker(['run', '-d', '--name', box, fixtures().busybox, 'sleep', '3600'])).code).toBe(0);
});

afterAll(async () => {
  await testEngine().docker(['rm', '-f', box]);
  for (const n of [net, ...extraNets]) await testEngine().docker(['network', 'rm', n]);
});

describe('networks', () => {
  it('creates a network with subnet, gateway, internal and labels, connects, disconnects and removes it', async () => {
    const { subnet, gateway, ip } = await freeSubnet();
    const created = await createNetwork(client, {
      name: net,
      subnet,
      gateway,
      internal: true,
      labels: { [label]: 'yes' },
    });
    expect(created).toMatchObject({
      name: net,
      driver: 'bridge',
      scope: 'local',
      subnets: [subnet],
      gateways: [gateway],
      internal: true,
      builtIn: false,
      containers: [],
    });
    await expect(createNetwork(client, { name: net })).rejects.toMatchObject({ kind: 'conflict', field: 'name' });

    await connectNetwork(client, net, box, { aliases: ['web'], ipv4: ip });
    const listed = (await listNetworks(client)).find((n) => n.name === net);
    expect(listed?.containers).toEqual([box]);
    const details = await inspectNetwork(client, net);
    expect(details.endpoints).toEqual([expect.objectContaining({ container: box, ipv4: `${ip}/24` })]);
    const inBox = await testEngine().docker(['exec', box, 'ip', '-4', 'addr']);
    expect(inBox.stdout).toContain(ip);

    const err = await removeNetwork(client, net).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'conflict' });
    expect((err as Error).message).toBe(
      `Could not remove network "${net}": the container "${box}" is attached. Disconnect or stop it first.`,
    );

    await disconnectNetwork(client, net, box);
    expect((await inspectNetwork(client, net)).containers).toEqual([]);
    await removeNetwork(client, net);
    expect((await testEngine().docker(['network', 'inspect', net])).code).not.toBe(0);
    await expect(removeNetwork(client, net)).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('lists the built-in networks as built in and refuses to remove them', async () => {
    const list = await listNetworks(client);
    for (const name of ['bridge', 'host', 'none']) {
      expect(list.find((n) => n.name === name)?.builtIn).toBe(true);
      await expect(removeNetwork(client, name)).rejects.toMatchObject({
        kind: 'invalid',
        message: `The "${name}" network is built into the engine and cannot be removed.`,
      });
    }
    const bridge = list.find((n) => n.name === 'bridge')!;
    expect(bridge.containers).toContain(box);
    await expect(removeNetwork(client, bridge.id)).rejects.toMatchObject({ kind: 'invalid', field: 'network' });
    expect((await testEngine().docker(['network', 'inspect', 'bridge'])).code).toBe(0);
  });

  it('answers the facade with the contract row: every field of it (attachable too), none of the engine-only ones', async () => {
    const bridge = (await engineApi(client).listNetworks()).find((n) => n.name === 'bridge')!;
    expect(Object.keys(bridge).sort()).toEqual(
      ['attachable', 'builtIn', 'containers', 'driver', 'id', 'internal', 'name', 'scope', 'subnets'].sort(),
    );
    expect(bridge).toMatchObject({ name: 'bridge', attachable: false, builtIn: true });
  });

  it('previews exactly what a prune removes', async () => {
    const unused = uniqueName('berth-net-unused');
    const used = uniqueName('berth-net-used');
    extraNets.push(unused, used);
    await createNetwork(client, { name: unused, labels: { [label]: 'prune' } });
    await createNetwork(client, { name: used, labels: { [label]: 'prune' } });
    await connectNetwork(client, used, box);
    const preview = await previewNetworkPrune(client, { labels: [`${label}=prune`] });
    expect(preview.networks.map((n) => n.name)).toEqual([unused]);
    const res = await pruneNetworks(client, { labels: [`${label}=prune`] });
    expect(res.deleted).toEqual([unused]);
    await disconnectNetwork(client, used, box);
  });

  it('reports a missing container or network', async () => {
    const other = uniqueName('berth-net-x');
    extraNets.push(other);
    await createNetwork(client, { name: other });
    await expect(connectNetwork(client, other, uniqueName('no-such-container'))).rejects.toMatchObject({
      kind: 'not-found',
    });
    await expect(connectNetwork(client, uniqueName('no-such-net'), box)).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('says a subnet overlaps another network: refused by Berth naming it, and the engine’s own refusal read right', async () => {
    const { subnet } = await freeSubnet();
    const first = uniqueName('berth-net-a');
    extraNets.push(first);
    await createNetwork(client, { name: first, subnet });
    const half = subnet.replace(/\/24$/, '/25');
    await expect(createNetwork(client, { name: uniqueName('berth-net-b'), subnet: half })).rejects.toMatchObject({
      kind: 'conflict',
      field: 'subnet',
      message: `The subnet ${half} overlaps the subnet ${subnet} of the network "${first}". Choose another subnet, or leave it empty so the engine picks a free one.`,
    });
    // The engine itself answers 403 "Pool overlaps…" (once read as "the registry refused access").
    const raw = await client.docker
      .createNetwork({ Name: uniqueName('berth-net-raw'), IPAM: { Config: [{ Subnet: half }] } })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect((raw as { statusCode?: number }).statusCode).toBe(403);
    const e = toBerthError(raw, 'create network "raw"');
    expect(e).toMatchObject({ kind: 'conflict', field: 'subnet' });
    expect(e.message).toBe(
      'Could not create network "raw": its subnet overlaps a network the engine already has. Choose another subnet, or leave it empty so the engine picks a free one.',
    );
  });

  it('refuses a subnet overlapping a route of this machine (a real bridge interface), which the engine would take over', async () => {
    const { subnet } = await freeSubnet();
    const dev = `bd${Math.random().toString(36).slice(2, 8)}`;
    const ip = (args: string[]) => execFileSync('ip', args, { stdio: 'ignore' });
    ip(['link', 'add', dev, 'type', 'bridge']);
    try {
      ip(['addr', 'add', subnet.replace(/0\/24$/, '1/24'), 'dev', dev]);
      ip(['link', 'set', dev, 'up']);
      const wanted = subnet.replace(/\.0\/24$/, '.128/25');
      const name = uniqueName('berth-net-route');
      await expect(createNetwork(client, { name, subnet: wanted })).rejects.toMatchObject({
        kind: 'conflict',
        field: 'subnet',
        message: `The subnet ${wanted} overlaps ${subnet}, which this machine reaches through ${dev}: the engine would take that route over, so this machine could no longer reach those addresses. Choose another subnet, or leave it empty so the engine picks a free one.`,
      });
      expect((await testEngine().docker(['network', 'inspect', name])).code).not.toBe(0);
    } finally {
      ip(['link', 'del', dev]);
    }
  });

  it('refuses bad input before the engine', async () => {
    const c = untouchable(client);
    const cases: [() => Promise<unknown>, string][] = [
      [() => createNetwork(c, { name: 'bad name' }), 'name'],
      [() => createNetwork(c, { name: 'bridge' }), 'name'],
      [() => createNetwork(c, { name: 'ok', subnet: '10.1.2.3/24' }), 'subnet'],
      [() => createNetwork(c, { name: 'ok', subnet: '10.1.2.0/33' }), 'subnet'],
      [() => createNetwork(c, { name: 'ok', subnet: 'nonsense' }), 'subnet'],
      [() => createNetwork(c, { name: 'ok', subnet: '10.1.2.0/24', gateway: '10.1.3.1' }), 'gateway'],
      [() => createNetwork(c, { name: 'ok', subnet: 'fd00:1::/64', gateway: '10.1.3.1' }), 'gateway'],
      [() => createNetwork(c, { name: 'ok', gateway: '10.1.3.1' }), 'gateway'],
      [() => createNetwork(c, { name: 'ok', labels: { '': 'x' } }), 'labels'],
      [() => removeNetwork(c, 'host'), 'network'],
      [() => connectNetwork(c, 'ok', 'bad name'), 'container'],
      [() => connectNetwork(c, 'ok', 'box', { ipv4: '999' }), 'ipv4'],
      [() => disconnectNetwork(c, '', 'box'), 'network'],
    ];
    for (const [fn, field] of cases) await expect(fn()).rejects.toMatchObject({ kind: 'invalid', field });
  });
});
