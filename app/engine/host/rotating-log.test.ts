import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RotatingLog } from './rotating-log';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('RotatingLog', () => {
  it('rotates by size, keeping N old files, and remembers the last lines across chunk boundaries', () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-log-'));
    dirs.push(dir);
    const log = new RotatingLog(join(dir, 'd.log'), { maxBytes: 100, keep: 2 });
    for (let i = 0; i < 30; i++) log.write(`line ${i} ${'x'.repeat(10)}\n`);
    log.write('partial ');
    log.write('end');
    log.close();
    expect(existsSync(join(dir, 'd.log.1'))).toBe(true);
    expect(existsSync(join(dir, 'd.log.2'))).toBe(true);
    expect(existsSync(join(dir, 'd.log.3'))).toBe(false);
    expect(readFileSync(join(dir, 'd.log'), 'utf8').length).toBeLessThanOrEqual(100);
    expect(log.tail(2)).toEqual(['line 29 xxxxxxxxxx', 'partial end']);
    log.resetMemory();
    expect(log.tail()).toEqual([]);
  });
});

describe('RotatingLog with a process appending to the file (real child process)', () => {
  it('reads back what the child writes, in order with its own lines, and the file outlives the reader', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-log-'));
    dirs.push(dir);
    const file = join(dir, 'engine.log');
    const log = new RotatingLog(file);
    const seen: string[] = [];
    log.onLine((l) => seen.push(l));
    log.follow();
    log.write('before\n');
    const fd = log.appendFd();
    const child = spawn('sh', ['-c', 'echo one; echo two >&2; sleep 0.2; echo three'], { stdio: ['ignore', fd, fd] });
    closeSync(fd);
    await new Promise((r) => child.once('exit', r));
    for (let i = 0; i < 50 && seen.length < 4; i++) await new Promise((r) => setTimeout(r, 20));
    log.write('after\n');
    expect(seen).toEqual(['before', 'one', 'two', 'three', 'after']);
    log.close();
    expect(readFileSync(file, 'utf8')).toBe('before\none\ntwo\nthree\nafter\n');
    // A new reader starts at the end: earlier runs' lines are in the file, not in its memory.
    expect(new RotatingLog(file).tail()).toEqual([]);
  });
});
