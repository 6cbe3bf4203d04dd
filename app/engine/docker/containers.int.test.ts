import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { containerNames, fixtures, testEngine, uniqueName } from '../../../harness/context';
import { rejection } from './test-support/rejection';
import { connectEngine, MIN_API_VERSION, type EngineClient } from './client';
import { createContainer, runContainer, type RunSpec } from './container-run';
import {
  containerChanges,
  containerSize,
  inspectContainer,
  listContainers,
  pruneContainers,
  topContainer,
} from './containers';
import * as lifecycle from './containers-lifecycle';
import { containerRunCommand } from './run-command';
import { freePortRange } from '../../../harness/free-ports';

let client: EngineClient;
// Host ports are shared with everything else on this machine: pick a random block per run.
const basePort = await freePortRange(3);
const [P1, P2, P3] = [basePort, basePort + 1, basePort + 2];
const image = () => fixtures().busybox;
const name = containerNames('bc');
/** Runs the busybox fixture as container `n` with `command` (and `more` of the run spec), detached. */
const runBusybox = (n: string, command: string[], more: Partial<RunSpec> = {}) =>
  runContainer(client, { image: image(), name: n, command, ...more });

/** Containers carrying a label only this test's specs carry: proof that nothing reached the engine. */
async function labelled(marker: string): Promise<string[]> {
  return (await testEngine().docker(['ps', '-aq', '--filter', `label=berth.test=${marker}`])).stdout
    .split('\n')
    .filter(Boolean);
}

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
});

describe('connecting', () => {
  it('negotiates the version from /_ping, capped at ours', () => {
    expect(client.engineApiVersion).toBe('1.41');
    expect(client.apiVersion).toBe(MIN_API_VERSION);
  });

  it('says the engine is unavailable when nothing listens', async () => {
    const err = await rejection(connectEngine({ kind: 'unix', socketPath: '/nonexistent/docker.sock' }));
    expect(err.kind).toBe('unavailable');
  });
});

describe('running and listing', () => {
  it('runs a container with ports (host IP, protocol), volumes, a bind mount, env, labels, restart policy and network', async () => {
    const n = name('full');
    const net = uniqueName('bc-net');
    await testEngine().docker(['network', 'create', net]);
    const bindDir = mkdtempSync(join(tmpdir(), 'berth-bind-'));
    writeFileSync(join(bindDir, 'hello.txt'), 'from the host\n');
    const vol = uniqueName('bc-vol');
    try {
      const r = await runBusybox(n, ['sh', '-c', 'cat /host/hello.txt > /data/copy; echo "$GREETING"; sleep 300'], {
        env: ['GREETING=hello there', 'EMPTY='],
        ports: [
          { containerPort: 80, hostPort: P1, hostIp: '127.0.0.1' },
          { containerPort: 53, hostPort: P2, protocol: 'udp' },
          { containerPort: 8080 },
        ],
        volumes: [
          { source: vol, target: '/data' },
          { source: bindDir, target: '/host', readOnly: true },
        ],
        labels: {
          'com.docker.compose.project': 'shop',
          'com.docker.compose.service': 'web',
          'com.docker.compose.container-number': '1',
          team: 'a b',
        },
        restart: 'unless-stopped',
        network: net,
      });
      expect(r.id).toMatch(/^[0-9a-f]{64}$/);
      const list = await listContainers(client);
      const c = list.find((x) => x.name === n)!;
      expect(c).toBeDefined();
      expect(c.state).toBe('running');
      expect(c.status).toMatch(/^Up/);
      expect(c.image).toBe(image());
      expect(c.networks).toEqual([net]);
      expect(c.compose).toEqual({ project: 'shop', service: 'web', number: 1 });
      expect(c.labels.team).toBe('a b');
      expect(c.ports).toContainEqual({ containerPort: 80, hostPort: P1, hostIp: '127.0.0.1', protocol: 'tcp' });
      expect(c.ports).toContainEqual(expect.objectContaining({ containerPort: 53, hostPort: P2, protocol: 'udp' }));
      expect(c.ports.some((p) => p.containerPort === 8080 && p.hostPort! > 0)).toBe(true);
      expect(c.mounts).toContainEqual(expect.objectContaining({ type: 'volume', name: vol, destination: '/data' }));
      expect(c.mounts).toContainEqual(
        expect.objectContaining({ type: 'bind', source: bindDir, destination: '/host', readOnly: true }),
      );
      expect(typeof c.created).toBe('number');
      expect(JSON.parse(JSON.stringify(list))).toEqual(list);

      const info = await inspectContainer(client, n);
      expect(info.HostConfig.RestartPolicy?.Name).toBe('unless-stopped');
      expect(info.Config.Env).toContain('GREETING=hello there');

      const cmd = await containerRunCommand(client, n);
      expect(cmd).toContain(`--name ${n}`);
      expect(cmd).toContain(`-e 'GREETING=hello there'`);
      expect(cmd).toContain(`-p 127.0.0.1:${P1}:80`);
      expect(cmd).toContain(`-p ${P2}:53/udp`);
      expect(cmd).toContain('--restart unless-stopped');
      expect(cmd).toContain(`--network ${net}`);
      expect(cmd).toContain(`--mount type=bind,source=${bindDir},target=/host,readonly`);
      expect(cmd).toContain(`'cat /host/hello.txt > /data/copy; echo "$GREETING"; sleep 300'`);
      expect(cmd).not.toContain('PATH=');

      // The command line really recreates it: run it (under another name and ports) and compare.
      await lifecycle.removeContainer(client, n, { force: true });
      const again = await testEngine().docker(cmdArgs(cmd));
      expect(again.stderr).toBe('');
      const info2 = await inspectContainer(client, n);
      expect(info2.Config.Cmd).toEqual(info.Config.Cmd);
      expect([...info2.Config.Env].sort()).toEqual([...info.Config.Env].sort());
      // compose's bookkeeping labels stay behind: the copy is the user's container, not compose's
      expect(cmd).not.toContain('com.docker.compose');
      expect(info2.Config.Labels).toEqual({ team: 'a b' });
      expect(info2.HostConfig.PortBindings).toEqual(info.HostConfig.PortBindings);
      expect(info2.HostConfig.RestartPolicy).toEqual(info.HostConfig.RestartPolicy);
    } finally {
      await testEngine().docker(['rm', '-f', '-v', n]);
      await testEngine().docker(['network', 'rm', net]);
      await testEngine().docker(['volume', 'rm', vol]);
    }
  });

  it('lists without sizes and measures one container on demand', async () => {
    const n = name('size');
    await runBusybox(n, ['sh', '-c', 'head -c 300000 /dev/zero > /big; sleep 300']);
    await new Promise((r) => setTimeout(r, 300));
    const c = (await listContainers(client)).find((x) => x.name === n)!;
    expect(c).not.toHaveProperty('sizeRw');
    const size = await containerSize(client, n);
    expect(size.sizeRw).toBeGreaterThanOrEqual(300000);
    expect(size.sizeRootFs).toBeGreaterThan(size.sizeRw);
    const changes = await containerChanges(client, n);
    expect(changes).toContainEqual({ path: '/big', kind: 'added' });
    const top = await topContainer(client, n);
    expect(top.titles).toContain('PID');
    expect(top.processes.some((p) => p.join(' ').includes('sleep 300'))).toBe(true);
    await lifecycle.removeContainer(client, n, { force: true });
  });
});

/** Splits the (simply quoted) command line back into words, dropping the leading "docker". */
function cmdArgs(line: string): string[] {
  const words: string[] = [];
  const re = /'((?:[^']|'\\'')*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) words.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!);
  return words.slice(1);
}

describe('lifecycle', () => {
  it('stops, starts, restarts, pauses, resumes, kills, renames and removes', async () => {
    const n = name('life');
    const n2 = name('life2');
    await runBusybox(n, ['sh', '-c', 'trap "exit 3" TERM; while true; do sleep 1; done']);
    const state = async (ref: string) => (await inspectContainer(client, ref)).State;
    await lifecycle.stopContainer(client, n, { timeout: 5 });
    expect((await state(n)).Status).toBe('exited');
    await lifecycle.stopContainer(client, n); // already stopped: fine
    await lifecycle.startContainer(client, n);
    await lifecycle.startContainer(client, n); // already running: fine
    expect((await state(n)).Running).toBe(true);
    const pid = (await state(n)).Pid;
    await lifecycle.restartContainer(client, n, { timeout: 1 });
    expect((await state(n)).Pid).not.toBe(pid);
    await lifecycle.pauseContainer(client, n);
    expect((await state(n)).Paused).toBe(true);
    const pausedStop = await rejection(lifecycle.pauseContainer(client, n));
    expect(pausedStop.kind).toBe('conflict');
    await lifecycle.unpauseContainer(client, n);
    expect((await state(n)).Paused).toBe(false);
    await lifecycle.renameContainer(client, n, n2);
    expect((await inspectContainer(client, n2)).Name).toBe(`/${n2}`);
    const running = await rejection(lifecycle.removeContainer(client, n2));
    expect(running.kind).toBe('conflict');
    expect(running.message).toMatch(/running/);
    await lifecycle.killContainer(client, n2, { signal: 'SIGKILL' });
    expect(await lifecycle.waitContainer(client, n2)).toBe(137);
    await lifecycle.removeContainer(client, n2);
    expect((await rejection(inspectContainer(client, n2))).kind).toBe('not-found');
  });

  it('prunes stopped containers only', async () => {
    const stopped = name('prune-stopped');
    const running = name('prune-running');
    // Other test files share the engine: prune only what carries this test's label.
    const labels = { 'berth.test': stopped };
    const filter = { label: [`berth.test=${stopped}`] };
    const { id: stoppedId } = await runBusybox(stopped, ['true'], { labels });
    const { id: runningId } = await runBusybox(running, ['sleep', '300'], { labels });
    await lifecycle.waitContainer(client, stopped);
    expect((await pruneContainers(client, { label: ['berth.test=nothing-has-this'] })).deleted).toEqual([]);
    const r = await pruneContainers(client, filter);
    expect(r.deleted).toEqual([stoppedId]);
    expect(r.deleted).not.toContain(runningId);
    expect((await rejection(inspectContainer(client, stopped))).kind).toBe('not-found');
    expect((await inspectContainer(client, running)).State.Running).toBe(true);
  });
});

describe('errors', () => {
  it('not-found: a container that does not exist', async () => {
    const err = await rejection(lifecycle.stopContainer(client, 'no-such-container-here'));
    expect(err.kind).toBe('not-found');
    expect(err.message).toMatch(/^Could not stop container "no-such-container-here"/);
    expect(err.detail).toMatch(/No such container/i);
  });

  it('not-found: an image that is not on the engine', async () => {
    const err = await rejection(runContainer(client, { image: 'berth-no-such-image:v1', command: ['true'] }));
    expect(err.kind).toBe('not-found');
    expect(err.message).toMatch(/image/);
  });

  it('conflict: a name already in use', async () => {
    const n = name('dup');
    await createContainer(client, { image: image(), name: n, command: ['true'] });
    const err = await rejection(createContainer(client, { image: image(), name: n, command: ['true'] }));
    expect(err.kind).toBe('conflict');
    expect(err.message).toMatch(/name is already in use/);
  });

  it('conflict: a port already allocated, and the half-made container is not left behind', async () => {
    const a = name('port-a');
    const b = name('port-b');
    await runBusybox(a, ['sleep', '300'], { ports: [{ containerPort: 80, hostPort: P3 }] });
    const err = await rejection(runBusybox(b, ['sleep', '300'], { ports: [{ containerPort: 80, hostPort: P3 }] }));
    expect(err.kind).toBe('conflict');
    expect(err.message).toMatch(/port is already in use/);
    expect((await rejection(inspectContainer(client, b))).kind).toBe('not-found');
  });

  it('invalid: refused before the engine, naming the field, engine untouched', async () => {
    const marker = uniqueName('invalid');
    const cases: [Parameters<typeof runContainer>[1], string][] = [
      [{ image: image(), name: 'x' }, 'name'],
      [{ image: image(), name: 'bad name!' }, 'name'],
      [{ image: 'Not/Valid:Ref' }, 'image'],
      [{ image: 'busybox::latest' }, 'image'],
      [{ image: image(), ports: [{ containerPort: 80, hostPort: 70000 }] }, 'ports.0.hostPort'],
      [{ image: image(), ports: [{ containerPort: 80 }, { containerPort: 0 }] }, 'ports.1.containerPort'],
      [{ image: image(), volumes: [{ source: 'data', target: 'relative/path' }] }, 'volumes.0.target'],
      [{ image: image(), volumes: [{ source: './here', target: '/data' }] }, 'volumes.0.source'],
      [{ image: image(), env: ['=no-key'] }, 'env.0'],
      [{ image: image(), restart: 'sometimes' as never }, 'restart'],
    ];
    for (const [spec, field] of cases) {
      const err = await rejection(runContainer(client, { ...spec, labels: { 'berth.test': marker } }));
      expect(err.kind, JSON.stringify(spec)).toBe('invalid');
      expect(err.field).toBe(field);
    }
    expect((await rejection(lifecycle.renameContainer(client, 'whatever', '-bad'))).field).toBe('name');
    expect((await rejection(lifecycle.killContainer(client, 'whatever', { signal: 'NOT A SIGNAL' }))).field).toBe(
      'signal',
    );
    expect(await labelled(marker)).toEqual([]);
  });

  it('invalid: the engine refuses a bind mount of a missing host path', async () => {
    const err = await rejection(
      runContainer(client, {
        image: image(),
        command: ['true'],
        volumes: [{ source: '/nonexistent/berth/path', target: '/x' }],
      }),
    );
    expect(err.kind).toBe('invalid');
    expect(err.message).toMatch(/host path does not exist/);
  });

  it('invalid: a command missing from the image', async () => {
    const err = await rejection(runBusybox(name('nocmd'), ['no-such-binary']));
    expect(err.kind).toBe('invalid');
    expect(err.message).toMatch(/command does not exist/);
  });
});
