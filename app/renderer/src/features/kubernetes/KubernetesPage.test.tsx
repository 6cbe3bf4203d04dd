// @vitest-environment happy-dom
// The Kubernetes page over a scripted client (the contract is all the renderer knows; the engine side
// is tested against the fake API server): contexts, reachability, namespace picker, watched tables
// named by their objects, delete with confirmation and the RBAC sentence, scale, and unsubscribing.
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KubeDeployment } from '../../../../shared/contract/areas/kube';
import { CallError } from '../../api/client';
import { KubernetesPage } from './KubernetesPage';
import {
  argsOf,
  contexts,
  inShop,
  listed,
  ok,
  pod,
  setUp as setUpClient,
  unreachable,
  withLayoutHeight,
} from './test-support';

afterEach(cleanup);

withLayoutHeight();

function setUp(answer: (method: string, args: Record<string, unknown>) => unknown) {
  const t = setUpClient(answer);
  return { ...t, view: (rest: string[] = []) => t.show(<KubernetesPage rest={rest} />) };
}

describe('KubernetesPage', () => {
  it('says where it looked when the kubeconfig has no context', async () => {
    const { view } = setUp((m) =>
      m === 'kube.contexts' ? { files: [], contexts: [], fileCurrent: '', active: '' } : undefined,
    );
    view();
    expect(await screen.findByRole('heading', { name: 'No Kubernetes clusters' })).toBeTruthy();
    expect(screen.getByText(/KUBECONFIG, else ~\/.kube\/config/)).toBeTruthy();
  });

  it('shows watched pods in a table named by pod, in the context’s namespace, and follows changes', async () => {
    const { view, live } = setUp(ok);
    const page = view();
    await waitFor(() => expect(live('pods')).toHaveLength(1));
    expect(live('pods')[0]!.args).toEqual({ resource: 'pods', context: 'kind-dev', namespace: 'shop' });
    live('pods')[0]!.push(listed(pod('web-1', { restarts: 3 })));
    const table = await screen.findByRole('table', { name: 'Pods' });
    const row = within(table).getByRole('row', { name: /web-1/ });
    expect(row.textContent).toContain('Running');
    expect(row.textContent).toContain('1/1');
    expect(row.textContent).toContain('ReplicaSet web-abc');
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Connected · Kubernetes v1.31.0');
    live('pods')[0]!.push([{ type: 'upsert', item: pod('web-2', { phase: 'Pending', readyContainers: 0 }) }]);
    expect(within(table).getByRole('row', { name: /web-2/ }).textContent).toContain('0/1');
    live('pods')[0]!.push([{ type: 'delete', namespace: 'shop', name: 'web-1' }]);
    expect(within(table).queryByRole('row', { name: /web-1/ })).toBeNull();

    // All namespaces: a new watch without a namespace; the old one is closed.
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Namespace' }), 'All namespaces');
    await waitFor(() => expect(live('pods')).toHaveLength(1));
    expect(live('pods')[0]!.args).toEqual({ resource: 'pods', context: 'kind-dev' });
    page.unmount();
    expect(live('pods')).toHaveLength(0);
  });

  it('closes its watches while the window is hidden, asks nothing then, and watches again when shown', async () => {
    const shown = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState');
    let state: DocumentVisibilityState = 'visible';
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    const turn = (to: DocumentVisibilityState) =>
      act(() => {
        state = to;
        document.dispatchEvent(new Event('visibilitychange'));
      });
    try {
      const { view, live, calls, subs } = setUp(ok);
      view(['services']);
      await waitFor(() => expect(live('services')).toHaveLength(1));
      expect(live('endpoints')).toHaveLength(1);
      // The page's one-off reads (contexts, reach, namespaces) are done.
      await waitFor(() => expect(calls.map((c) => c.method)).toContain('kube.namespaces'));
      turn('hidden');
      expect(live('services')).toHaveLength(0);
      expect(live('endpoints')).toHaveLength(0);
      const asked = calls.length;
      const opened = subs.length;
      // A minute hidden: no request and no subscription (any polling would have fired by then).
      vi.useFakeTimers();
      try {
        await act(async () => {
          await vi.advanceTimersByTimeAsync(60_000);
        });
      } finally {
        vi.useRealTimers();
      }
      expect(calls.slice(asked).map((c) => c.method)).toEqual([]);
      expect(subs.length).toBe(opened);
      turn('visible');
      await waitFor(() => expect(live('services')).toHaveLength(1));
      expect(live('endpoints')).toHaveLength(1);
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
      if (shown) expect(document.visibilityState).toBe('visible');
    }
  });

  it('switches context without writing the kubeconfig, and writes it only when asked', async () => {
    const { view, calls } = setUp((m, a) =>
      m === 'kube.useContext' ? { ...contexts, active: a.name, fileCurrent: a.persist ? a.name : 'kind-dev' } : ok(m),
    );
    view();
    const picker = await screen.findByRole('combobox', { name: 'Context' });
    await userEvent.selectOptions(picker, 'prod');
    await waitFor(() => expect(argsOf(calls, 'kube.useContext')).toEqual({ name: 'prod', persist: false }));
    await userEvent.click(await screen.findByRole('button', { name: 'Make current in kubeconfig' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'kube.useContext')[1]?.args).toEqual({ name: 'prod', persist: true }),
    );
  });

  it('shows why a context does not answer instead of the lists', async () => {
    const { view, live } = setUp((m) =>
      m === 'kube.reach'
        ? unreachable(
            'Berth could not reach the API server at https://127.0.0.1:6443: nothing is listening there (connection refused).',
          )
        : ok(m),
    );
    view();
    expect((await screen.findByRole('alert')).textContent).toContain('nothing is listening there');
    expect(live('pods')).toHaveLength(0);
  });

  it('deletes a pod only once confirmed, and shows the RBAC refusal in the dialog', async () => {
    const { view, live, calls } = setUp((m) => {
      if (m === 'kube.delete')
        throw new CallError({
          kind: 'unauthorized',
          message: 'Kubernetes refused this: pods "web-1" is forbidden: User "jane" cannot delete resource "pods".',
        });
      return ok(m);
    });
    view();
    await waitFor(() => expect(live('pods')).toHaveLength(1));
    live('pods')[0]!.push(listed(pod('web-1')));
    const row = await screen.findByRole('row', { name: /web-1/ });
    await userEvent.click(within(row).getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete pod web-1?' });
    expect(calls.some((c) => c.method === 'kube.delete')).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'User "jane" cannot delete resource "pods"',
    );
    expect(argsOf(calls, 'kube.delete')).toEqual(inShop('pods', 'web-1'));
  });

  it('scales a deployment, refusing a negative count before asking', async () => {
    const { view, live, calls } = setUp((m, a) => (m === 'kube.scale' ? { replicas: a.replicas } : ok(m)));
    view(['deployments']);
    await waitFor(() => expect(live('deployments')).toHaveLength(1));
    const dep: KubeDeployment = {
      namespace: 'shop',
      name: 'web',
      desired: 3,
      ready: 2,
      upToDate: 3,
      available: 2,
      created: '',
    };
    live('deployments')[0]!.push(listed(dep));
    const row = await screen.findByRole('row', { name: /web/ });
    expect(row.textContent).toContain('2/3');
    await userEvent.click(within(row).getByRole('button', { name: 'Scale' }));
    const dialog = await screen.findByRole('dialog', { name: 'Scale deployment web' });
    const input = within(dialog).getByRole('spinbutton', { name: 'Replicas' });
    await userEvent.clear(input);
    await userEvent.type(input, '-1');
    expect(within(dialog).getByRole('alert').textContent).toContain('whole number from 0 to 10 000');
    expect((within(dialog).getByRole('button', { name: 'Scale' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.clear(input);
    await userEvent.type(input, '5');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Scale' }));
    await waitFor(() => expect(argsOf(calls, 'kube.scale')).toEqual({ ...inShop('deployments', 'web'), replicas: 5 }));
  });
});
