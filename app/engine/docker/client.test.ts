import { describe, expect, it } from 'vitest';
import { BerthError } from '../../shared/errors';
import { compareVersions, negotiateVersion, parseEngineAddress } from './client';

describe('engine client', () => {
  it('speaks the engine version, capped at ours', () => {
    expect(negotiateVersion('1.41')).toBe('1.41');
    expect(negotiateVersion('1.43')).toBe('1.43');
    expect(negotiateVersion('1.99')).toBe('1.47');
    expect(compareVersions('1.9', '1.10')).toBeLessThan(0);
  });

  it('parses engine addresses', () => {
    expect(parseEngineAddress('/run/docker.sock')).toEqual({ kind: 'unix', socketPath: '/run/docker.sock' });
    expect(parseEngineAddress('unix:///var/run/docker.sock')).toEqual({
      kind: 'unix',
      socketPath: '/var/run/docker.sock',
    });
    expect(parseEngineAddress('tcp://10.0.0.2:2375')).toEqual({ kind: 'tcp', host: '10.0.0.2', port: 2375 });
    expect(parseEngineAddress('https://box')).toEqual({ kind: 'tcp', host: 'box', port: 2376 });
    expect(parseEngineAddress('ssh://me@box:2222')).toEqual({ kind: 'ssh', host: 'box', port: 2222, username: 'me' });
    for (const bad of ['docker.sock', 'ftp://x', 'tcp://']) {
      expect(() => parseEngineAddress(bad)).toThrow(BerthError);
    }
  });
});
