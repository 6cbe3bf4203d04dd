// @vitest-environment happy-dom
// The Terminal tab's debug shell entry: the button opens a "Debug" session that subscribes to
// containers.debug (not containers.exec), and a shell-less container's failed terminal offers one.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../../../../shared/contract';
import { renderWithClient } from '../../../../test/scripted-client';
import { TerminalTab } from './TerminalTab';
import { closeAllTerminals } from './terminal-store';

afterEach(() => {
  closeAllTerminals();
  cleanup();
});

const container = (state: ContainerSummary['state']): ContainerSummary => ({
  id: 'c0ffee',
  name: 'distroless-app',
  image: 'app:1',
  imageId: 'sha256:1',
  command: '/app',
  created: 1,
  state,
  status: state === 'running' ? 'Up 1 minute' : 'Exited (0)',
  ports: [],
  labels: {},
  networks: [],
  mounts: [],
});

describe('TerminalTab debug shell', () => {
  it('opens a debug session that subscribes to containers.debug for the container', async () => {
    const r = renderWithClient(<TerminalTab container={container('running')} />);
    r.reply('settings.get', { settings: { terminalShell: 'auto' } });
    const before = r.subs.length;
    await act(async () => {
      fireEvent.click(await screen.findByRole('button', { name: 'Debug shell' }));
    });
    const tabs = screen.getByRole('tablist', { name: 'Terminal sessions' });
    expect((await within(tabs).findByRole('tab', { name: /^Debug \d+$/ })).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('button', { name: /^Close debug shell \d+$/ })).toBeTruthy();
    const debugSubs = r.subs.slice(before).filter((f) => f.topic === 'containers.debug');
    expect(debugSubs).toHaveLength(1);
    expect(debugSubs[0]!.args).toMatchObject({ id: 'c0ffee' });
  });

  it('cannot open a debug shell while the container is stopped', () => {
    const r = renderWithClient(<TerminalTab container={container('exited')} />);
    r.reply('settings.get', { settings: { terminalShell: 'auto' } });
    expect((screen.getByRole('button', { name: 'Debug shell' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
