import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxBinary } from '../../../harness/fixtures';
import { testEngine, uniqueName } from '../../../harness/context';
import { connectEngine, dialJson, type EngineClient } from './client';
import { DEBUG_HELPER, DEBUG_TARGET_LABEL, openDebugShell, removeStaleDebugHelpers } from './debug-shell';
import { DEBUG_IMAGE } from './debug-image';
import { execCapture } from './exec';
import { HELPER_LABEL, HELPER_OWNER_LABEL } from './volume-files';

let client: EngineClient;
/** An image of one file: a static program at /sleep (busybox under another name), no shell. */
const ONE_BINARY = 'berth-fixture/one-binary:latest';
const made: string[] = [];
let target: string;

async function helpersOf(targetId: string): Promise<string[]> {
  const list = await dialJson<{ Id: string }[]>(client, {
    path: '/containers/json',
    query: { all: true, filters: JSON.stringify({ label: [`${DEBUG_TARGET_LABEL}=${targetId}`] }) },
  });
  return list.map((c) => c.Id);
}

async function readUntil(
  it: AsyncIterator<Uint8Array>,
  re: RegExp,
  answer?: (s: string) => void,
  timeoutMs = 15000,
): Promise<string> {
  let text = '';
  const deadline = Date.now() + timeoutMs;
  while (!re.test(text)) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`timed out waiting for ${re}; got ${JSON.stringify(text)}`);
    const r = await Promise.race([
      it.next(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out; got ${text}`)), left)),
    ]);
    if (r.done) break;
    text += Buffer.from(r.value).toString('utf8');
    // busybox's line editor asks where the cursor is; a terminal answers.
    if (text.endsWith('\x1b[6n')) answer?.('\x1b[1;1R');
  }
  return text;
}

beforeAll(async () => {
  const engine = testEngine();
  client = await connectEngine({ kind: 'unix', socketPath: engine.socket });
  const dir = mkdtempSync(join(tmpdir(), 'berth-one-binary-'));
  try {
    copyFileSync(busyboxBinary(), join(dir, 'sleep'));
    const tar = execFileSync('tar', ['-C', dir, '-c', 'sleep'], { maxBuffer: 64 << 20 });
    const r = await engine.docker(['import', '--change', 'ENTRYPOINT ["/sleep"]', '-', ONE_BINARY], tar);
    if (r.code !== 0) throw new Error(r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  target = uniqueName('be-noshell');
  made.push(target);
  const run = await engine.docker(['run', '-d', '--name', target, ONE_BINARY, '3600']);
  if (run.code !== 0) throw new Error(run.stderr);
});

afterAll(async () => {
  if (made.length) await testEngine().docker(['rm', '-f', ...made]);
});

describe('debug shell', () => {
  it('the target image really has no shell', async () => {
    const r = await execCapture(client, target, ['sh', '-c', 'true']).catch((e: Error) => e);
    expect(r instanceof Error ? r.message : `exit ${r.exitCode}`).toMatch(/exit 12[67]|not found|no such file/i);
  });

  it("opens busybox beside a one-binary container: ps sees the target's process, its files at /proc/1/root; closing removes the helper", async () => {
    const session = await openDebugShell(client, target, { cols: 120, rows: 30 });
    const targetId = (await dialJson<{ Id: string }>(client, { path: `/containers/${target}/json` })).Id;
    expect(await helpersOf(targetId)).toEqual([session.helperId]);
    const it = session.output[Symbol.asyncIterator]();
    const answer = (s: string) => void session.write(s);
    await readUntil(it, /debug # /, answer);
    session.write('ps -o pid,args; ls /proc/1/root; echo END-$((6*7))\n');
    const text = await readUntil(it, /END-42/, answer);
    expect(text).toMatch(/^\s*1\s+\/sleep 3600\s*$/m);
    expect(text).toMatch(/\bsleep\b/);
    await session.close();
    expect(await helpersOf(targetId)).toEqual([]);
    // The image made on the engine stays for the next debug shell.
    await expect(dialJson(client, { path: `/images/${DEBUG_IMAGE}/json` })).resolves.toBeTruthy();
  });

  it('typing exit ends the session and removes the helper', async () => {
    const session = await openDebugShell(client, target);
    const targetId = (await dialJson<{ Id: string }>(client, { path: `/containers/${target}/json` })).Id;
    const it = session.output[Symbol.asyncIterator]();
    await readUntil(it, /debug # /, (s) => void session.write(s));
    session.write('exit 3\n');
    while (!(await it.next()).done); // the exit is known once the output is read to its end
    expect(await session.exit).toBe(3);
    await session.close();
    expect(await helpersOf(targetId)).toEqual([]);
  });

  it('refuses a stopped container with a sentence', async () => {
    const stopped = uniqueName('be-stopped');
    made.push(stopped);
    await testEngine().docker(['create', '--name', stopped, ONE_BINARY, '1']);
    await expect(openDebugShell(client, stopped)).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringMatching(/not running\. Start it, then try again\./),
    });
  });

  it('sweeps helpers whose Berth is gone, and leaves live ones', async () => {
    const dead = uniqueName('be-dead-helper');
    const live = uniqueName('be-live-helper');
    made.push(dead, live);
    const create = (name: string, ownerLabel: string) =>
      testEngine().docker([
        'create',
        '--name',
        name,
        '--label',
        `${HELPER_LABEL}=${DEBUG_HELPER}`,
        '--label',
        `${HELPER_OWNER_LABEL}=${ownerLabel}`,
        DEBUG_IMAGE,
        'sleep',
        '1',
      ]);
    // pid 2^22 + 1 is above Linux's pid_max, so no process has it.
    await create(dead, `${hostname()}:4194305`);
    await create(live, `${hostname()}:${process.pid}`);
    const heard: string[] = [];
    await removeStaleDebugHelpers(client, (h) => heard.push(h.name));
    expect(heard).toContain(dead);
    expect(heard).not.toContain(live);
    expect((await testEngine().docker(['inspect', dead])).code).not.toBe(0);
    expect((await testEngine().docker(['inspect', live])).code).toBe(0);
  });
});
