// `berth serve` as a user runs it: Berth's own engine under BERTH_HOME, one line on stdout,
// and a clean shutdown on SIGTERM that leaves no dockerd behind.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { processesUsing } from '../../../harness/cleanup.mjs';
import { connectTestClient } from './ws-test-client';

const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));

describe('berth serve (the command)', () => {
  it('starts its own engine, prints its address, and stops the engine on SIGTERM', async () => {
    const home = mkdtempSync(join(tmpdir(), 'berth-serve-home-'));
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--port', '0'], {
      env: { ...process.env, BERTH_HOME: home, DOCKER_HOST: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /^Berth is serving at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)\n/m.exec(out);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}${err}`)));
      });
      expect(out.trim().split('\n')).toHaveLength(1);
      const u = new URL(url);
      const c = await connectTestClient(`${u.protocol}//${u.host}`, u.searchParams.get('token')!);
      const deadline = Date.now() + 60000;
      let status = await c.request<{ state: string; kind: string; managed: boolean }>('engine.status');
      while (status.state !== 'running' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        status = await c.request('engine.status');
      }
      expect(status).toMatchObject({ state: 'running', kind: 'native', managed: true });
      expect(processesUsing(home).length).toBeGreaterThan(0);
      await c.close();
      child.kill('SIGTERM');
      const code = await new Promise<number | null>((r) => child.once('exit', (c2) => r(c2)));
      expect(code).toBe(0);
      expect(processesUsing(home)).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(home, { recursive: true, force: true });
    }
  }, 120000);
});
