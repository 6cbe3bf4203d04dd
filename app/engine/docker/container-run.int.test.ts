// Runs like `docker run` against the real engine: a one-shot run's output and exit code survive its
// removal, a bare KEY is passed through as docker does, and every refusal names the right field.
import { beforeAll, describe, expect, it } from 'vitest';
import { containerNames, fixtures, testEngine } from '../../../harness/context';
import type { LogLine } from '../../shared/contract/dto';
import { rejection } from './test-support/rejection';
import { connectEngine, type EngineClient } from './client';
import { runContainer, type RunSpec } from './container-run';
import { runContainerAttached } from './container-run-attached';
import { inspectContainer } from './containers';
import { toBerthError } from './errors';
import { freePortRange } from '../../../harness/free-ports';

let client: EngineClient;
const image = () => fixtures().busybox;
const name = containerNames('cr');
/** Runs the busybox fixture as container `n` with `command` (and `more` of the run spec), detached. */
const runBusybox = (n: string, command: string[], more: Partial<RunSpec> = {}) =>
  runContainer(client, { image: image(), name: n, command, ...more });
const port = await freePortRange(1);

async function allOutput(out: AsyncGenerator<LogLine[]>): Promise<LogLine[]> {
  const lines: LogLine[] = [];
  for await (const batch of out) lines.push(...batch);
  return lines;
}

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
});

/** The busybox fixture runs `command` as container `n`, attached, removed when it exits (--rm). */
const runRemoved = (n: string, command: string[], tty = false) =>
  runContainerAttached(client, { image: image(), name: n, command, tty, autoRemove: true });

describe('a run whose output is kept', () => {
  it('keeps the output and exit code of a container removed when it exits', async () => {
    const n = name('oneshot');
    const run = await runRemoved(n, ['sh', '-c', 'echo out-line; echo err-line >&2; exit 3']);
    const lines = await allOutput(run.output);
    // stdout and stderr are two pipes: their relative order is not kept, each line's stream is
    expect(lines.map((l) => `${l.stream}:${l.text}`).sort()).toEqual(['stderr:err-line', 'stdout:out-line']);
    expect(await run.exit).toEqual({ code: 3 });
    // gone, as --rm promises
    expect((await rejection(inspectContainer(client, n))).kind).toBe('not-found');
  });

  it('keeps the output of a TTY run, and of one that prints at once', async () => {
    const run = await runRemoved(name('tty'), ['echo', 'hello from a tty'], true);
    const text = (await allOutput(run.output)).map((l) => l.text.replace(/\r$/, ''));
    expect(text).toEqual(['hello from a tty']);
    expect((await run.exit).code).toBe(0);
  });

  it('stops a run that goes on: the container is killed and removed', async () => {
    const n = name('forever');
    const run = await runRemoved(n, ['sh', '-c', 'echo started; sleep 600']);
    const first = await run.output.next();
    expect(first.value?.[0]?.text).toBe('started');
    await run.stop();
    expect((await run.exit).code).toBe(137);
    expect((await rejection(inspectContainer(client, n))).kind).toBe('not-found');
  });

  it('a start refused by the engine leaves nothing behind and names the command', async () => {
    const n = name('nocmd');
    const err = await rejection(runRemoved(n, ['no-such-binary']));
    expect(err.field).toBe('command');
    expect((await rejection(inspectContainer(client, n))).kind).toBe('not-found');
  });
});

describe('environment', () => {
  it('passes a bare KEY on from the given environment, and unsets it when that has none (docker run -e KEY)', async () => {
    const run = await runContainerAttached(
      client,
      {
        image: image(),
        name: name('env'),
        command: ['sh', '-c', 'echo "A=${A-unset} B=${B-unset} C=${C}"'],
        env: ['A', 'B', 'C=given'],
        autoRemove: true,
      },
      { hostEnv: { A: 'from-berth' } },
    );
    expect((await allOutput(run.output)).map((l) => l.text)).toEqual(['A=from-berth B=unset C=given']);
  });
});

describe('a refusal names the field it concerns', () => {
  it('a command missing from the image: the command, not the image', async () => {
    const err = await rejection(runBusybox(name('cmd'), ['nope-cmd']));
    expect(err.field).toBe('command');
    expect(err.message).toMatch(/command does not exist/);
  });

  it('an image not on the engine: the image, kind not-found (the run dialog then pulls it)', async () => {
    const err = await rejection(runContainer(client, { image: 'berth-absent/never:v1', command: ['true'] }));
    expect(err.kind).toBe('not-found');
    expect(err.field).toBe('image');
  });

  it('a name in use: the name; a port in use: the ports; a missing network: the network', async () => {
    const n = name('dup');
    await runBusybox(n, ['sleep', '300'], { ports: [{ containerPort: 80, hostPort: port }] });
    expect((await rejection(runBusybox(n, ['true']))).field).toBe('name');
    const p = await rejection(
      runBusybox(name('port'), ['sleep', '300'], { ports: [{ containerPort: 80, hostPort: port }] }),
    );
    expect(p.field).toBe('ports');
    const net = await rejection(runBusybox(name('net'), ['true'], { network: 'berth-no-such-net' }));
    expect(net.field).toBe('network');
  });

  it('a failure that concerns no field (its words mention "support", "report" …) gets none', async () => {
    // A bind mount of a file over a directory: the runtime refuses at start. That is about the mounts…
    const mount = await rejection(
      runBusybox(name('mount'), ['true'], { volumes: [{ source: '/etc/hostname', target: '/bin' }] }),
    );
    expect(mount.field).toBe('volumes');
    // …while an engine-internal failure with "port" inside a word stays on the form, not on ports.
    const internal = toBerthError(
      Object.assign(new Error('x'), {
        statusCode: 500,
        json: { message: 'failed to create shim task: OCI runtime create failed: operation not supported: unknown' },
      }),
      'start container "x"',
    );
    expect(internal).toMatchObject({ kind: 'internal' });
    expect(internal.field).toBeUndefined();
  });
});
