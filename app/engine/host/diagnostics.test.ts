import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { diagnosticChecks, formatDiagnostics, listeners, runDiagnostics, type DiagnosticCheck } from './diagnostics';
import { clientTls, ensureEngineTls } from './vm/engine-tls';

const check = (id: string, over: Partial<DiagnosticCheck>): DiagnosticCheck => ({
  id,
  title: id,
  applies: () => true,
  run: async () => ({ passed: true, detail: 'ok' }),
  ...over,
});

describe('diagnostics', () => {
  it('runs applicable checks, skips the rest, and turns a throwing check into a failure', async () => {
    const out = await runDiagnostics([
      check('a', {}),
      check('b', { applies: () => false }),
      check('c', { run: async () => ({ passed: false, detail: 'bad', fix: 'do x' }) }),
      check('d', {
        run: async () => {
          throw new Error('boom');
        },
      }),
    ]);
    expect(out.map((o) => o.status)).toEqual(['passed', 'skipped', 'failed', 'failed']);
    expect(out[3]!.detail).toContain('boom');
  });

  it('formats one line per check, fixes under failures, and a summary', () => {
    const text = formatDiagnostics([
      { id: 'a', title: 'dockerd is installed', status: 'passed', detail: '/usr/sbin/dockerd' },
      { id: 'b', title: 'cgroups are usable', status: 'failed', detail: 'not writable', fix: 'run elsewhere' },
      { id: 'c', title: 'socket', status: 'skipped', detail: 'does not apply here' },
    ]);
    expect(text).toBe(
      '✓ dockerd is installed: /usr/sbin/dockerd\n✗ cgroups are usable: not writable\n    fix: run elsewhere\n– socket: does not apply here\n\n1 problem found, 1 check passed.\n',
    );
  });

  it('reads LISTEN sockets from /proc/net/tcp tables', () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-diag-'));
    const table = join(dir, 'tcp');
    writeFileSync(
      table,
      '  sl  local_address rem_address   st\n   0: 0100007F:0947 00000000:0000 0A 0\n   1: 00000000:0948 00000000:0000 0A 0\n   2: 0100007F:0947 0100007F:9999 01 0\n',
    );
    expect(listeners(2375, [table])).toEqual(['127.0.0.1:2375']);
    expect(listeners(2376, [table])).toEqual(['0.0.0.0:2376']);
    rmSync(dir, { recursive: true });
  });

  it('has the checks the UI shows, with stable ids', () => {
    expect(diagnosticChecks({ hostKind: 'native', dataRoot: '/tmp' }).map((c) => c.id)).toEqual([
      'dockerd-installed',
      'rootless-prerequisites',
      'cgroups',
      'iptables-installed',
      'socket-reachable',
      'disk-space',
      'tcp-without-tls',
      'api-version',
      'lima-installed',
      'linux-vm-ready',
      'wsl-ready',
    ]);
  });

  it("for Berth's isolated VM: no host dockerd checks, and the engine probed over its mutual TLS", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-diag-tls-'));
    const f = ensureEngineTls(join(dir, 'tls'));
    const server = createServer(
      { ca: readFileSync(f.ca), cert: readFileSync(f.serverCert), key: readFileSync(f.serverKey), requestCert: true },
      (req, res) => {
        const authorized = (req.socket as TLSSocket).authorized;
        res.writeHead(authorized ? 200 : 401, { 'Api-Version': '1.41' }).end('OK');
      },
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const out = await runDiagnostics(
        diagnosticChecks({
          hostKind: 'linux-vm',
          address: { kind: 'tcp', host: '127.0.0.1', port, tls: clientTls(f) },
        }),
      );
      const byId = Object.fromEntries(out.map((o) => [o.id, o]));
      for (const id of ['dockerd-installed', 'cgroups', 'iptables-installed', 'lima-installed', 'wsl-ready'])
        expect(byId[id]!.status, id).toBe('skipped');
      expect(byId['socket-reachable']).toMatchObject({ status: 'passed' });
      expect(byId['api-version']).toMatchObject({ status: 'passed', detail: expect.stringContaining('API 1.41') });
      expect(byId['linux-vm-ready']!.status).not.toBe('skipped');
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the real checks on this machine without throwing', async () => {
    const out = await runDiagnostics(
      diagnosticChecks({
        hostKind: 'native',
        dataRoot: tmpdir(),
        address: { kind: 'unix', socketPath: '/nonexistent.sock' },
      }),
    );
    const byId = Object.fromEntries(out.map((o) => [o.id, o]));
    expect(byId['socket-reachable']).toMatchObject({ status: 'failed', detail: 'no socket at /nonexistent.sock' });
    expect(byId['disk-space']!.status).not.toBe('skipped');
    if (process.getuid?.() === 0) expect(byId['iptables-installed']!.status).toBe('passed');
  });
});
