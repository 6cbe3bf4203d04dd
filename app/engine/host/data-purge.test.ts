import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mountsUnder, purgeTarget } from './data-purge';
import type { EngineHost } from './types';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const host = (kind: EngineHost['kind'], dataRoot?: string) =>
  ({ kind, label: `the ${kind} engine`, ...(dataRoot ? { dataRoot } : {}) }) as unknown as EngineHost;

describe('purgeTarget', () => {
  it('offers a purge for the engine Berth runs on this machine only', () => {
    expect(purgeTarget(host('native', '/d/data-root'))).toMatchObject({ kind: 'native' });
    expect(purgeTarget(host('rootless', '/d/data-root'))).toMatchObject({ kind: 'rootless' });
  });

  it('says in a sentence why not, and what it would mean, for other engines', () => {
    expect(purgeTarget(host('external'))).toEqual({
      reason: expect.stringMatching(/^the external engine is not run by Berth.*docker system prune --all --volumes/),
    });
    expect(purgeTarget(host('linux-vm'))).toEqual({ reason: expect.stringMatching(/VM's own disk/) });
    expect(purgeTarget(undefined)).toEqual({ reason: expect.stringMatching(/Berth does not run this engine/) });
  });
});

describe('mountsUnder', () => {
  it('finds mount points at or below the folder (escaped spaces too), not beside it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mounts-'));
    dirs.push(dir);
    const file = join(dir, 'mountinfo');
    writeFileSync(
      file,
      [
        '22 1 8:1 / / rw - ext4 /dev/sda1 rw',
        '90 22 0:50 / /b/data-root/overlay2/abc/merged rw - overlay overlay rw',
        '91 22 0:51 / /b/data-root-other rw - tmpfs tmpfs rw',
        '92 22 0:52 / /b/data-root/with\\040space rw - tmpfs tmpfs rw',
      ].join('\n'),
    );
    expect(mountsUnder('/b/data-root', file)).toEqual(['/b/data-root/overlay2/abc/merged', '/b/data-root/with space']);
    expect(mountsUnder('/elsewhere', file)).toEqual([]);
  });
});
