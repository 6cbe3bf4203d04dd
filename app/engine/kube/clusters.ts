// The user's clusters: the contexts of the kubeconfig (read as kubectl reads it), which one Berth is
// looking at, and whether each answers. Switching context is Berth's own choice and changes no file
// unless the caller asks to persist it, which writes current-context where kubectl would.
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeContextDto, KubeContextsDto, KubeReachDto } from '../../shared/contract/areas/kube';
import { BerthError } from '../../shared/errors';
import {
  configFor,
  loadKubeconfig,
  writeCurrentContext,
  type KubeconfigSource,
  type LoadedKubeconfig,
} from './kubeconfig';
import { kubeJson, serverOf } from './request';

/** The contract's shapes, returned as they are (no twins). */
export type KubeContextInfo = KubeContextDto;
export type KubeContexts = KubeContextsDto;
export type KubeReach = KubeReachDto;

export class KubeClusters {
  private loaded: LoadedKubeconfig | undefined;
  private loadedKey = '';
  private active = '';
  private readonly configs = new Map<string, KubeConfig>();

  constructor(private readonly source: KubeconfigSource) {}

  private load(): LoadedKubeconfig {
    const loaded = loadKubeconfig(this.source);
    const key = JSON.stringify([loaded.clusters, loaded.users, loaded.contexts]);
    if (key !== this.loadedKey) this.configs.clear();
    this.loaded = loaded;
    this.loadedKey = key;
    if (!loaded.contexts.some((c) => c.name === this.active)) {
      this.active = loaded.contexts.some((c) => c.name === loaded.currentContext)
        ? loaded.currentContext
        : (loaded.contexts[0]?.name ?? '');
    }
    return loaded;
  }

  contexts(): KubeContexts {
    const loaded = this.load();
    return {
      files: loaded.files,
      fileCurrent: loaded.currentContext,
      active: this.active,
      contexts: loaded.contexts.map((c) => ({
        name: c.name,
        cluster: c.cluster,
        user: c.user,
        namespace: c.namespace ?? '',
        server: loaded.clusters.find((k) => k.name === c.cluster)?.server ?? '',
      })),
    };
  }

  /** Shows `name`; with persist, also makes it the kubeconfig's current context. */
  async use(name: string, persist = false): Promise<KubeContexts> {
    const loaded = this.load();
    if (!loaded.contexts.some((c) => c.name === name)) configFor(loaded, name); // throws the sentence
    this.active = name;
    if (persist) await writeCurrentContext(this.source, name);
    return this.contexts();
  }

  /** The client-node config of a context (the active one by default); one per context, so credentials are cached. */
  config(context?: string): KubeConfig {
    const loaded = this.loaded ?? this.load();
    const name = context ?? this.active;
    if (!name) {
      throw new BerthError({
        kind: 'not-found',
        message: `Your kubeconfig has no contexts (${loaded.files.join(', ') || 'no kubeconfig file found; set KUBECONFIG or create ~/.kube/config'}). Add a cluster with your cluster's tools (for example kind, minikube or your cloud's CLI).`,
      });
    }
    let kc = this.configs.get(name);
    if (!kc) {
      kc = configFor(loaded, name);
      this.configs.set(name, kc);
    }
    return kc;
  }

  /** The default namespace of a context. */
  namespaceOf(context?: string): string {
    const name = context ?? this.active;
    return this.loaded?.contexts.find((c) => c.name === name)?.namespace || 'default';
  }

  /** Whether a context's API server answers with these credentials; the reason as a sentence when not. */
  async reach(context: string, timeoutMs = 5000): Promise<KubeReach> {
    this.load();
    try {
      const kc = this.config(context);
      serverOf(kc);
      const v = await kubeJson<{ gitVersion?: string }>(kc, { path: '/version', timeoutMs });
      return { context, reachable: true, version: v.gitVersion ?? '' };
    } catch (e) {
      const err = e instanceof BerthError ? e : new BerthError({ kind: 'internal', message: String(e) });
      return { context, reachable: false, message: err.message, kind: err.kind };
    }
  }
}
