// A pod terminal through client-node's Exec against the FAKE API server (no API server can run
// here), whose "container" is a real local shell behind a TTY: typing echoes, resizes reach the
// resize channel, the exit code comes from the status channel, closing ends the process; refusals
// (RBAC, a stopped pod, a missing container) are sentences.
import { describe, expect, it } from 'vitest';
import type { ExecItem } from '../../shared/contract';
import type { Terminal } from '../util/terminal';
import { openPodExec } from './exec';
import { fakeContexts } from './test-support/fake-contexts';
import { fakePod, until } from './test-support/kube-fixtures';

const startFake = fakeContexts('berth-kube-exec-');

/** Reads a terminal's items in the background; `text()` is its output so far. */
function reader(t: Terminal) {
  const items: ExecItem[] = [];
  let error: unknown;
  const done = (async () => {
    try {
      for await (const it of t.items) items.push(it);
    } catch (e) {
      error = e;
    }
  })();
  const decoder = new TextDecoder();
  const text = () => items.map((i) => (i.type === 'bytes' ? decoder.decode(i.data) : '')).join('');
  return { items, text, done, error: () => error };
}

const bytes = (s: string) => ({ type: 'bytes' as const, data: new TextEncoder().encode(s) });

async function running(containers = ['app']) {
  const { fake, kc } = await startFake();
  const pod = fakePod('shop', 'web-1', { containers });
  fake.put('pods', {
    ...pod,
    status: {
      ...pod.status,
      containerStatuses: pod.status.containerStatuses.map((s) => ({ ...s, state: { running: { startedAt: '' } } })),
    },
  });
  return { fake, kc };
}

/** Opens `shell` in pod shop/web-1 at 80×24, never cancelled. */
const openShell = (kc: Awaited<ReturnType<typeof running>>['kc'], shell: string) =>
  openPodExec(kc, { namespace: 'shop', pod: 'web-1', shell, cols: 80, rows: 24 }, new AbortController().signal);

describe('pod exec against the fake API server', () => {
  it('types into a real shell, echoes, resizes, and ends with the exit code of the status channel', async () => {
    const { fake, kc } = await running(['app', 'sidecar']);
    const ac = new AbortController();
    const t = await openPodExec(
      kc,
      { namespace: 'shop', pod: 'web-1', container: 'sidecar', shell: '/bin/sh', cols: 100, rows: 30 },
      ac.signal,
    );
    const r = reader(t);
    const exec = fake.channels.execs[0]!;
    expect(exec).toMatchObject({
      container: 'sidecar',
      command: ['/bin/sh'],
      tty: true,
      protocol: 'v5.channel.k8s.io',
    });
    await until(() => exec.resizes.length > 0);
    expect(exec.resizes[0]).toEqual({ width: 100, height: 30 });
    t.input(bytes('echo hi\n'));
    // the TTY echoes what was typed, then the shell prints its line
    await until(() => /echo hi\r?\nhi\r?\n/.test(r.text()));
    t.input({ type: 'resize', cols: 120, rows: 40 });
    await until(() => exec.resizes.length > 1);
    expect(exec.resizes.at(-1)).toEqual({ width: 120, height: 40 });
    t.input(bytes('exit 3\n'));
    await r.done;
    expect(r.items[0]).toEqual({ type: 'started', shell: '/bin/sh' });
    expect(r.items.at(-1)).toEqual({ type: 'exit', exitCode: 3 });
    expect(exec.ended).toBe(true);
  });

  it('without a shell runs bash when there is one, else sh; closing the view ends the process', async () => {
    const { fake, kc } = await running();
    const ac = new AbortController();
    const t = await openPodExec(kc, { namespace: 'shop', pod: 'web-1', cols: 80, rows: 24 }, ac.signal);
    const r = reader(t);
    const exec = fake.channels.execs[0]!;
    expect(exec.container).toBe('app');
    expect(exec.command.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    t.input(bytes('echo "$((1+1))-ok"\n'));
    await until(() => r.text().includes('2-ok'));
    // The terminal names the shell the script chose (this machine, the fake's "container", has bash),
    // and the script's mark never reaches the view.
    expect(r.items[0]).toEqual({ type: 'started', shell: 'bash' });
    expect(r.text()).not.toContain('berth-shell');
    expect(fake.channels.openExecCount()).toBe(1);
    ac.abort();
    await r.done;
    await until(() => fake.channels.openExecCount() === 0);
    // closed by the view, not an exit the shell chose
    expect(r.items.at(-1)).toEqual({ type: 'exit', exitCode: null });
    expect(r.error()).toBeUndefined();
  });

  it('reads output only as fast as the view takes it (flow control), losing none', async () => {
    const { fake, kc } = await running();
    const t = await openShell(kc, '/bin/sh');
    const it = t.items[Symbol.asyncIterator]();
    expect((await it.next()).value).toEqual({ type: 'started', shell: '/bin/sh' });
    const total = 24_000_000;
    // 24 MB of "Z" (\132) through the TTY, then a mark; the echoed command holds neither.
    t.input(bytes(`head -c ${total} /dev/zero | tr '\\0' '\\132'; echo; echo E""ND\n`));
    // The view reads nothing: the socket is paused, so the cluster's side holds what is not read.
    const exec = fake.channels.execs[0]!;
    await until(() => exec.held() > 8_000_000, 30_000);
    let zs = 0;
    let tail = '';
    const decoder = new TextDecoder();
    while (!/\bEND\r?\n/.test(tail)) {
      const r = await it.next();
      if (r.done) throw new Error('the terminal ended before its output did');
      const item = r.value;
      if (item.type !== 'bytes') continue;
      for (const b of item.data) if (b === 0x5a) zs++;
      tail = (tail + decoder.decode(item.data, { stream: true })).slice(-64);
    }
    expect(zs).toBe(total);
    await it.return(undefined);
    await until(() => fake.channels.openExecCount() === 0);
  });

  it('gives up an exec still opening when the view goes (the upgrade request is dropped)', async () => {
    const { fake, kc } = await running();
    fake.channels.hold = true;
    const ac = new AbortController();
    const opening = openPodExec(kc, { namespace: 'shop', pod: 'web-1', cols: 80, rows: 24 }, ac.signal).then(
      () => 'opened',
      () => 'gave up',
    );
    await until(() => fake.channels.held.length === 1);
    const socket = fake.channels.held[0]!;
    // the client's side is gone: the server's socket reads its end
    const dropped = new Promise<void>((resolve) => socket.once('end', () => resolve()).resume());
    ac.abort();
    expect(await opening).toBe('gave up');
    await dropped;
    expect(fake.channels.execs).toHaveLength(0);
  });

  it('says so when the container has no such shell (the runtime cannot start it)', async () => {
    const { fake, kc } = await running();
    const t = await openShell(kc, '/bin/no-such-shell');
    const r = reader(t);
    await r.done;
    expect(fake.channels.execs[0]).toMatchObject({ command: ['/bin/no-such-shell'], ended: true });
    expect((r.error() as Error).message).toBe(
      'The container app of pod web-1 has no shell at /bin/no-such-shell, so no terminal can open in it. Choose a shell it has (e.g. /bin/bash or /busybox/sh), or read its logs instead.',
    );
  });

  it('says so at once when a container has no /bin/sh for the shell-choosing script (a distroless image)', async () => {
    const { fake, kc } = await running();
    fake.channels.missing.add('/bin/sh');
    const t = await openPodExec(
      kc,
      { namespace: 'shop', pod: 'web-1', cols: 80, rows: 24 },
      new AbortController().signal,
    );
    const r = reader(t);
    // The socket the runtime closed ends the wait for the script's mark (no 10 s wait, no hang).
    await r.done;
    expect(fake.channels.execs[0]).toMatchObject({ ended: true });
    expect((r.error() as Error).message).toBe(
      'The container app of pod web-1 has no shell at /bin/sh, so no terminal can open in it. Choose a shell it has (e.g. /bin/bash or /busybox/sh), or read its logs instead.',
    );
  });

  it('refuses a pod that is not running, a container it does not have, and an RBAC denial, in sentences', async () => {
    const { fake, kc } = await running(['app']);
    const ac = new AbortController();
    const open = (pod: string, container?: string) =>
      openPodExec(
        kc,
        { namespace: 'shop', pod, cols: 80, rows: 24, ...(container ? { container } : {}) },
        ac.signal,
      ).then(
        () => 'opened',
        (e: Error) => e.message,
      );
    expect(await open('web-1', 'db')).toBe('The pod web-1 has no container named “db”. Its containers are: app.');
    fake.put('pods', fakePod('shop', 'done-1', { phase: 'Succeeded' }));
    expect(await open('done-1')).toMatch(/^The pod done-1 has completed \(phase Succeeded\)/);
    fake.put('pods', fakePod('shop', 'wait-1', { phase: 'Pending' }));
    expect(await open('wait-1')).toMatch(/^The container main of pod wait-1 is not running \(Pending\)/);
    expect(await open('gone')).toBe(
      'Kubernetes says pods "gone" not found. It may have been deleted already; the list shows what is there now.',
    );
    fake.deny('admin', 'create', 'pods/exec');
    expect(await open('web-1')).toBe(
      'Kubernetes refused this: pods "web-1" is forbidden: User "admin" cannot create resource "pods/exec" in API group "" in the namespace "shop". Ask a cluster administrator for that permission, or switch to a context that has it.',
    );
    expect(fake.channels.execs).toHaveLength(0);
  });
});
