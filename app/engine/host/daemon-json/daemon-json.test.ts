// The daemon.json checks: syntax at line and column, unknown keys, keys Berth sets itself, value
// shapes (mirrors, pools, log options), the change list and what a restart does.
import { describe, expect, it } from 'vitest';
import { berthKeys } from './berth-flags';
import { diffDaemonConfig } from './diff';
import { restartEffect } from './restart-effect';
import { validateDaemonText } from './validate';

const rootFlags = [
  '--config-file=/h/engine/daemon.json',
  '--data-root=/h/engine/data-root',
  '--exec-root=/h/engine/exec',
  '--host=unix:///h/engine/docker.sock',
  '--pidfile=/h/engine/docker.pid',
  '--bridge=berth0',
  '--default-address-pool=base=10.210.0.0/16,size=24',
  '--cgroup-parent=berth',
  '--iptables=false',
  '--ip-masq=false',
];
const berth = berthKeys(rootFlags);
const check = (text: string) => validateDaemonText(text, berth);
const messages = (text: string) => check(text).problems.map((p) => p.message);

describe('berthKeys', () => {
  it('names the daemon.json key of each flag Berth passes (not the config file), bip with bridge', () => {
    expect(berth.map((k) => k.key)).toEqual([
      'data-root',
      'exec-root',
      'hosts',
      'pidfile',
      'bridge',
      'bip',
      'default-address-pools',
      'cgroup-parent',
      'iptables',
      'ip-masq',
    ]);
    expect(berth.find((k) => k.key === 'hosts')?.flag).toBe('--host=unix:///h/engine/docker.sock');
  });
});

describe('validateDaemonText', () => {
  it('accepts the common settings with no problem or warning', () => {
    const r = check(
      JSON.stringify({
        'registry-mirrors': ['https://mirror.gcr.io', 'http://10.0.0.5:5000/'],
        'insecure-registries': ['registry.local:5000', '10.0.0.0/8', '[fd00::1]:5000'],
        'log-driver': 'json-file',
        'log-opts': { 'max-size': '10m', 'max-file': '3' },
        features: { buildkit: true },
        'live-restore': true,
      }),
    );
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.parsed?.['registry-mirrors']).toEqual(['https://mirror.gcr.io', 'http://10.0.0.5:5000/']);
  });

  it('says where the JSON is broken, by line and column', () => {
    const r = check('{\n  "debug": true,\n}\n');
    expect(r.problems).toEqual([
      {
        line: 3,
        column: 1,
        message: 'The settings are not valid JSON at line 3, column 1: JSON allows no comma before "}": remove it.',
      },
    ]);
    expect(r.parsed).toBeUndefined();
    expect(messages("{'debug': true}")[0]).toContain('double quotes');
    expect(messages('')[0]).toContain('write {} for no settings');
    expect(messages('["a"]')[0]).toContain('must be one JSON object');
  });

  it('refuses a key dockerd does not know, suggesting the nearest one', () => {
    const r = check('{\n  "registry-mirror": ["https://mirror.gcr.io"]\n}');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ key: 'registry-mirror', line: 2, column: 3 });
    expect(r.problems[0]!.message).toContain('Did you mean "registry-mirrors"?');
  });

  it('refuses a key Berth gives dockerd as a flag, saying which flag and why', () => {
    const [p] = check('{"data-root": "/srv/docker"}').problems;
    expect(p?.key).toBe('data-root');
    expect(p?.message).toContain('--data-root=/h/engine/data-root');
    expect(p?.message).toContain(
      'dockerd refuses to start when a setting is both on its command line and in daemon.json',
    );
    expect(messages('{"default-address-pools": [{"base": "10.50.0.0/16", "size": 24}]}')[0]).toContain(
      'its own address pool',
    );
    // Rootless Berth gives no bridge or pool: there the pool is the user's to set.
    const rootless = berthKeys(rootFlags.slice(0, 5));
    expect(
      validateDaemonText('{"default-address-pools": [{"base": "10.50.0.0/16", "size": 24}]}', rootless).problems,
    ).toEqual([]);
  });

  it('checks mirrors are http(s) URLs with no path, registries host[:port] or CIDR', () => {
    expect(messages('{"registry-mirrors": ["mirror.gcr.io"]}')).toEqual([
      '"registry-mirrors[0]" is "mirror.gcr.io", not a URL: a mirror is an address like "https://mirror.gcr.io".',
    ]);
    expect(messages('{"registry-mirrors": ["ftp://m.example"]}')[0]).toContain('starts with https:// or http://');
    expect(messages('{"registry-mirrors": ["https://m.example/v2/"]}')[0]).toContain('no path');
    expect(messages('{"registry-mirrors": "https://mirror.gcr.io"}')[0]).toBe(
      '"registry-mirrors" must be a list, like ["https://mirror.gcr.io"].',
    );
    expect(messages('{"insecure-registries": ["https://registry.local:5000"]}')[0]).toContain('without "https://"');
    expect(messages('{"insecure-registries": ["registry.local:99999"]}')[0]).toContain('a port is 1 to 65535');
  });

  it('checks address pools are CIDRs with a size no larger than their base', () => {
    const rootless = berthKeys(rootFlags.slice(0, 5));
    const pools = (v: unknown) =>
      validateDaemonText(JSON.stringify({ 'default-address-pools': v }), rootless).problems.map((p) => p.message);
    expect(pools([{ base: '10.50.0.0/16', size: 24 }])).toEqual([]);
    expect(pools([{ base: '10.50.0.0', size: 24 }])[0]).toContain('not a network in CIDR form');
    expect(pools([{ base: '10.50.0.0/16', size: 8 }])[0]).toContain('the size is at least 16');
    expect(pools([{ base: '10.50.0.0/40', size: 48 }])[0]).toContain('at most 32');
    expect(pools([{ base: '10.50.0.0/16' }])[0]).toMatch(/^"default-address-pools\[0\]\.size" /);
  });

  it('checks log options are text, sizes and counts, and the log driver exists', () => {
    expect(messages('{"log-opts": {"max-size": 10}}')[0]).toBe(
      '"log-opts.max-size" must be text in double quotes, like "10m".',
    );
    expect(messages('{"log-opts": {"max-size": "ten"}}')[0]).toContain('not a size like "64m"');
    expect(messages('{"log-opts": {"max-file": "0"}}')[0]).toContain('not a whole number of files');
    expect(messages('{"log-driver": "jsonfile"}')[0]).toContain('neither a log driver dockerd has');
    const plugin = check('{"log-driver": "grafana/loki-docker-driver:latest"}');
    expect(plugin.problems).toEqual([]);
    expect(plugin.warnings[0]?.message).toContain('install it first');
    expect(check('{"log-opts": {"max-size": "10m"}}').warnings[0]?.message).toContain('json-file');
  });

  it('checks types (flags, features), duplicates and the default runtime', () => {
    expect(messages('{"debug": "true"}')[0]).toBe('"debug" must be true or false, without quotes.');
    expect(messages('{"features": {"buildkit": "yes"}}')[0]).toMatch(/^"features\.buildkit" must be true or false/);
    const dup = check('{"debug": true,\n "debug": false}').problems;
    expect(dup[0]).toMatchObject({ key: 'debug', line: 2, column: 2 });
    expect(dup[0]?.message).toContain('given twice');
    expect(messages('{"default-runtime": "runsc"}')[0]).toContain('neither runc nor one of "runtimes"');
    expect(messages('{"default-runtime": "runsc", "runtimes": {"runsc": {"path": "/usr/bin/runsc"}}}')).toEqual([]);
  });
});

describe('diffDaemonConfig', () => {
  it('lists added, changed and removed keys, maps entry by entry, ignoring key order', () => {
    const before = {
      debug: true,
      'log-opts': { 'max-size': '10m', 'max-file': '3' },
      'registry-mirrors': ['https://a.example'],
    };
    const after = {
      'log-opts': { 'max-file': '3', 'max-size': '20m', compress: 'true' },
      'registry-mirrors': ['https://a.example', 'https://b.example'],
      'live-restore': true,
    };
    expect(diffDaemonConfig(before, after)).toEqual([
      { key: 'debug', change: 'removed', before: 'true' },
      { key: 'live-restore', change: 'added', after: 'true' },
      { key: 'log-opts.compress', change: 'added', after: '"true"' },
      { key: 'log-opts.max-size', change: 'changed', before: '"10m"', after: '"20m"' },
      {
        key: 'registry-mirrors',
        change: 'changed',
        before: '["https://a.example"]',
        after: '["https://a.example","https://b.example"]',
      },
    ]);
    expect(diffDaemonConfig({ features: { a: true, b: false } }, { features: { b: false, a: true } })).toEqual([]);
  });
});

describe('restartEffect', () => {
  const containers = [
    { name: 'web', restartPolicy: 'always' },
    { name: 'job', restartPolicy: '' },
  ];
  it('says which running containers stop and which come back by their policy', () => {
    const r = restartEffect({ running: true, liveRestoreBefore: false, liveRestoreAfter: false, containers });
    expect(r.keepsRunning).toBe(false);
    expect(r.containers).toEqual([
      { name: 'web', restartPolicy: 'always', after: 'comes back' },
      { name: 'job', restartPolicy: 'no', after: 'stays stopped' },
    ]);
    expect(r.summary).toContain('stops its 2 running containers');
    expect(r.summary).toContain('1 comes back by its restart policy; the other stays stopped until you start it.');
  });
  it('keeps containers running with live-restore on before and after', () => {
    const r = restartEffect({ running: true, liveRestoreBefore: true, liveRestoreAfter: true, containers });
    expect(r.keepsRunning).toBe(true);
    expect(r.containers.every((c) => c.after === 'keeps running')).toBe(true);
    expect(r.summary).toContain('live-restore is on');
    const turningOn = restartEffect({ running: true, liveRestoreBefore: false, liveRestoreAfter: true, containers });
    expect(turningOn.keepsRunning).toBe(false);
    expect(turningOn.summary).toContain('takes effect from the restart after this one');
  });
  it('says the engine simply starts when it is stopped', () => {
    expect(
      restartEffect({ running: false, liveRestoreBefore: false, liveRestoreAfter: false, containers: [] }).summary,
    ).toBe('The engine is not running: Berth starts it with the new settings.');
  });
});
