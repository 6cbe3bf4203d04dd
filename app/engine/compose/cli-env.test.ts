import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeCliInfo, findComposeCli } from './cli-detect';
import { composeEnv, dockerHostUrl } from './cli-env';
import { LineSplitter } from './cli-run';

describe('the compose environment', () => {
  it('points DOCKER_HOST at the engine and drops inherited engine choices', () => {
    const { env, dispose } = composeEnv(
      { kind: 'unix', socketPath: '/run/berth/docker.sock' },
      { PATH: '/bin', DOCKER_HOST: 'unix:///var/run/docker.sock', DOCKER_CONTEXT: 'prod', COMPOSE_FILE: 'x.yml' },
    );
    expect(env).toEqual({ PATH: '/bin', DOCKER_HOST: 'unix:///run/berth/docker.sock' });
    dispose();
  });
  it('writes tcp, ssh and IPv6 addresses as URLs', () => {
    expect(dockerHostUrl({ kind: 'tcp', host: '10.0.0.2', port: 2375 })).toBe('tcp://10.0.0.2:2375');
    expect(dockerHostUrl({ kind: 'tcp', host: '::1', port: 2375 })).toBe('tcp://[::1]:2375');
    expect(dockerHostUrl({ kind: 'ssh', host: 'box', username: 'me', port: 2222 })).toBe('ssh://me@box:2222');
  });
});

describe('LineSplitter', () => {
  it('splits chunks into lines, strips escapes and keeps the last rewrite of a line', () => {
    const s = new LineSplitter();
    expect(s.push('Creating a ... \rCreating a ... \x1b[32mdone\x1b[0m\nPart')).toEqual(['Creating a ... done']);
    expect(s.push('ial\n\n')).toEqual(['Partial']);
    expect(s.push('tail')).toEqual([]);
    expect(s.end()).toEqual(['tail']);
  });
});

describe('compose CLI detection', () => {
  const missing = [
    { program: '/nonexistent/docker-compose', prefix: [], label: 'docker-compose', flavour: 'v1' as const },
  ];
  it('says clearly when no compose CLI is installed and how to get one', async () => {
    await expect(findComposeCli(missing)).rejects.toThrow(
      /No compose CLI is installed.*Install the Docker Compose plugin/,
    );
    expect(await composeCliInfo(missing)).toMatchObject({
      available: false,
      reason: 'missing',
      advice: expect.stringContaining('apt-get install'),
    });
  });
  it('says a CLI that does not answer in time is slow, not missing, and tries the next one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-cli-'));
    try {
      // A compose that hangs (as a Python program can on a busy machine), then one that answers.
      const hangs = join(dir, 'hangs');
      writeFileSync(hangs, '#!/bin/sh\nexec sleep 30\n');
      const answers = join(dir, 'answers');
      writeFileSync(answers, '#!/bin/sh\necho 1.29.2\n');
      chmodSync(hangs, 0o755);
      chmodSync(answers, 0o755);
      const slow = { program: hangs, prefix: [], label: 'docker-compose', flavour: 'v1' as const };
      await expect(findComposeCli([slow], 300)).rejects.toThrow(
        'The compose CLI did not answer: "docker-compose version" took more than 0.3 s, so this machine may be very busy. Try again in a moment; nothing was changed.',
      );
      expect(await composeCliInfo([slow], 300)).toEqual({
        available: false,
        reason: 'slow',
        advice: 'Try again in a moment; nothing was changed.',
      });
      const next = { program: answers, prefix: [], label: 'docker-compose', flavour: 'v1' as const };
      expect(await findComposeCli([slow, next], 300)).toMatchObject({ program: answers, version: '1.29.2' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
