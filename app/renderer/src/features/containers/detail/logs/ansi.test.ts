import { describe, expect, it } from 'vitest';
import { applySgr, color256, needsParsing, parseAnsi, stripAnsi } from './ansi';

describe('parseAnsi', () => {
  it('leaves plain text alone', () => {
    expect(parseAnsi('hello world')).toEqual({ plain: 'hello world', runs: [], end: {} });
    expect(needsParsing('hello\tworld')).toBe(false);
    expect(needsParsing('a\x1b[31mb')).toBe(true);
  });
  it('turns SGR colours into runs over the plain text', () => {
    const p = parseAnsi('ok \x1b[31mred\x1b[0m and \x1b[1;32mbold green\x1b[m.');
    expect(p.plain).toBe('ok red and bold green.');
    expect(p.runs).toEqual([
      { start: 3, end: 6, style: { fg: 'p1' } },
      { start: 11, end: 21, style: { bold: true, fg: 'p2' } },
    ]);
  });
  it('supports bright, 256 and true colours and backgrounds', () => {
    expect(applySgr({}, '91')).toEqual({ fg: 'p9' });
    expect(applySgr({}, '44')).toEqual({ bg: 'p4' });
    expect(applySgr({}, '38;5;196')).toEqual({ fg: '#ff0000' });
    expect(applySgr({}, '48;2;1;2;3')).toEqual({ bg: '#010203' });
    expect(applySgr({}, '38:2:10:20:30')).toEqual({ fg: '#0a141e' });
    expect(color256(232)).toBe('#080808');
    expect(color256(3)).toBe('p3');
  });
  it('turns attributes off one by one', () => {
    const s = applySgr(applySgr({}, '1;3;4;7;9;31;42'), '22;23;24;27;29;39;49');
    expect(s).toEqual({});
  });
  it.each([
    ['strips non-SGR escapes', '\x1b[2J\x1b[Hclear\x1b[K', 'clear'],
    ['strips OSC', '\x1b]0;title\x07after', 'after'],
    ['strips OSC hyperlinks', '\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\', 'link'],
    ['strips charset switches and control characters', '\x1b(Bbeep\x07\x00', 'beep'],
    ['strips the 8-bit CSI', 'a\x9b31mb', 'ab'],
    ['handles TTY output: a trailing CR', 'line from a tty\r', 'line from a tty'],
    ['handles TTY output: progress-bar rewrites', '10%\r50%\r100% done', '100% done'],
  ])('%s: %j', (_what, input, text) => {
    expect(stripAnsi(input)).toBe(text);
  });
  it('keeps tabs', () => {
    expect(stripAnsi('tab\there')).toBe('tab\there');
  });
  it.each(['x\x1b', 'x\x1b[', 'x\x1b]unterminated'])('never throws on the truncated sequence %j', (input) => {
    expect(stripAnsi(input)).toBe('x');
  });
  it('never throws on a truncated 256-colour SGR', () => {
    expect(stripAnsi('x\x1b[38;5m y')).toBe('x y');
  });
  it('carries a style over from the previous line', () => {
    const first = parseAnsi('\x1b[33mwarning starts');
    expect(first.end).toEqual({ fg: 'p3' });
    const next = parseAnsi('still yellow\x1b[0m plain', first.end);
    expect(next.runs).toEqual([{ start: 0, end: 12, style: { fg: 'p3' } }]);
    expect(next.end).toEqual({});
  });
  it('ignores private-mode SGR lookalikes', () => {
    expect(parseAnsi('\x1b[?25mx').runs).toEqual([]);
  });
});
