import { describe, expect, it } from 'vitest';
import { isMacPlatform, leaveChord, splitInput, terminalKeyAction, type KeyLike } from './keys';

const k = (key: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  type: 'keydown',
  key,
  ctrlKey: false,
  shiftKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

describe('terminalKeyAction', () => {
  it('uses Ctrl+Shift on Linux and Windows', () => {
    expect(terminalKeyAction(k('C', { ctrlKey: true, shiftKey: true }), false)).toBe('copy');
    expect(terminalKeyAction(k('V', { ctrlKey: true, shiftKey: true }), false)).toBe('paste');
    expect(terminalKeyAction(k('F', { ctrlKey: true, shiftKey: true }), false)).toBe('find');
    // plain Ctrl+C is an interrupt for the shell
    expect(terminalKeyAction(k('c', { ctrlKey: true }), false)).toBeNull();
  });
  it('uses Cmd on macOS', () => {
    expect(terminalKeyAction(k('c', { metaKey: true }), true)).toBe('copy');
    expect(terminalKeyAction(k('v', { metaKey: true }), true)).toBe('paste');
    expect(terminalKeyAction(k('c', { ctrlKey: true }), true)).toBeNull();
  });
  it('leaves the terminal on Ctrl+Shift+E (Cmd+Shift+E on macOS); Tab, Shift+Tab, Escape and Ctrl+E reach the shell', () => {
    expect(terminalKeyAction(k('E', { ctrlKey: true, shiftKey: true }), false)).toBe('leave');
    expect(terminalKeyAction(k('E', { metaKey: true, shiftKey: true }), true)).toBe('leave');
    expect(terminalKeyAction(k('e', { ctrlKey: true }), false)).toBeNull();
    expect(terminalKeyAction(k('e', { metaKey: true }), true)).toBeNull();
    expect(terminalKeyAction(k('Tab'), false)).toBeNull();
    expect(terminalKeyAction(k('Tab', { shiftKey: true }), false)).toBeNull();
    expect(terminalKeyAction(k('Escape'), false)).toBeNull();
    expect(leaveChord(false)).toBe('Ctrl+Shift+E');
    expect(leaveChord(true)).toBe('Cmd+Shift+E');
  });

  it('ignores key-up and Alt chords', () => {
    expect(terminalKeyAction({ ...k('c', { metaKey: true }), type: 'keyup' }, true)).toBeNull();
    expect(terminalKeyAction(k('c', { metaKey: true, altKey: true }), true)).toBeNull();
  });
  it('detects macOS', () => {
    expect(isMacPlatform('MacIntel')).toBe(true);
    expect(isMacPlatform('Linux x86_64')).toBe(false);
  });
});

describe('splitInput', () => {
  it('keeps short input whole and splits long input', () => {
    expect(splitInput('ls\r')).toEqual(['ls\r']);
    const long = 'x'.repeat(40_000);
    const parts = splitInput(long);
    expect(parts.join('')).toBe(long);
    expect(parts.every((p) => p.length <= 16 * 1024)).toBe(true);
  });
  it('does not split surrogate pairs', () => {
    const s = 'a' + '😀'.repeat(10);
    const parts = splitInput(s, 4);
    expect(parts.join('')).toBe(s);
    for (const p of parts) expect(/[\ud800-\udbff]$/.test(p)).toBe(false);
  });
});
