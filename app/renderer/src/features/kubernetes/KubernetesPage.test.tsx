// @vitest-environment happy-dom
// The Kubernetes page over a scripted client (the contract is all the renderer knows; the engine side
// is tested against the fake API server): contexts, reachability, namespace picker, watched tables
// named by their objects, delete with confirmation and the RBAC sentence, scale, and unsubscribing.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KubeContextsDto, KubeDeployment, KubePod } from '../../../../shared/contract/areas/kube';
import type { BerthClient } from '../../api/client';
import { CallError } from '../../api/client';
import { ClientContext } from '../../api/hooks';
import { KubernetesPage } from './KubernetesPage';

afterEach(cleanup);

// happy-dom lays nothing out; the virtualised table needs its scroller to have a height to show rows.
const saved = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
});
afterAll(() => {
  if (saved) Object.defineProperty(HTMLElement.prototype, 'clientHeight', saved);
  else delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
});

const contexts: KubeContextsDto = {
  files: ['/home/u/.kube/config'],
  fileCurrent: 'kind-dev',
  active: 'kind-dev',
  contexts: [
    { name: 'kind-dev', cluster: 'kind-dev', user: 'kind-dev', namespace: 'shop', server: 'https://127.0.0.1:6443' },
    { name: 'prod', cluster: 'prod', user: 'prod', namespace: '', server: 'https://prod.example' },
  ],
};

const pod = (name: string, extra: Partial<KubePod> = {}): KubePod => ({
  namespace: 'shop',
  name,
  phase: 'Running',
  readyContainers: 1,
  containers: ['app'],
  restarts: 0,
  node: 'node-1',
  ip: '10.0.0.5',
  created: new Date(Date.now() - 120_000).toISOString(),
  owner: 'ReplicaSet/web-abc',
  ...extra,
});

interface Sub {
  topic: string;
  args: Record<string, unknown>;
  push(items: unknown[]): void;
  closed: boolean;
}

function setUp(answer: (method: string, args: Record<string, unknown>) => unknown) {
  const calls: { method: string; args: Record<string, unknown> }[] = [];
  const subs: Sub[] = [];
  const client = {
    connection: 'open',
    onConnection: () => () => undefined,
    request: async (method: string, args: Record<string, unknown> = {}) => {
      calls.push({ method, args });
      return answer(method, args);
    },
    subscribe: (topic: string, args: Record<string, unknown>, cb: { onData(items: unknown[]): void }) => {
      const sub: Sub = { topic, args, closed: false, push: (items) => act(() => cb.onData(items)) };
      subs.push(sub);
      return { input: () => undefined, close: () => (sub.closed = true) };
    },
  } as unknown as BerthClient;
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  const view = (rest: string[] = []) =>
    render(
      <ClientContext.Provider value={client}>
        <QueryClientProvider client={queryClient}>
          <KubernetesPage rest={rest} />
        </QueryClientProvider>
      </ClientContext.Provider>,
    );
  const live = (topic: string) => subs.filter((s) => s.topic === topic && !s.closed);
  return { calls, subs, live, view };
}

const ok = (method: string) => {
  if (method === 'kube.contexts') return contexts;
  if (method === 'kube.reach') return { context: 'kind-dev', reachable: true, version: 'v1.31.0' };
  if (method === 'kube.namespaces') return ['default', 'shop'];
  return undefined;
};

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
    await waitFor(() => expect(live('kube.pods')).toHaveLength(1));
    expect(live('kube.pods')[0]!.args).toEqual({ context: 'kind-dev', namespace: 'shop' });
    live('kube.pods')[0]!.push([{ type: 'reset', items: [pod('web-1', { restarts: 3 })] }]);
    const table = await screen.findByRole('table', { name: 'Pods' });
    const row = within(table).getByRole('row', { name: /web-1/ });
    expect(row.textContent).toContain('Running');
    expect(row.textContent).toContain('1/1');
    expect(row.textContent).toContain('ReplicaSet web-abc');
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Connected · Kubernetes v1.31.0');
    live('kube.pods')[0]!.push([{ type: 'upsert', item: pod('web-2', { phase: 'Pending', readyContainers: 0 }) }]);
    expect(within(table).getByRole('row', { name: /web-2/ }).textContent).toContain('0/1');
    live('kube.pods')[0]!.push([{ type: 'delete', namespace: 'shop', name: 'web-1' }]);
    expect(within(table).queryByRole('row', { name: /web-1/ })).toBeNull();

    // All namespaces: a new watch without a namespace; the old one is closed.
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Namespace' }), 'All namespaces');
    await waitFor(() => expect(live('kube.pods')).toHaveLength(1));
    expect(live('kube.pods')[0]!.args).toEqual({ context: 'kind-dev' });
    page.unmount();
    expect(live('kube.pods')).toHaveLength(0);
  });

  it('switches context without writing the kubeconfig, and writes it only when asked', async () => {
    const { view, calls } = setUp((m, a) =>
      m === 'kube.useContext' ? { ...contexts, active: a.name, fileCurrent: a.persist ? a.name : 'kind-dev' } : ok(m),
    );
    view();
    const picker = await screen.findByRole('combobox', { name: 'Context' });
    await userEvent.selectOptions(picker, 'prod');
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'kube.useContext')?.args).toEqual({ name: 'prod', persist: false }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Make current in kubeconfig' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'kube.useContext')[1]?.args).toEqual({ name: 'prod', persist: true }),
    );
  });

  it('shows why a context does not answer instead of the lists', async () => {
    const { view, live } = setUp((m) =>
      m === 'kube.reach'
        ? {
            context: 'kind-dev',
            reachable: false,
            kind: 'unavailable',
            message:
              'Berth could not reach the API server at https://127.0.0.1:6443: nothing is listening there (connection refused).',
          }
        : ok(m),
    );
    view();
    expect((await screen.findByRole('alert')).textContent).toContain('nothing is listening there');
    expect(live('kube.pods')).toHaveLength(0);
  });

  it('deletes a pod only once confirmed, and shows the RBAC refusal in the dialog', async () => {
    const { view, live, calls } = setUp((m) => {
      if (m === 'kube.pods.delete')
        throw new CallError({
          kind: 'unauthorized',
          message: 'Kubernetes refused this: pods "web-1" is forbidden: User "jane" cannot delete resource "pods".',
        });
      return ok(m);
    });
    view();
    await waitFor(() => expect(live('kube.pods')).toHaveLength(1));
    live('kube.pods')[0]!.push([{ type: 'reset', items: [pod('web-1')] }]);
    const row = await screen.findByRole('row', { name: /web-1/ });
    await userEvent.click(within(row).getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete pod web-1?' });
    expect(calls.some((c) => c.method === 'kube.pods.delete')).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'User "jane" cannot delete resource "pods"',
    );
    expect(calls.find((c) => c.method === 'kube.pods.delete')?.args).toEqual({
      context: 'kind-dev',
      namespace: 'shop',
      name: 'web-1',
    } as never);
  });

  it('scales a deployment, refusing a negative count before asking', async () => {
    const { view, live, calls } = setUp((m, a) => (m === 'kube.deployments.scale' ? { replicas: a.replicas } : ok(m)));
    view(['deployments']);
    await waitFor(() => expect(live('kube.deployments')).toHaveLength(1));
    const dep: KubeDeployment = {
      namespace: 'shop',
      name: 'web',
      desired: 3,
      ready: 2,
      upToDate: 3,
      available: 2,
      created: '',
    };
    live('kube.deployments')[0]!.push([{ type: 'reset', items: [dep] }]);
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
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'kube.deployments.scale')?.args).toEqual({
        context: 'kind-dev',
        namespace: 'shop',
        name: 'web',
        replicas: 5,
      }),
    );
  });
});
