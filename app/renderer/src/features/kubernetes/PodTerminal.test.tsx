// @vitest-environment happy-dom
// A pod's Terminal tab: the same xterm terminal as a container's, over kube.exec for the chosen
// container; choosing another container or closing the dialog ends the stream; a failure is shown
// as its sentence.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeDescribed } from '../../../../shared/contract/areas/kube';
import { renderWithClient } from '../../test/scripted-client';
import { KubeDetailDialog } from './KubeDetailDialog';

afterEach(cleanup);

const described: KubeDescribed = {
  kind: 'Pod',
  namespace: 'shop',
  name: 'web-1',
  yaml: 'kind: Pod\n',
  conditions: [],
  events: [],
  containers: [
    { name: 'app', image: 'app:1', ready: true, restarts: 0, state: 'Running', lastState: '' },
    { name: 'sidecar', image: 'proxy:2', ready: true, restarts: 0, state: 'Running', lastState: '' },
  ] as KubeDescribed['containers'],
};

function open(onClose = () => {}) {
  const r = renderWithClient(
    <KubeDetailDialog
      resource="pods"
      target={{ context: 'kind-dev', namespace: 'shop', name: 'web-1' }}
      onClose={onClose}
      initialTab="terminal"
    />,
  );
  r.reply('kube.describe', described);
  const execs = () => r.subs.filter((s) => s.topic === 'kube.exec');
  const unsubscribed = (id: number) => r.frames.some((f) => f.t === 'unsub' && f.id === id);
  return { r, execs, unsubscribed };
}

describe('PodTerminal', () => {
  it('opens kube.exec in the first container, shows its state, and moves to another container on choice', async () => {
    const { r, execs, unsubscribed } = open();
    expect(await screen.findByRole('group', { name: 'Terminal of pod web-1, container app' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Terminal' }).getAttribute('aria-selected')).toBe('true');
    expect(execs()).toHaveLength(1);
    const first = execs()[0]!;
    expect(first.args).toMatchObject({ context: 'kind-dev', namespace: 'shop', pod: 'web-1', container: 'app' });
    expect(first.args).not.toHaveProperty('shell');
    expect(screen.getByText('Connecting…').getAttribute('role')).toBe('status');
    act(() => r.deliver({ t: 'data', id: first.id, seq: 1, items: [{ type: 'started', shell: '' }] }));
    expect(await screen.findByText('Connected')).toBeTruthy();

    act(() => {
      fireEvent.change(screen.getByRole('combobox', { name: 'Container' }), { target: { value: 'sidecar' } });
    });
    expect(await screen.findByRole('group', { name: 'Terminal of pod web-1, container sidecar' })).toBeTruthy();
    expect(unsubscribed(first.id)).toBe(true);
    expect(execs()).toHaveLength(2);
    expect(execs()[1]!.args).toMatchObject({ container: 'sidecar' });

    act(() => {
      fireEvent.change(screen.getByRole('combobox', { name: 'Shell' }), { target: { value: '/bin/bash' } });
    });
    await screen.findByRole('group', { name: 'Terminal of pod web-1, container sidecar' });
    expect(execs()).toHaveLength(3);
    expect(execs()[2]!.args).toMatchObject({ container: 'sidecar', shell: '/bin/bash' });
    expect(unsubscribed(execs()[1]!.id)).toBe(true);
  });

  it('shows the sentence a failed terminal ends with, offers Reconnect, and closing the dialog ends the stream', async () => {
    let closed = false;
    const { r, execs, unsubscribed } = open(() => (closed = true));
    await screen.findByRole('group', { name: 'Terminal of pod web-1, container app' });
    const sentence =
      'The container app of pod web-1 has no shell at /bin/sh, so no terminal can open in it. Choose a shell it has (e.g. /bin/bash or /busybox/sh), or read its logs instead.';
    act(() => r.deliver({ t: 'end', id: execs()[0]!.id, error: { kind: 'invalid', message: sentence } }));
    expect((await screen.findByRole('alert')).textContent).toBe(sentence);
    fireEvent.click(screen.getByRole('button', { name: 'Reconnect' }));
    expect(execs()).toHaveLength(2);
    const second = execs()[1]!;
    expect(screen.queryByRole('alert')).toBeNull();
    r.unmount();
    expect(unsubscribed(second.id)).toBe(true);
    expect(closed).toBe(false);
  });
});
