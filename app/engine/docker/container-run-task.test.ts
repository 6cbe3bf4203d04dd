import { describe, expect, it } from 'vitest';
import { LastLines, logLine } from './container-run-task';

describe('a run task log', () => {
  it('drops terminal control sequences (colours, title, cursor) and carriage returns', () => {
    expect(logLine('\x1b[1;31mred\x1b[0m plain\r')).toBe('red plain');
    expect(logLine('\x1b]0;title\x07prompt$ ')).toBe('prompt$ ');
    expect(logLine('tab\tkept')).toBe('tab\tkept');
  });

  it('cuts a very long line', () => {
    const l = logLine('x'.repeat(5000));
    expect(l).toHaveLength(2001);
    expect(l.endsWith('…')).toBe(true);
  });

  it('keeps the last lines and says once some were let go', () => {
    const log = new LastLines(3);
    for (const t of ['a', 'b', 'c']) log.push(t);
    expect(log.note()).toBe('');
    log.push('d');
    log.push('e');
    expect(log.lines).toEqual(['c', 'd', 'e']);
    expect(log.dropped).toBe(2);
    expect(log.note()).toBe(' · the last 3 lines are kept');
  });
});
