import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import { freePortRange as freeTcpPort } from '../../../harness/free-ports';
import { connectEngine, dialJson, type EngineClient } from './client';
import { containerEditSpecOf, editContainer } from './container-edit';

let client: EngineClient;
const made: string[] = [];
const volumes: string[] = [];

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
});

afterAll(async () => {
  const d = testEngine().docker;
  const all = await d(['ps', '-aq', '--filter', 'name=be-edit']);
  const ids = all.stdout.split('\n').filter(Boolean);
  if (ids.length || made.length) await d(['rm', '-f', ...new Set([...made, ...ids])]);
  if (volumes.length) await d(['volume', 'rm', '-f', ...volumes]);
});

async function docker(...args: string[]): Promise<string> {
  const r = await testEngine().docker(args);
  if (r.code !== 0) throw new Error(`docker ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** Runs `name` (removed after the tests) with `args` and a free host port to its port 80; that port. */
async function runPublished(name: string, ...args: string[]): Promise<number> {
  made.push(name);
  const port = await freeTcpPort();
  await docker('run', '-d', '--name', name, '-p', `127.0.0.1:${port}:80`, ...args);
  return port;
}

/** A running container with a published port and a named volume holding a file. */
async function webWithData(): Promise<{ name: string; volume: string; port: number }> {
  const name = uniqueName('be-edit');
  const volume = uniqueName('be-edit-data');
  volumes.push(volume);
  const port = await runPublished(
    name,
    '-v',
    `${volume}:/data`,
    '-e',
    'GREETING=hello',
    fixtures().busybox,
    'sh',
    '-c',
    'echo kept > /data/file; echo lost > /layer-file; exec httpd -f -p 80 -h /www',
  );
  return { name, volume, port };
}

describe('editContainer', () => {
  it('recreates with a new port and env: the CLI sees them, the named volume keeps its files, the writable layer goes', async () => {
    const { name, volume, port } = await webWithData();
    const oldId = await docker('inspect', '-f', '{{.Id}}', name);
    await new Promise((r) => setTimeout(r, 300)); // the command has written its files
    const spec = await containerEditSpecOf(client, name);
    expect(spec.ports).toEqual([{ containerPort: 80, hostPort: port, hostIp: '127.0.0.1', protocol: 'tcp' }]);
    expect(spec.volumes).toEqual([{ source: volume, target: '/data', readOnly: false }]);
    const newPort = await freeTcpPort();
    const result = await editContainer(client, name, {
      ...spec,
      command: ['httpd', '-f', '-p', '80', '-h', '/www'],
      ports: [{ containerPort: 80, hostPort: newPort, hostIp: '127.0.0.1', protocol: 'tcp' }],
      env: [...spec.env, 'EXTRA=1'],
    });
    expect(result.recreated).toBe(true);
    expect(result.id).not.toBe(oldId);
    expect(result.changes.map((c) => c.field).sort()).toEqual(['command', 'env', 'ports']);
    expect(await docker('port', name)).toBe(`80/tcp -> 127.0.0.1:${newPort}`);
    expect(await docker('inspect', '-f', '{{.State.Running}}', name)).toBe('true');
    expect(await docker('exec', name, 'cat', '/data/file')).toBe('kept');
    expect(await docker('exec', name, 'sh', '-c', 'echo $EXTRA $GREETING; ls /layer-file 2>&1 || true')).toMatch(
      /^1 hello\n.*No such file/,
    );
    // The old container is gone; its name now names the new one only.
    expect((await testEngine().docker(['inspect', oldId])).code).not.toBe(0);
    expect(await docker('ps', '-a', '--filter', `name=${name}-berth-old`, '-q')).toBe('');
  });

  it('rolls back when the new container cannot start: the old one is back under its name, running, unchanged', async () => {
    const { name, port } = await webWithData();
    const oldId = await docker('inspect', '-f', '{{.Id}}', name);
    // A port another container holds makes the new one fail to start.
    const blocker = uniqueName('be-edit-blocker');
    const taken = await runPublished(blocker, fixtures().busybox, 'httpd', '-f', '-p', '80');
    const spec = await containerEditSpecOf(client, name);
    const err = await editContainer(client, name, {
      ...spec,
      ports: [{ containerPort: 80, hostPort: taken, hostIp: '127.0.0.1', protocol: 'tcp' }],
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ field: 'ports', message: expect.stringMatching(/is back as it was\.$/) });
    expect(await docker('inspect', '-f', '{{.Id}} {{.State.Running}}', name)).toBe(`${oldId} true`);
    expect(await docker('port', name)).toBe(`80/tcp -> 127.0.0.1:${port}`);
    expect(await docker('ps', '-a', '--filter', `name=${name}-berth-old`, '-q')).toBe('');
  });

  it('changes the restart policy and resources in place (same container, still running)', async () => {
    const name = uniqueName('be-edit-inplace');
    made.push(name);
    await docker('run', '-d', '--name', name, fixtures().busybox, 'sleep', '3600');
    const before = await docker('inspect', '-f', '{{.Id}} {{.State.StartedAt}}', name);
    const spec = await containerEditSpecOf(client, name);
    const result = await editContainer(client, name, {
      ...spec,
      restart: 'unless-stopped',
      memory: 64 * 1024 * 1024,
      cpus: 0.5,
    });
    expect(result).toMatchObject({ recreated: false });
    expect(result.changes.every((c) => c.inPlace)).toBe(true);
    expect(await docker('inspect', '-f', '{{.Id}} {{.State.StartedAt}}', name)).toBe(before);
    expect(
      await docker(
        'inspect',
        '-f',
        '{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.Memory}} {{.HostConfig.NanoCpus}}',
        name,
      ),
    ).toBe(`unless-stopped ${64 * 1024 * 1024} 500000000`);
  });

  it('refuses bad settings before the engine sees them, naming the field', async () => {
    const name = uniqueName('be-edit-bad');
    made.push(name);
    await docker('create', '--name', name, fixtures().busybox, 'true');
    const spec = await containerEditSpecOf(client, name);
    await expect(
      editContainer(client, name, { ...spec, volumes: [{ source: 'x', target: 'relative', readOnly: false }] }),
    ).rejects.toMatchObject({ kind: 'invalid', field: 'volumes.0.target' });
    await expect(dialJson(client, { path: `/containers/${name}/json` })).resolves.toBeTruthy();
  });
});
