import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
