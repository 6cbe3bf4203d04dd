// Local failures told apart from an unreachable engine, with real errors: the real file system (a
// missing file, a write sysfs refuses), the real engine's socket, and a real open-files limit.
import { execFile } from 'node:child_process';
import { open } from 'node:fs/promises';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testEngine } from '../../../harness/context';
import { toBerthError } from './errors';

const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );

describe('local causes (real file system, real engine)', () => {
  it('a missing file is named as missing, not as an unreachable engine', async () => {
    const err = await failureOf(open('/nonexistent-berth/dir/images.tar', 'r'));
    const e = toBerthError(err, 'load images from "/nonexistent-berth/dir/images.tar"', { pathField: 'path' });
    expect(e.toJSON()).toEqual({
      kind: 'not-found',
      field: 'path',
      message:
        'Could not load images from "/nonexistent-berth/dir/images.tar": /nonexistent-berth/dir/images.tar does not exist (any more). Check the path, then try again.',
      detail: 'ENOENT open /nonexistent-berth/dir/images.tar',
    });
  });

  it('a refused write names the permission problem, and for a side file its folder', async () => {
    const direct = toBerthError(await failureOf(open('/sys/kernel/notes', 'w')), 'save images to "/sys/kernel/notes"');
    expect(direct).toMatchObject({ kind: 'invalid' });
    expect(direct.message).toBe(
      'Could not save images to "/sys/kernel/notes": permission denied on /sys/kernel/notes. Check its permissions, or choose another place.',
    );
    const side = toBerthError(
      await failureOf(open('/sys/kernel/images.tar.partial-1-0a1b', 'w')),
      'save images to "/sys/kernel/images.tar"',
    );
    expect(side.message).toBe(
      'Could not save images to "/sys/kernel/images.tar": permission denied writing in the folder /sys/kernel. Check its permissions, or choose another place.',
    );
  });

  it('a socket that is gone is the engine not being reachable, naming the socket', async () => {
    const socketPath = `${testEngine().socket}.gone`;
    const err = await new Promise((resolve) => connect(socketPath).once('error', resolve));
    const e = toBerthError(err, 'list containers');
    expect(e.kind).toBe('unavailable');
    expect(e.message).toBe(
      `Could not list containers: the engine is not reachable (no socket at ${socketPath}). Check that it is running (Engine page), then try again.`,
    );
  });

  it('running out of open files (a real limit of 64) is said as the limit, not as an unreachable engine', async () => {
    const driver = fileURLToPath(new URL('./test-support/emfile-driver.ts', import.meta.url));
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        'prlimit',
        ['--nofile=64:64', process.execPath, '--import', 'tsx', driver],
        { env: { ...process.env, ENGINE_HOST: testEngine().host }, timeout: 60000 },
        (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
      ),
    );
    const { error } = JSON.parse(out.trim().split('\n').pop()!) as { error?: { kind: string; message: string } };
    expect(error).toEqual({
      kind: 'internal',
      message:
        'Could not list containers: Berth has reached its limit of open files and connections (64). Close some views, terminals or downloads, or raise the limit (`ulimit -n`) and restart Berth.',
      detail: expect.stringMatching(/^EMFILE /),
    });
  }, 70000);
});
