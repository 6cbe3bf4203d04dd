// The input rules the dashboard's forms and the contract share: refused before the engine, in words.
import { describe, expect, it } from 'vitest';
import { firstIssue } from '../../rules';
import { buildSpec } from './images';
import { networkCreateSpec } from './networks';
import { settingsPatch, settingsSchema } from './settings';
import { engineChoice } from './system';
import { volumeCreateSpec } from './volumes';

describe('dashboard input rules', () => {
  it('network create: subnets, gateways, built-in names', () => {
    expect(networkCreateSpec.parse({ name: 'app' })).toEqual({
      name: 'app',
      driver: 'bridge',
      internal: false,
      attachable: false,
    });
    expect(firstIssue(networkCreateSpec.safeParse({ name: 'app', attachable: true }))).toBe(
      'Only an overlay network is attachable: other networks take containers anyway.',
    );
    expect(networkCreateSpec.safeParse({ name: 'app', subnet: '10.1.0.0/16', gateway: '10.1.0.1' }).success).toBe(true);
    expect(networkCreateSpec.safeParse({ name: 'app', subnet: 'fd00::/64' }).success).toBe(true);
    expect(firstIssue(networkCreateSpec.safeParse({ name: 'app', subnet: '10.1.0.0' }))).toBe(
      'A subnet is written address/prefix, e.g. 172.30.0.0/16.',
    );
    expect(firstIssue(networkCreateSpec.safeParse({ name: 'app', subnet: '300.1.0.0/16' }))).toBe(
      'A subnet is written address/prefix, e.g. 172.30.0.0/16.',
    );
    expect(firstIssue(networkCreateSpec.safeParse({ name: 'app', gateway: '10.1.0.1' }))).toBe(
      'A gateway needs a subnet to lie in; give the subnet too.',
    );
    expect(firstIssue(networkCreateSpec.safeParse({ name: 'host' }))).toContain("the engine's own networks");
    expect(networkCreateSpec.safeParse({ name: 'app', driver: 'weird' }).success).toBe(false);
  });

  it('volume create: names and drivers', () => {
    expect(volumeCreateSpec.parse({ name: 'data' })).toEqual({ name: 'data', driver: 'local' });
    expect(firstIssue(volumeCreateSpec.safeParse({ name: 'my data' }))).toMatch(/^A name uses only letters/);
    expect(volumeCreateSpec.safeParse({ name: 'data', driver: 'rex/ray:1' }).success).toBe(true);
  });

  it('build: absolute context, Dockerfile inside it, NAME=value arguments', () => {
    expect(buildSpec.parse({ context: '/src' })).toMatchObject({
      dockerfile: 'Dockerfile',
      buildArgs: [],
      noCache: false,
    });
    expect(firstIssue(buildSpec.safeParse({ context: 'src' }))).toBe('The path must be absolute (start with "/").');
    expect(firstIssue(buildSpec.safeParse({ context: '/src', dockerfile: '../Dockerfile' }))).toMatch(
      /stays inside it/,
    );
    expect(firstIssue(buildSpec.safeParse({ context: '/src', dockerfile: '/etc/Dockerfile' }))).toMatch(
      /stays inside it/,
    );
    expect(buildSpec.safeParse({ context: '/src', buildArgs: ['A=1', 'EMPTY='] }).success).toBe(true);
    expect(firstIssue(buildSpec.safeParse({ context: '/src', buildArgs: ['1A=x'] }))).toMatch(/NAME=value/);
  });

  it('engine choice: known kinds and engine addresses only', () => {
    expect(engineChoice.safeParse({ kind: 'external', url: 'unix:///var/run/docker.sock' }).success).toBe(true);
    expect(engineChoice.safeParse({ kind: 'external', url: 'ssh://me@box' }).success).toBe(true);
    expect(engineChoice.safeParse({ kind: 'external', url: '/var/run/docker.sock' }).success).toBe(false);
    expect(engineChoice.safeParse({ kind: 'lima' }).success).toBe(true);
    expect(engineChoice.safeParse({ kind: 'podman' }).success).toBe(false);
  });

  it('settings: defaults, strict fields, shells', () => {
    expect(settingsSchema.parse({})).toMatchObject({
      version: 1,
      theme: 'system',
      closeToTray: true,
      terminalShell: 'auto',
    });
    expect(settingsSchema.safeParse({ extra: 1 }).success).toBe(false);
    expect(settingsPatch.safeParse({ terminalShell: '/usr/bin/fish' }).success).toBe(true);
    expect(settingsPatch.safeParse({ terminalShell: 'bash' }).success).toBe(false);
    expect(settingsPatch.safeParse({ notifications: { nope: true } }).success).toBe(false);
  });
});
