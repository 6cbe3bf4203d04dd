import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deferFunctionModule, deferredDockerodeParts, loadDockerode } from './dockerode-loader';

const req = createRequire(import.meta.url);
const loaded = (pkg: string) => Object.keys(req.cache).some((f) => f.includes(`/node_modules/${pkg}/`));

describe('dockerode loader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-defer-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads dockerode without its BuildKit session (grpc, protobufjs) or ssh transport (ssh2)', () => {
    const Docker = loadDockerode();
    expect(typeof Docker).toBe('function');
    expect(new Docker({ socketPath: '/nonexistent.sock' }).modem).toBeDefined();
    expect(loaded('@grpc/grpc-js')).toBe(false);
    expect(loaded('protobufjs')).toBe(false);
    expect(loaded('ssh2')).toBe(false);
  });

  it("loads docker-modem's ssh transport when it is first called, and returns what the real one returns", () => {
    loadDockerode();
    const [, sshFile] = deferredDockerodeParts();
    const ssh = req(sshFile!) as (opts: object) => Agent;
    expect(loaded('ssh2')).toBe(false);
    const agent = ssh({ host: '127.0.0.1', port: 1 }); // makes an agent; nothing connects until a request
    expect(agent).toBeInstanceOf(Agent);
    expect(loaded('ssh2')).toBe(true);
  });

  it('a deferred module loads once, on the first call, passing this and the arguments through', () => {
    const file = join(dir, 'counted.cjs');
    writeFileSync(
      file,
      'globalThis.__berthDeferLoads = (globalThis.__berthDeferLoads ?? 0) + 1;\n' +
        'module.exports = function (a, b) { return { self: this, sum: a + b }; };\n',
    );
    const g = globalThis as { __berthDeferLoads?: number };
    deferFunctionModule(file);
    const fn = req(file) as (this: unknown, a: number, b: number) => { self: unknown; sum: number };
    expect(g.__berthDeferLoads).toBeUndefined();
    const self = { name: 'caller' };
    expect(fn.call(self, 2, 3)).toEqual({ self, sum: 5 });
    expect(fn.call(self, 4, 5).sum).toBe(9);
    expect(g.__berthDeferLoads).toBe(1);
    // After the first call the cache holds the real module: a later require gets it directly.
    expect(req(file)).not.toBe(fn);
  });

  it('leaves a module that is already loaded as it is', () => {
    const file = join(dir, 'already.cjs');
    writeFileSync(file, 'module.exports = function () { return "real"; };\n');
    const real = req(file) as () => string;
    deferFunctionModule(file);
    expect(req(file)).toBe(real);
  });
});
