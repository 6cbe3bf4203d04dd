// The contract end to end over the WebSocket transport, against the real private engine.
import { afterAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import type { BytesItem, ContainerSummary, EngineEvent, ExecItem, LogLine, StatsSample } from '../../shared/contract';
import { LogLineSplitter } from '../../shared/log-lines';
import { servedClient } from '../api/test-support/served-client';

const c = servedClient();
const created: string[] = [];

async function until<T>(fn: () => T | undefined | false, ms = 15000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

afterAll(async () => {
  if (created.length) await testEngine().docker(['rm', '-f', ...created]);
});

async function runBusybox(args: string[], extra: string[] = []): Promise<string> {
  const name = uniqueName('contract');
  const r = await testEngine().docker(['run', '-d', '--name', name, ...extra, fixtures().busybox, ...args]);
  expect(r.code, r.stderr).toBe(0);
  created.push(name);
  return name;
}

describe('the contract over WebSocket', () => {
  it('lists containers, and starts and stops one, as the docker CLI sees it', async () => {
    const name = await runBusybox(['sleep', '300']);
    const list = await c.request<ContainerSummary[]>('containers.list', { all: true });
    const row = list.find((x) => x.name === name);
    expect(row).toMatchObject({ state: 'running', image: fixtures().busybox });
    await c.request('containers.stop', { id: name, timeout: 1 });
    expect((await testEngine().docker(['inspect', '-f', '{{.State.Status}}', name])).stdout.trim()).toBe('exited');
    await c.request('containers.start', { id: name });
    expect((await testEngine().docker(['inspect', '-f', '{{.State.Status}}', name])).stdout.trim()).toBe('running');
  });

  it('refuses bad arguments before the engine, and the connection stays usable', async () => {
    await expect(c.request('containers.stop', { id: 'x y' })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(c.request('containers.stop', { id: 'abc', extra: 1 })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(c.request('containers.nuke', {})).rejects.toMatchObject({
      kind: 'invalid',
      message: /no request named/,
    });
    await expect(
      c.request('containers.run', { image: 'busybox', ports: [{ containerPort: 70000 }] }),
    ).rejects.toMatchObject({
      kind: 'invalid',
      field: 'ports.0.containerPort',
    });
    await expect(c.request('containers.start', { id: 'no-such-container-here' })).rejects.toMatchObject({
      kind: 'not-found',
    });
    await expect(c.request('engine.status')).resolves.toMatchObject({ state: 'running' });
  });

  it('runs a container with a published port, env and a volume', async () => {
    const name = uniqueName('run');
    created.push(name);
    const res = await c.request<{ id: string }>('containers.run', {
      image: fixtures().busybox,
      name,
      command: ['sh', '-c', 'echo "$GREETING" > /data/hello; httpd -f -p 8080 -h /www'],
      env: ['GREETING=hi'],
      ports: [{ containerPort: 8080, hostIp: '127.0.0.1' }],
      volumes: [{ source: `${name}-vol`, target: '/data' }],
    });
    expect(res.id).toMatch(/^[0-9a-f]{64}$/);
    const list = await c.request<ContainerSummary[]>('containers.list', { all: true });
    const row = list.find((x) => x.name === name)!;
    expect(row.ports[0]).toMatchObject({ containerPort: 8080, hostIp: '127.0.0.1', protocol: 'tcp' });
    const hostPort = row.ports[0]!.hostPort!;
    const body = await until(async () => {
      try {
        return await (await fetch(`http://127.0.0.1:${hostPort}/index.html`)).text();
      } catch {
        return undefined;
      }
    });
    expect(await body).toContain('berth fixture');
    await expect(c.request('containers.run', { image: fixtures().busybox, name })).rejects.toMatchObject({
      kind: 'conflict',
      field: 'name',
    });
    await testEngine().docker(['rm', '-f', name]);
    await testEngine().docker(['volume', 'rm', `${name}-vol`]);
  });

  it('streams logs as bytes in order with stdout and stderr apart, in binary batches', async () => {
    const name = await runBusybox(['sh', '-c', 'seq 1 5000; echo oops >&2; sleep 300']);
    const s = c.subscribe('containers.logs', { id: name, follow: true, tail: 'all', timestamps: true });
    const lines = () => {
      const out: LogLine[] = [];
      const split = new LogLineSplitter(true);
      for (const i of s.items as BytesItem[])
        split.push(i.data, !!i.stderr, (text, stderr, ts) =>
          out.push({ stream: stderr ? 'stderr' : 'stdout', text, ts }),
        );
      return out;
    };
    await until(() => lines().length >= 5001);
    const all = lines();
    const out = all.filter((l) => l.stream === 'stdout').map((l) => l.text);
    expect(out).toEqual(Array.from({ length: 5000 }, (_, i) => String(i + 1)));
    expect(all.filter((l) => l.stream === 'stderr').map((l) => l.text)).toEqual(['oops']);
    expect(all.every((l) => /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(l.ts ?? ''))).toBe(true);
    expect(s.batches).toBeLessThan(50); // batched, not one frame per line
    // Every data frame of this stream came as one binary message of bytes items.
    const data = c.frames.filter((f) => f.t === 'data' && f.id === s.id);
    expect(data.every((f) => f.t === 'data' && f.items.every((i) => (i as BytesItem).data instanceof Uint8Array))).toBe(
      true,
    );
    s.close();
  });

  it('streams stats that move for a busy container', async () => {
    const name = await runBusybox(['sh', '-c', 'while :; do :; done']);
    const s = c.subscribe('containers.stats', { id: name });
    const samples = await until(() => (s.items.length >= 2 ? (s.items as StatsSample[]) : undefined), 20000);
    expect(samples[1]!.cpuPercent).toBeGreaterThan(5);
    expect(samples[1]!.memUsage).toBeGreaterThan(0);
    s.close();
    const list = c.subscribe('stats.sample', { ids: [name] });
    const sampled = await until(() => (list.items as StatsSample[]).find((x) => x.cpuPercent > 5), 20000);
    expect(sampled.id).toBe(name);
    list.close();
  });

  it('runs a terminal: input typed before it started, echo, resize seen by stty, exit code', async () => {
    const name = await runBusybox(['sleep', '300']);
    let text = '';
    const s = c.subscribe(
      'containers.exec',
      { id: name, cols: 80, rows: 24 },
      {
        onItems: (items) => {
          for (const i of items as ExecItem[]) if (i.type === 'bytes') text += Buffer.from(i.data).toString();
        },
      },
    );
    const type = (t: string) => s.input({ type: 'bytes', data: Buffer.from(t) });
    // At once, before the exec runs: the server keeps it until then.
    type('echo hello-$((40+2))\n');
    await until(() => text.includes('hello-42'));
    expect((s.items as ExecItem[])[0]).toEqual({ type: 'started', shell: 'sh' });
    s.input({ type: 'resize', cols: 132, rows: 43 });
    type('stty size\n');
    await until(() => text.includes('43 132'));
    type('exit 3\n');
    await s.ended;
    expect((s.items as ExecItem[]).at(-1)).toEqual({ type: 'exit', exitCode: 3 });
    expect(c.frames.filter((f) => f.t === 'error')).toEqual([]);
  });

  it('delivers engine events for a container started with the CLI', async () => {
    const s = c.subscribe('engine.events', {});
    await new Promise((r) => setTimeout(r, 300));
    const name = await runBusybox(['true']);
    const ev = await until(() =>
      (s.items as EngineEvent[]).find((e) => e.type === 'container' && e.action === 'start' && e.name === name),
    );
    expect(ev.id).toMatch(/^[0-9a-f]{64}$/);
    s.close();
  });

  it('reports the engine status as the first item of its stream', async () => {
    const s = c.subscribe('engine.status', {});
    await until(() => s.items.length > 0);
    expect(s.items[0]).toMatchObject({ state: 'running', managed: false });
    s.close();
  });
});

describe('tasks over the contract', () => {
  it('pulls from a local registry as a task with per-layer progress, and reports a failed pull as a sentence', async () => {
    const { startRegistry } = await import('../../../harness/registry');
    const registry = await startRegistry();
    try {
      const ref = `${registry.host}/berth/pulled:${uniqueName('t')}`;
      // An image with a layer of its own, so the pull has a layer to download.
      const maker = uniqueName('layer');
      expect(
        (
          await testEngine().docker([
            'run',
            '--name',
            maker,
            fixtures().busybox,
            'sh',
            '-c',
            'head -c 300000 /dev/urandom > /blob',
          ])
        ).code,
      ).toBe(0);
      expect((await testEngine().docker(['commit', maker, ref])).code).toBe(0);
      await testEngine().docker(['rm', maker]);
      const push = await testEngine().docker(['push', ref]);
      expect(push.code, push.stderr).toBe(0);
      expect((await testEngine().docker(['rmi', ref])).code).toBe(0);

      const tasks = c.subscribe('tasks', {});
      const started = await c.request<{ id: string; state: string }>('images.pull', { ref });
      expect(started.state).toBe('running');
      const done = await until(() =>
        (tasks.items as { id: string; state: string }[]).find((x) => x.id === started.id && x.state !== 'running'),
      );
      expect(done).toMatchObject({ state: 'done' });
      const updates = (tasks.items as { id: string; progress: { layers?: unknown[] } }[]).filter(
        (x) => x.id === started.id,
      );
      expect(updates.some((u) => (u.progress.layers ?? []).length > 0)).toBe(true);
      expect((await testEngine().docker(['image', 'inspect', ref])).code).toBe(0);

      const missing = await c.request<{ id: string }>('images.pull', { ref: `${registry.host}/berth/missing:nope` });
      const failed = await until(() =>
        (tasks.items as { id: string; state: string; error?: { kind: string; message: string } }[]).find(
          (x) => x.id === missing.id && x.state === 'failed',
        ),
      );
      expect(failed.error?.kind).toBe('not-found');
      expect(failed.error?.message).toMatch(/\.$/);
      tasks.close();
      await testEngine().docker(['rmi', ref]);
    } finally {
      await registry.stop();
    }
  }, 60000);
});
