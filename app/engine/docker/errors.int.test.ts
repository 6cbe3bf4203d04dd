// The table of engine messages against the real engine: each failure is provoked on the test engine
// over the Engine API, and its classification (cause, kind, field) is what the table promises. A
// wording that changes in a new engine shows up here, not in a user's form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import { connectEngine, dialJson, type DialOptions, type EngineClient } from './client';
import type { EngineCause } from './engine-messages';
import { classifyEngineError, type EngineFailure } from './errors';

let client: EngineClient;
const made = { containers: [] as string[], networks: [] as string[], volumes: [] as string[], images: [] as string[] };
const docker = (args: string[]) => testEngine().docker(args);

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
});
afterAll(async () => {
  if (made.containers.length) await docker(['rm', '-f', '-v', ...made.containers]);
  for (const n of made.networks) await docker(['network', 'rm', n]);
  for (const v of made.volumes) await docker(['volume', 'rm', '-f', v]);
  if (made.images.length) await docker(['rmi', '-f', ...made.images]);
});

/** The engine's refusal of one call, classified. */
async function refusal(o: DialOptions): Promise<EngineFailure> {
  try {
    await dialJson(client, o);
  } catch (err) {
    return classifyEngineError(err);
  }
  throw new Error(`the engine accepted ${o.method ?? 'GET'} ${o.path}`);
}

async function created(body: Record<string, unknown>, start = false): Promise<string> {
  const name = uniqueName('err');
  made.containers.push(name);
  await dialJson(client, {
    method: 'POST',
    path: '/containers/create',
    query: { name },
    body: { Image: fixtures().busybox, Cmd: ['sleep', '600'], ...body },
  });
  if (start) await dialJson(client, { method: 'POST', path: `/containers/${name}/start` });
  return name;
}

/**
 * Creates network `name` on a /16 no other network of the shared engine holds. Other test files
 * create networks with explicit subnets in 10.200–10.254 at the same time (the harness keeps the
 * engine's own allocations below 10.200), so a subnet taken between the look and the create is
 * tried again with another one.
 */
async function networkWithFreeSubnet(name: string): Promise<string> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const subnet = `10.${230 + Math.floor(Math.random() * 25)}.0.0/16`;
    try {
      await dialJson(client, {
        method: 'POST',
        path: '/networks/create',
        body: { Name: name, IPAM: { Config: [{ Subnet: subnet }] } },
      });
      return subnet;
    } catch (err) {
      if (classifyEngineError(err).cause !== 'subnet-overlap') throw err;
    }
  }
  throw new Error('no free 10.230–10.254 /16 on the test engine after 8 tries');
}

const start = (name: string): DialOptions => ({ method: 'POST', path: `/containers/${name}/start` });
const create = (body: Record<string, unknown>): DialOptions => ({
  method: 'POST',
  path: '/containers/create',
  body: { Image: fixtures().busybox, ...body },
});
const expectRow = (f: EngineFailure, cause: EngineCause, kind: string, field?: string) =>
  expect({ cause: f.cause, kind: f.kind, field: f.field }).toEqual({ cause, kind, field });

describe('a run refused by the real engine lands on its field', () => {
  it('a missing command: command (400), never image', async () => {
    expectRow(
      await refusal(start(await created({ Cmd: ['no-such-command'] }))),
      'command-not-found',
      'invalid',
      'command',
    );
  });

  it('a published port in use: ports (500)', async () => {
    const port = 20000 + Math.floor(Math.random() * 40000);
    const ports = {
      ExposedPorts: { '80/tcp': {} },
      HostConfig: { PortBindings: { '80/tcp': [{ HostPort: `${port}` }] } },
    };
    await created(ports, true);
    expectRow(await refusal(start(await created(ports))), 'port-allocated', 'conflict', 'ports');
  });

  it('an image not on the engine, a name in use, a network that does not exist', async () => {
    expectRow(await refusal(create({ Image: 'berth-absent/never:v1' })), 'no-such-image', 'not-found', 'image');
    const name = await created({});
    expectRow(await refusal({ ...create({}), query: { name } }), 'name-in-use', 'conflict', 'name');
    const net = await created({ HostConfig: { NetworkMode: uniqueName('no-such-net') } });
    expectRow(await refusal(start(net)), 'network-not-found', 'not-found', 'network');
  });

  it('mounts: a missing bind source, a file over a folder, a path used twice', async () => {
    expectRow(
      await refusal(create({ HostConfig: { Mounts: [{ Type: 'bind', Source: '/no/such/berth', Target: '/x' }] } })),
      'bind-source-missing',
      'invalid',
      'volumes',
    );
    const over = await created({ Cmd: ['true'], HostConfig: { Binds: ['/etc/hostname:/bin'] } });
    expectRow(await refusal(start(over)), 'mount-failed', 'invalid', 'volumes');
    expectRow(
      await refusal(create({ HostConfig: { Binds: ['berth-aa:/x', 'berth-bb:/x'] } })),
      'duplicate-mount',
      'invalid',
      'volumes',
    );
  });

  it('a user the image does not have: user (500)', async () => {
    expectRow(
      await refusal(start(await created({ Cmd: ['true'], User: 'berth-no-user' }))),
      'unknown-user',
      'invalid',
      'user',
    );
  });
});

describe('states the engine will not change', () => {
  it('containers: not running, running (remove), no such container', async () => {
    const stopped = await created({});
    expectRow(await refusal({ method: 'POST', path: `/containers/${stopped}/kill` }), 'not-running', 'conflict');
    const running = await created({}, true);
    expectRow(await refusal({ method: 'DELETE', path: `/containers/${running}` }), 'container-running', 'conflict');
    expectRow(await refusal({ method: 'POST', path: `/containers/${running}/unpause` }), 'not-paused', 'conflict');
    expectRow(await refusal(start('berth-no-such-container')), 'no-such-container', 'not-found');
  });

  it('networks: an overlapping subnet (403, subnet), attached containers, a built-in network', async () => {
    const a = uniqueName('err-net');
    made.networks.push(a);
    const subnet = await networkWithFreeSubnet(a);
    expectRow(
      await refusal({
        method: 'POST',
        path: '/networks/create',
        body: { Name: uniqueName('err-net'), IPAM: { Config: [{ Subnet: subnet.replace('0.0/16', '5.0/24') }] } },
      }),
      'subnet-overlap',
      'conflict',
      'subnet',
    );
    await dialJson(client, {
      method: 'POST',
      path: `/networks/${a}/connect`,
      body: { Container: await created({}, true) },
    });
    expectRow(await refusal({ method: 'DELETE', path: `/networks/${a}` }), 'active-endpoints', 'conflict');
    expectRow(await refusal({ method: 'DELETE', path: '/networks/bridge' }), 'built-in-network', 'conflict');
  });

  it('volumes and images in use', async () => {
    const v = uniqueName('err-vol');
    made.volumes.push(v);
    await dialJson(client, { method: 'POST', path: '/volumes/create', body: { Name: v } });
    await created({ HostConfig: { Mounts: [{ Type: 'volume', Source: v, Target: '/v' }] } });
    expectRow(await refusal({ method: 'DELETE', path: `/volumes/${v}` }), 'volume-in-use', 'conflict');
    // An image of this test's own (untagged, no children: the shared busybox may have both, from
    // other tests' builds), used by a running container.
    const { Id: id } = await dialJson<{ Id: string }>(client, {
      method: 'POST',
      path: '/commit',
      query: { container: await created({}) },
    });
    made.images.push(id);
    await created({ Image: id }, true);
    const f = await refusal({ method: 'DELETE', path: `/images/${id.slice(7, 19)}` });
    expectRow(f, 'image-used-by-running', 'conflict');
  });
});
