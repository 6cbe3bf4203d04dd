// @vitest-environment happy-dom
// The port-forward dialog and list over a scripted client: the remote port picked from what the
// object declares (or typed for a pod that declares none), the local port checked before anything
// is sent, the 127.0.0.1-only sentence, a refusal at its field, Cancel while starting cancels the
// start; the live list with its link, the pod a service's forward reaches now, and Stop.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KubeForwardPort, KubePortForwardDto } from '../../../../shared/contract/areas/kube-port-forward';
import { PortForwardDialog } from './PortForwardDialog';
import { PortForwardList } from './PortForwardList';
import { ok, setUp } from './test-support';

afterEach(cleanup);

const forward: KubePortForwardDto = {
  id: 'pf-1',
  context: 'kind-dev',
  namespace: 'shop',
  kind: 'service',
  name: 'web',
  remotePort: 80,
  pod: 'web-1',
  podPort: 8080,
  host: '127.0.0.1',
  localPort: 41234,
  open: 1,
  accepted: 3,
};

function dialog(
  kind: 'pod' | 'service' | 'deployment',
  ports: KubeForwardPort[],
  start: (args: Record<string, unknown>) => unknown,
) {
  const onClose = vi.fn();
  const t = setUp((m, a) => {
    if (m === 'kube.portForward.ports') return ports;
    if (m === 'kube.portForward.start') return start(a);
    return ok(m);
  });
  t.show(<PortForwardDialog context="kind-dev" kind={kind} namespace="shop" name="web" onClose={onClose} />);
  return { ...t, onClose };
}

describe('Port forward dialog', () => {
  it("offers the service's ports, checks the local port, says it listens on 127.0.0.1 only, and starts", async () => {
    const { calls, onClose } = dialog(
      'service',
      [
        { port: 80, name: 'web', label: 'web 80 → http/TCP' },
        { port: 443, name: 'tls', label: 'tls 443 → 8443/TCP' },
      ],
      () => forward,
    );
    const d = screen.getByRole('dialog', { name: 'Port forward service web' });
    const remote = await within(d).findByRole('combobox', { name: 'Remote port' });
    expect(
      within(remote)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['web 80 → http/TCP', 'tls 443 → 8443/TCP']);
    expect(d.textContent).toContain('Berth listens on 127.0.0.1 only');
    const local = within(d).getByRole('textbox', { name: 'Local port' });
    const startButton = within(d).getByRole('button', { name: 'Start forwarding' });
    await userEvent.type(local, '70000');
    expect(within(d).getByRole('alert').textContent).toBe('The local port is a whole number from 1 to 65535.');
    expect(startButton).toHaveProperty('disabled', true);
    await userEvent.clear(local);
    await userEvent.selectOptions(remote, '443');
    await userEvent.click(startButton);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(calls.find((c) => c.method === 'kube.portForward.start')?.args).toEqual({
      context: 'kind-dev',
      namespace: 'shop',
      kind: 'service',
      name: 'web',
      remotePort: 443,
      localPort: 0,
    });
  });

  it('takes a typed port for a pod that declares none, and shows a refusal at the local port', async () => {
    const { calls, onClose } = dialog('pod', [], () => {
      throw Object.assign(new Error('Port 8080 on 127.0.0.1 is already in use by another program.'), {
        field: 'localPort',
      });
    });
    const d = screen.getByRole('dialog', { name: 'Port forward pod web' });
    const remote = await within(d).findByRole('textbox', { name: 'Remote port' });
    const startButton = within(d).getByRole('button', { name: 'Start forwarding' });
    expect(startButton).toHaveProperty('disabled', true);
    await userEvent.type(remote, '9090');
    await userEvent.type(within(d).getByRole('textbox', { name: 'Local port' }), '8080');
    await userEvent.click(startButton);
    const field = await within(d).findByRole('alert');
    expect(field.textContent).toBe('Port 8080 on 127.0.0.1 is already in use by another program.');
    expect(field.id).toMatch(/-local-error$/);
    expect(calls.find((c) => c.method === 'kube.portForward.start')?.args).toMatchObject({
      kind: 'pod',
      remotePort: 9090,
      localPort: 8080,
    });
    expect(onClose).not.toHaveBeenCalled();
  });
});

describe('Port forward dialog for a deployment', () => {
  it("offers the pods' container ports (or another) and starts a deployment forward, listed with the pod it reaches", async () => {
    const { calls, onClose } = dialog(
      'deployment',
      [{ port: 8080, name: 'http', label: 'http 8080/TCP (container main)' }],
      () => ({ ...forward, kind: 'deployment', remotePort: 8080 }),
    );
    const d = screen.getByRole('dialog', { name: 'Port forward deployment web' });
    const remote = await within(d).findByRole('combobox', { name: 'Remote port' });
    expect(
      within(remote)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['http 8080/TCP (container main)', 'Another port…']);
    await userEvent.click(within(d).getByRole('button', { name: 'Start forwarding' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(calls.find((c) => c.method === 'kube.portForward.start')?.args).toMatchObject({
      kind: 'deployment',
      remotePort: 8080,
    });
  });
});

describe('Port forward dialog while starting', () => {
  it('Cancel while the forward is starting cancels the start request and closes', async () => {
    const { calls, onClose } = dialog('service', [{ port: 80, name: 'web', label: 'web 80 → http/TCP' }], () => {
      return new Promise(() => undefined); // the cluster has not answered yet
    });
    const d = screen.getByRole('dialog', { name: 'Port forward service web' });
    await within(d).findByRole('combobox', { name: 'Remote port' });
    await userEvent.click(within(d).getByRole('button', { name: 'Start forwarding' }));
    await within(d).findByRole('button', { name: 'Starting…' });
    const startCall = calls.find((c) => c.method === 'kube.portForward.start');
    expect(startCall?.signal?.aborted).toBe(false);
    await userEvent.click(within(d).getByRole('button', { name: 'Cancel' }));
    expect(startCall?.signal?.aborted).toBe(true);
    expect(onClose).toHaveBeenCalledTimes(1);
    // The cluster had started it as the cancel went out: the forward the late answer names is stopped.
    startCall?.onLateResult?.(forward);
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'kube.portForward.stop')?.args).toEqual({ id: forward.id }),
    );
  });
});

describe('Port forwards list', () => {
  it('lists live forwards with the address as a link and stops one', async () => {
    const t = setUp((m) => (m === 'kube.portForward.stop' ? undefined : ok(m)));
    t.show(<PortForwardList />);
    await waitFor(() => expect(t.live('kube.portForwards')).toHaveLength(1));
    expect(screen.queryByRole('table', { name: 'Port forwards' })).toBeNull();
    t.live('kube.portForwards')[0]!.push([[forward]]);
    const table = await screen.findByRole('table', { name: 'Port forwards' });
    const row = within(table).getByRole('row', { name: '127.0.0.1:41234 to service web:80' });
    expect(within(row).getByRole('link', { name: 'Open http://127.0.0.1:41234' }).getAttribute('href')).toBe(
      'http://127.0.0.1:41234',
    );
    expect(row.textContent).toContain('→ pod web-1:8080');
    expect(row.textContent).toContain('1 open, 3 in all');
    // The service's pod was replaced: the same row says which pod its connections reach now.
    t.live('kube.portForwards')[0]!.push([[{ ...forward, pod: 'web-7d9c-abc', accepted: 4 }]]);
    await waitFor(() => expect(row.textContent).toContain('→ pod web-7d9c-abc:8080'));
    expect(row.textContent).not.toContain('web-1');
    t.live('kube.portForwards')[0]!.push([
      [{ ...forward, lastError: { message: 'Nothing in pod web-1 listens on port 8080.', at: '' } }],
    ]);
    await waitFor(() => expect(row.textContent).toContain('Nothing in pod web-1 listens on port 8080.'));
    await userEvent.click(within(row).getByRole('button', { name: 'Stop forward 127.0.0.1:41234' }));
    await waitFor(() => expect(t.calls.some((c) => c.method === 'kube.portForward.stop')).toBe(true));
    expect(t.calls.find((c) => c.method === 'kube.portForward.stop')?.args).toEqual({ id: 'pf-1' });
    t.live('kube.portForwards')[0]!.push([[]]);
    await waitFor(() => expect(screen.queryByRole('table', { name: 'Port forwards' })).toBeNull());
  });

  it("a deployment's forward shows the pod it reaches now", async () => {
    const t = setUp((m) => ok(m));
    t.show(<PortForwardList />);
    await waitFor(() => expect(t.live('kube.portForwards')).toHaveLength(1));
    t.live('kube.portForwards')[0]!.push([[{ ...forward, kind: 'deployment', remotePort: 8080, pod: 'web-7d9c-abc' }]]);
    const row = await screen.findByRole('row', { name: '127.0.0.1:41234 to deployment web:8080' });
    expect(row.textContent).toContain('→ pod web-7d9c-abc:8080');
  });
});
