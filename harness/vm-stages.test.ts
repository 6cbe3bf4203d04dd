import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleTail, vmStages } from './vm-stages';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function consoleLog(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vm-stages-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'console.log'), text);
  return join(dir, 'console.log');
}

describe('vmStages', () => {
  it('passes a stage’s result through and prints that it ended', async () => {
    const printed: string[] = [];
    const stage = vmStages({ consoleFile: () => '/nonexistent' }, undefined, (l) => printed.push(l));
    expect(await stage('boot', 1000, async () => 'running')).toBe('running');
    expect(printed).toEqual(['VM test stage "boot" done, 0 s into the test']);
  });

  it('fails a stage that outlives its deadline with its name, the console’s last lines and more', async () => {
    const file = consoleLog(['one', 'two', 'BERTH-VM-ENGINE-STARTING'].join('\n'));
    const stage = vmStages(
      { consoleFile: () => file, qmpSocket: () => `${file}.qmp` },
      () => 'berth serve printed: nothing',
      () => undefined,
    );
    const never = new Promise<string>(() => undefined);
    const err = await stage('second boot', 50, () => never).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(
      /^VM test stage "second boot" failed, 0 s into the test: did not finish within 0 s/,
    );
    expect((err as Error).message).toContain('two\nBERTH-VM-ENGINE-STARTING');
    expect((err as Error).message).toContain('berth serve printed: nothing');
    expect((err as Error).message).toMatch(/QEMU's status: QMP did not answer: .*; \d+ MiB free on the disk of /);
  });

  it('adds the console to a stage that throws, keeping the cause', async () => {
    const file = consoleLog('BERTH-VM-FAIL no disk');
    const stage = vmStages({ consoleFile: () => file }, undefined, () => undefined);
    const cause = new Error('still starting after 400000 ms');
    const err = (await stage('first boot', 1000, () => Promise.reject(cause)).catch((e: Error) => e)) as Error;
    expect(err.message).toContain('still starting after 400000 ms');
    expect(err.message).toContain('BERTH-VM-FAIL no disk');
    expect(err.cause).toBe(cause);
  });
});

describe('consoleTail', () => {
  it('keeps the last lines, each cut to 300 characters, and says when the log cannot be read', () => {
    const file = consoleLog([...Array.from({ length: 50 }, (_, i) => `line ${i}`), 'x'.repeat(400)].join('\n'));
    const tail = consoleTail(file, 3).split('\n');
    expect(tail).toEqual(['line 48', 'line 49', 'x'.repeat(300)]);
    expect(consoleTail('/nonexistent/console.log')).toMatch(/cannot be read: ENOENT/);
  });
});
