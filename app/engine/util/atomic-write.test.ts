import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../harness/temp-dirs';
import { writeFileAtomically, writeJsonAtomically } from './atomic-write';

const temp = tempDirs('berth-atomic-');

describe('writeJsonAtomically', () => {
  it('writes JSON with a final newline, user-only, making the folder (0700)', () => {
    const dir = join(temp(), 'config', 'berth');
    const file = join(dir, 'settings.json');
    writeJsonAtomically(file, { theme: 'dark' });
    expect(readFileSync(file, 'utf8')).toBe('{\n  "theme": "dark"\n}\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('takes the indentation and mode asked for (tabs like the docker CLI, one line for a journal)', () => {
    const dir = temp();
    writeJsonAtomically(join(dir, 'config.json'), { auths: {} }, { indent: '\t', mode: 0o644 });
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe('{\n\t"auths": {}\n}\n');
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o644);
    writeJsonAtomically(join(dir, 'tasks.json'), { tasks: [1] }, { indent: 0 });
    expect(readFileSync(join(dir, 'tasks.json'), 'utf8')).toBe('{"tasks":[1]}\n');
  });

  it('replaces the old file whole', () => {
    const dir = temp();
    const file = join(dir, 'a.json');
    writeFileSync(file, 'x'.repeat(10_000));
    writeJsonAtomically(file, [1, 2]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([1, 2]);
  });
});

describe('writeFileAtomically', () => {
  it('leaves the old file and no temporary file when the write fails', () => {
    const dir = temp();
    const file = join(dir, 'target');
    mkdirSync(file); // a folder where the file should go: the rename fails
    expect(() => writeFileAtomically(file, 'new')).toThrow();
    expect(readdirSync(dir)).toEqual(['target']);
    expect(statSync(file).isDirectory()).toBe(true);
  });
});
