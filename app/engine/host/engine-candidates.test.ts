import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listCandidates } from './engine-candidates';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function homeWithContext(name: string, host: string, { hashed = true } = {}): string {
  const home = mkdtempSync(join(tmpdir(), 'berth-home-'));
  dirs.push(home);
  const meta = join(
    home,
    '.docker',
    'contexts',
    'meta',
    hashed ? createHash('sha256').update(name).digest('hex') : 'whatever',
  );
  mkdirSync(meta, { recursive: true });
  writeFileSync(join(home, '.docker', 'config.json'), JSON.stringify({ currentContext: name }));
  writeFileSync(
    join(meta, 'meta.json'),
    JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }),
  );
  return home;
}

/** Each candidate as [source, url], in the order listed. */
const sourcesAndUrls = (opts: Parameters<typeof listCandidates>[0]) =>
  listCandidates(opts).map((c) => [c.source, c.url]);

describe('listCandidates', () => {
  it('lists setting, DOCKER_HOST, current context, system socket, rootless socket, podman — in that order', () => {
    const home = homeWithContext('remote', 'ssh://me@build-box:2222');
    const env = { DOCKER_HOST: 'tcp://10.0.0.5:2375', XDG_RUNTIME_DIR: '/run/user/1000' };
    const opts = { explicit: '/tmp/x.sock', env, home, uid: 1000 };
    expect(sourcesAndUrls(opts)).toEqual([
      ['setting', '/tmp/x.sock'],
      ['DOCKER_HOST', 'tcp://10.0.0.5:2375'],
      ['docker-context', 'ssh://me@build-box:2222'],
      ['system-socket', 'unix:///var/run/docker.sock'],
      ['rootless-socket', 'unix:///run/user/1000/docker.sock'],
      ['podman-socket', 'unix:///run/user/1000/podman/podman.sock'],
    ]);
    expect(listCandidates(opts)[2]!.label).toBe('Docker context "remote"');
  });

  it('honours DOCKER_CONTEXT, finds meta dirs not named by the hash, and ignores the default context', () => {
    const home = homeWithContext('other', 'unix:///srv/d.sock', { hashed: false });
    expect(listCandidates({ env: { DOCKER_CONTEXT: 'other' }, home, uid: 0 }).map((c) => c.url)).toEqual([
      'unix:///srv/d.sock',
      'unix:///var/run/docker.sock',
      'unix:///run/podman/podman.sock',
    ]);
    expect(
      listCandidates({ env: { DOCKER_CONTEXT: 'default' }, home, uid: 0 }).some((c) => c.source === 'docker-context'),
    ).toBe(false);
  });

  it('reports a current context without metadata, and lists an address once', () => {
    const home = mkdtempSync(join(tmpdir(), 'berth-home-'));
    dirs.push(home);
    const env = { DOCKER_CONTEXT: 'gone', DOCKER_HOST: 'unix:///var/run/docker.sock' };
    expect(sourcesAndUrls({ env, home, uid: 0 })).toEqual([
      ['DOCKER_HOST', 'unix:///var/run/docker.sock'],
      ['docker-context', 'context:gone'],
      ['podman-socket', 'unix:///run/podman/podman.sock'],
    ]);
  });
});
