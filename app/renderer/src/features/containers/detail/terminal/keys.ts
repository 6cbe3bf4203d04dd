// Keyboard shortcuts of the terminal that must not reach the shell. Every other key does, Tab,
// Shift+Tab and Escape included; the way out by keyboard is its own chord.

export type TerminalKeyAction = 'copy' | 'paste' | 'find' | 'leave' | null;

export interface KeyLike {
  type: string;
  key: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

export function isMacPlatform(platform: string): boolean {
  return /mac|iphone|ipad/i.test(platform);
}

/** The chord that moves focus out of the terminal, as said to the user. */
export function leaveChord(mac: boolean): string {
  return mac ? 'Cmd+Shift+E' : 'Ctrl+Shift+E';
}

/** Ctrl+Shift+C/V/F on Linux and Windows, Cmd+C/V/F on macOS; Ctrl+Shift+E (Cmd+Shift+E) leaves. */
export function terminalKeyAction(e: KeyLike, mac: boolean): TerminalKeyAction {
  if (e.type !== 'keydown' || e.altKey) return null;
  const k = e.key.toLowerCase();
  const chord = mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && e.shiftKey && !e.metaKey;
  if (!chord) return null;
  if (k === 'c') return 'copy';
  if (k === 'v') return 'paste';
  if (k === 'f') return 'find';
  if (k === 'e' && e.shiftKey) return 'leave';
  return null;
}

/** Splits pasted or typed text into pieces the contract accepts (64 KB per input message). */
export function splitInput(data: string, max = 16 * 1024): string[] {
  if (data.length <= max) return [data];
  const out: string[] = [];
  for (let i = 0; i < data.length; i += max) {
    let end = Math.min(data.length, i + max);
    // never split a surrogate pair
    const code = data.charCodeAt(end - 1);
    if (end < data.length && code >= 0xd800 && code <= 0xdbff) end--;
    out.push(data.slice(i, end));
    i = end - max;
  }
  return out;
}
