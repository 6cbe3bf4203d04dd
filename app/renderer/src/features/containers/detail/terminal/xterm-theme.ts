// xterm colours from the app's theme variables, re-applied when the theme changes.
import type { ITheme } from '@xterm/xterm';

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback;
}

export function readXtermTheme(): ITheme {
  const s = getComputedStyle(document.documentElement);
  const v = (n: string, f: string) => cssVar(s, n, f);
  const fg = v('--fg', '#1b1f27');
  return {
    background: v('--bg-sunken', '#eceef2'),
    foreground: fg,
    cursor: v('--accent', '#2f6fed'),
    cursorAccent: v('--bg-sunken', '#eceef2'),
    selectionBackground: v('--bg-selected', '#dbe7ff'),
    selectionForeground: fg,
    black: v('--fg-faint', '#8a93a3'),
    red: v('--danger', '#c62f3a'),
    green: v('--success', '#1f8a4c'),
    yellow: v('--warning', '#b7791f'),
    blue: v('--accent', '#2f6fed'),
    magenta: v('--paused', '#7a5af5'),
    cyan: v('--accent', '#2f6fed'),
    white: fg,
    brightBlack: v('--fg-muted', '#5d6574'),
    brightRed: v('--danger', '#c62f3a'),
    brightGreen: v('--success', '#1f8a4c'),
    brightYellow: v('--warning', '#b7791f'),
    brightBlue: v('--accent', '#2f6fed'),
    brightMagenta: v('--paused', '#7a5af5'),
    brightCyan: v('--accent', '#2f6fed'),
    brightWhite: fg,
  };
}

export function readFont(): string {
  return cssVar(getComputedStyle(document.documentElement), '--mono', 'monospace');
}

export { onThemeChange } from '../common/theme';
