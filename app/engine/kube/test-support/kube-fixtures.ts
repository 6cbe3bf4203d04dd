// Test helpers around the fake API server: a throwaway CA and server certificate (openssl), and a
// kubeconfig naming the fake with a chosen user.
import { execFileSync } from 'node:child_process';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeClusters } from '../clusters';
import { FakeKubeApiServer } from './fake-api-server';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface TestCerts {
  ca: string;
  key: string;
  cert: string;
}

/** A CA and a certificate for 127.0.0.1 signed by it, made in `dir`. */
export function makeTestCerts(dir: string, name = 'fake'): TestCerts {
  const p = (f: string) => path.join(dir, `${name}-${f}`);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  ssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    `/CN=${name}-ca`,
    '-keyout',
    p('ca.key'),
    '-out',
    p('ca.crt'),
  );
  ssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    p('server.key'),
    '-out',
    p('server.csr'),
  );
  writeFileSync(p('ext.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  ssl(
    'x509',
    '-req',
    '-in',
    p('server.csr'),
    '-CA',
    p('ca.crt'),
    '-CAkey',
    p('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    p('ext.cnf'),
    '-out',
    p('server.crt'),
  );
  return {
    ca: readFileSync(p('ca.crt'), 'utf8'),
    key: readFileSync(p('server.key'), 'utf8'),
    cert: readFileSync(p('server.crt'), 'utf8'),
  };
}

export interface FixtureContext {
  name: string;
  server: string;
  /** PEM of the CA to trust (https servers). */
  ca?: string;
  token?: string;
  exec?: { command: string; args?: string[] };
  namespace?: string;
}

/** A kubeconfig with one cluster, user and context per entry; the first is current. */
export function writeKubeconfig(file: string, contexts: FixtureContext[]): string {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': contexts[0]?.name ?? '',
    clusters: contexts.map((c) => ({
      name: c.name,
      cluster: { server: c.server, ...(c.ca ? { 'certificate-authority-data': b64(c.ca) } : {}) },
    })),
    users: contexts.map((c) => ({
      name: `${c.name}-user`,
      user: {
        ...(c.token ? { token: c.token } : {}),
        ...(c.exec
          ? {
              exec: {
                apiVersion: 'client.authentication.k8s.io/v1',
                command: c.exec.command,
                args: c.exec.args ?? [],
                interactiveMode: 'Never',
              },
            }
          : {}),
      },
    })),
    contexts: contexts.map((c) => ({
      name: c.name,
      context: { cluster: c.name, user: `${c.name}-user`, ...(c.namespace ? { namespace: c.namespace } : {}) },
    })),
  };
  writeFileSync(file, JSON.stringify(doc, null, 2)); // JSON is YAML
  return file;
}

/** A pod object as the API returns it. */
export function fakePod(
  namespace: string,
  name: string,
  opts: {
    phase?: string;
    ready?: boolean;
    restarts?: number;
    node?: string;
    ip?: string;
    owner?: string;
    containers?: string[];
    labels?: Record<string, string>;
  } = {},
) {
  const containers = opts.containers ?? ['main'];
  return {
    metadata: {
      name,
      namespace,
      ...(opts.labels ? { labels: opts.labels } : {}),
      ...(opts.owner
        ? {
            ownerReferences: [
              { kind: 'ReplicaSet', name: opts.owner, apiVersion: 'apps/v1', uid: 'u', controller: true },
            ],
          }
        : {}),
    },
    spec: {
      containers: containers.map((c) => ({ name: c, image: 'busybox' })),
      ...(opts.node ? { nodeName: opts.node } : {}),
    },
    status: {
      phase: opts.phase ?? 'Running',
      ...(opts.ip ? { podIP: opts.ip } : {}),
      containerStatuses: containers.map((c) => ({
        name: c,
        ready: opts.ready ?? true,
        restartCount: opts.restarts ?? 0,
        image: 'busybox',
        imageID: '',
        containerID: '',
      })),
    },
  };
}

export function fakeDeployment(
  namespace: string,
  name: string,
  replicas: number,
  ready = replicas,
  upToDate = replicas,
) {
  return {
    metadata: { name, namespace },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image: 'busybox' }] } },
    },
    status: { replicas, readyReplicas: ready, updatedReplicas: upToDate, availableReplicas: ready },
  };
}

/** Waits until `cond` holds, checking every 10 ms; throws after `ms`. */
export async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * A fake API server and the client-node config of a kubeconfig that names it (context "fake"),
 * written in `dir`; the server is added to `started` so the test's afterEach can close it.
 */
export async function startFakeContext(
  dir: string,
  started: FakeKubeApiServer[],
): Promise<{ fake: FakeKubeApiServer; kc: KubeConfig }> {
  const fake = await FakeKubeApiServer.start();
  started.push(fake);
  const file = writeKubeconfig(path.join(dir, 'config'), [{ name: 'fake', server: fake.url }]);
  return { fake, kc: new KubeClusters({ kubeconfig: file }).config('fake') };
}

/**
 * A deployment that rolled out one revision per image (the last is current), with the replica sets
 * its controller would keep: each owned by it, labelled with a pod-template-hash, annotated with
 * its revision and change cause. Returns the stored deployment.
 */
export function putRolledOutDeployment(fake: FakeKubeApiServer, namespace: string, name: string, images: string[]) {
  const template = (image: string) => ({
    metadata: { labels: { app: name } },
    spec: { containers: [{ name: 'main', image }] },
  });
  const d = fakeDeployment(namespace, name, 2);
  const stored = fake.put('deployments', {
    ...d,
    metadata: {
      ...d.metadata,
      generation: 3,
      annotations: { 'deployment.kubernetes.io/revision': String(images.length), team: 'shop' },
    },
    spec: { ...d.spec, template: template(images.at(-1)!) },
    status: { ...d.status, observedGeneration: 3 },
  });
  images.forEach((image, i) => {
    const hash = `h${i + 1}`;
    const t = template(image);
    fake.put('replicasets', {
      metadata: {
        name: `${name}-${hash}`,
        namespace,
        labels: { app: name, 'pod-template-hash': hash },
        annotations: {
          'deployment.kubernetes.io/revision': String(i + 1),
          'kubernetes.io/change-cause': `set image to ${image}`,
        },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'Deployment', name, uid: stored.metadata.uid, controller: true },
        ],
      },
      spec: {
        replicas: i === images.length - 1 ? 2 : 0,
        template: { ...t, metadata: { labels: { ...t.metadata.labels, 'pod-template-hash': hash } } },
      },
      status: { replicas: i === images.length - 1 ? 2 : 0 },
    });
  });
  return stored;
}
