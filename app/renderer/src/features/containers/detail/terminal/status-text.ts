// Words a terminal's toolbar shares (a container's Terminal tab, a pod's): the shells to choose and
// the status line of a session.
import type { SessionState } from './session';

export const SHELLS = [
  { value: '', label: 'Auto (bash, else sh)' },
  { value: '/bin/bash', label: 'bash' },
  { value: '/bin/sh', label: 'sh' },
  { value: '/bin/ash', label: 'ash' },
  { value: '/bin/zsh', label: 'zsh' },
  // Distroless debug images have no /bin: their shell is busybox's.
  { value: '/busybox/sh', label: 'busybox sh' },
];

export function statusText(s: SessionState): string {
  switch (s.status) {
    case 'connecting':
      return 'Connecting…';
    case 'open':
      return s.shell ? `Connected (${s.shell})` : 'Connected';
    case 'ended':
      return s.exitCode === undefined || s.exitCode === null
        ? 'Session ended.'
        : `Session ended with exit code ${s.exitCode}.`;
    case 'error':
      return s.error ?? 'The session failed.';
  }
}
