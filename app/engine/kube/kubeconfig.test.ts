// Berth reads kubeconfig as kubectl does: the same contexts, current context and servers from
// KUBECONFIG lists (first definition wins, missing files skipped), ~/.kube/config, relative paths,
// and `use-context` writes the same file. Checked against Debian's kubectl itself.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { skipUnless } from '../../../harness/skip';
import { tempDirs } from '../../../harness/temp-dirs';
import { KubeClusters } from './clusters';
import { kubeconfigPrecedence, loadKubeconfig, writeCurrentContext } from './kubeconfig';

const hasKubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const tmp = tempDirs('berth-kubeconfig-');

function kubectl(env: { KUBECONFIG?: string; HOME?: string }, ...args: string[]): string {
  return execFileSync('kubectl', args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: env.HOME ?? '/nonexistent',
      ...(env.KUBECONFIG ? { KUBECONFIG: env.KUBECONFIG } : {}),
    },
  });
}

const fileA = `# team file: a comment that must survive
apiVersion: v1
kind: Config
clusters:
- name: dev
  cluster:
    server: https://dev.example:6443
    certificate-authority: certs/dev-ca.crt
- name: shared
  cluster:
    server: https://shared-from-a.example
users:
- name: dev-user
  user:
    token: abc
- name: shared-user
  user:
    token: from-a
contexts:
- name: dev
  context: {cluster: dev, user: dev-user, namespace: team-a}
- name: shared
  context: {cluster: shared, user: shared-user}
`;

const fileB = `apiVersion: v1
kind: Config
current-context: prod
clusters:
- name: prod
  cluster:
    server: https://prod.example
- name: shared
  cluster:
    server: https://shared-from-b.example
users:
- name: prod-user
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: ./get-token
      args: [--cluster, prod]
      interactiveMode: Never
contexts:
- name: prod
  context: {cluster: prod, user: prod-user}
- name: shared
  context: {cluster: shared, user: prod-user, namespace: from-b}
`;

/** The two files, and a KUBECONFIG list naming them with a missing file between. */
function setUp() {
  const dir = tmp();
  const a = path.join(dir, 'a.yaml');
  const b = path.join(dir, 'sub', 'b.yaml');
  writeFileSync(a, fileA);
  execFileSync('mkdir', ['-p', path.dirname(b)]);
  writeFileSync(b, fileB);
  const list = [a, path.join(dir, 'missing.yaml'), b, a].join(path.delimiter);
  return { dir, a, b, list };
}

interface KubectlView {
  'current-context': string;
  clusters: { name: string; cluster: { server: string; 'certificate-authority'?: string } }[];
  contexts: { name: string; context: { cluster: string; user: string; namespace?: string } }[];
  users: { name: string }[];
}

describe.skipIf(skipUnless(hasKubectl, 'kubectl is not installed (Debian package kubernetes-client)'))(
  'kubeconfig as kubectl reads it',
  () => {
    it('merges a KUBECONFIG list the way kubectl config view does', () => {
      const { a, list } = setUp();
      const view = JSON.parse(kubectl({ KUBECONFIG: list }, 'config', 'view', '-o', 'json')) as KubectlView;
      const ours = loadKubeconfig({ kubeconfig: list });
      expect(ours.currentContext).toBe(view['current-context']);
      expect(ours.currentContext).toBe('prod');
      const byName = <T extends { name: string }>(xs: T[]) => [...xs].sort((x, y) => x.name.localeCompare(y.name));
      expect(byName(ours.clusters).map((c) => [c.name, c.server])).toEqual(
        byName(view.clusters).map((c) => [c.name, c.cluster.server]),
      );
      // The first file to define "shared" wins, for clusters and contexts alike.
      expect(ours.clusters.find((c) => c.name === 'shared')?.server).toBe('https://shared-from-a.example');
      expect(byName(ours.contexts).map((c) => [c.name, c.cluster, c.user, c.namespace ?? ''])).toEqual(
        byName(view.contexts).map((c) => [c.name, c.context.cluster, c.context.user, c.context.namespace ?? '']),
      );
      expect(byName(ours.users).map((u) => u.name)).toEqual(byName(view.users).map((u) => u.name));
      // Relative paths are relative to the file that holds them, as kubectl resolves them.
      // (kubectl config view prints the path as written.)
      const written = view.clusters.find((c) => c.name === 'dev')?.cluster['certificate-authority'] ?? '';
      expect(written).toBe('certs/dev-ca.crt');
      expect(ours.clusters.find((c) => c.name === 'dev')?.caFile).toBe(path.join(path.dirname(a), written));
    });

    it('lists the same contexts and current context as kubectl config get-contexts', () => {
      const { list } = setUp();
      const table = kubectl({ KUBECONFIG: list }, 'config', 'get-contexts')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => {
          const current = line.startsWith('*');
          const [name, cluster, user, namespace = ''] = line.slice(1).trim().split(/\s+/);
          return { name, cluster, user, namespace, current };
        })
        .sort((x, y) => (x.name ?? '').localeCompare(y.name ?? ''));
      const ours = new KubeClusters({ kubeconfig: list }).contexts();
      expect(
        ours.contexts
          .map((c) => ({
            name: c.name,
            cluster: c.cluster,
            user: c.user,
            namespace: c.namespace,
            current: c.name === ours.fileCurrent,
          }))
          .sort((x, y) => x.name.localeCompare(y.name)),
      ).toEqual(table);
    });

    it('finds the same server per context as kubectl config view --minify', () => {
      const { list } = setUp();
      const clusters = new KubeClusters({ kubeconfig: list });
      for (const c of clusters.contexts().contexts) {
        const mini = JSON.parse(
          kubectl({ KUBECONFIG: list }, 'config', 'view', '--minify', '--context', c.name, '-o', 'json'),
        ) as KubectlView;
        expect(c.server).toBe(mini.clusters[0]?.cluster.server);
        expect(clusters.config(c.name).getCurrentCluster()?.server).toBe(c.server);
      }
    });

    it('reads ~/.kube/config when KUBECONFIG is unset or empty', () => {
      const home = tmp();
      execFileSync('mkdir', ['-p', path.join(home, '.kube')]);
      writeFileSync(path.join(home, '.kube', 'config'), fileB);
      expect(kubeconfigPrecedence({ kubeconfig: '', home })).toEqual([path.join(home, '.kube', 'config')]);
      const view = JSON.parse(kubectl({ HOME: home }, 'config', 'view', '-o', 'json')) as KubectlView;
      const ours = loadKubeconfig({ home });
      expect(ours.currentContext).toBe(view['current-context']);
      expect(ours.contexts.map((c) => c.name)).toEqual(view.contexts.map((c) => c.name));
    });

    it('switching context changes no file; persisting writes the file kubectl use-context writes (the first)', async () => {
      const { dir, a, b, list } = setUp();
      const before = [readFileSync(a, 'utf8'), readFileSync(b, 'utf8')];
      const clusters = new KubeClusters({ kubeconfig: list });
      const shown = await clusters.use('dev');
      expect(shown.active).toBe('dev');
      expect(shown.fileCurrent).toBe('prod');
      expect([readFileSync(a, 'utf8'), readFileSync(b, 'utf8')]).toEqual(before);

      // kubectl on a copy, Berth on the original: the same file gains the same current-context.
      const copy = tmp();
      cpSync(dir, copy, { recursive: true });
      const copyList = list
        .split(path.delimiter)
        .map((f) => f.replace(dir, copy))
        .join(path.delimiter);
      kubectl({ KUBECONFIG: copyList }, 'config', 'use-context', 'dev');
      const written = await writeCurrentContext({ kubeconfig: list }, 'dev');
      expect(written).toBe(a);
      expect(readFileSync(path.join(copy, 'sub', 'b.yaml'), 'utf8')).toBe(fileB);
      expect(readFileSync(b, 'utf8')).toBe(fileB);
      expect(loadKubeconfig({ kubeconfig: list }).currentContext).toBe('dev');
      expect(loadKubeconfig({ kubeconfig: copyList }).currentContext).toBe('dev');
      expect(loadKubeconfig({ kubeconfig: a }).currentContext).toBe(
        loadKubeconfig({ kubeconfig: path.join(copy, 'a.yaml') }).currentContext,
      );
      // Only the one key changed in Berth's write; kubectl rewrites the file and drops its comment.
      const after = readFileSync(a, 'utf8');
      expect(after).toContain('# team file: a comment that must survive');
      expect(parse(after)).toEqual({ ...(parse(fileA) as object), 'current-context': 'dev' });
    });

    it('with no current-context anywhere, persisting writes the first existing file, keeping its comments', async () => {
      const { dir, a } = setUp();
      const list = [path.join(dir, 'none.yaml'), a].join(path.delimiter);
      const copy = tmp();
      cpSync(dir, copy, { recursive: true });
      kubectl(
        { KUBECONFIG: [path.join(copy, 'none.yaml'), path.join(copy, 'a.yaml')].join(path.delimiter) },
        'config',
        'use-context',
        'shared',
      );
      expect(await writeCurrentContext({ kubeconfig: list }, 'shared')).toBe(a);
      expect(existsSync(path.join(copy, 'none.yaml'))).toBe(false);
      expect(loadKubeconfig({ kubeconfig: a }).currentContext).toBe('shared');
      expect(loadKubeconfig({ kubeconfig: path.join(copy, 'a.yaml') }).currentContext).toBe('shared');
      expect(readFileSync(a, 'utf8')).toContain('# team file: a comment that must survive');
    });

    it('refuses a broken file with a sentence naming it, as kubectl refuses it', () => {
      const dir = tmp();
      const bad = path.join(dir, 'bad.yaml');
      writeFileSync(bad, 'clusters: [oops\n');
      expect(() => kubectl({ KUBECONFIG: bad }, 'config', 'view')).toThrow();
      expect(() => loadKubeconfig({ kubeconfig: bad })).toThrow(/could not read the kubeconfig .*bad\.yaml/);
    });

    it('says plainly when there is no context at all', () => {
      const clusters = new KubeClusters({ kubeconfig: '', home: tmp() });
      expect(clusters.contexts().contexts).toEqual([]);
      expect(() => clusters.config()).toThrow(/no contexts/);
    });
  },
);
