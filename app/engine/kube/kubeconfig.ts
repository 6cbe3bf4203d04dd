// Reads the user's kubeconfig the way kubectl (client-go's clientcmd) does: the files named by
// KUBECONFIG in order (missing files skipped, repeats once), else ~/.kube/config; for clusters, users
// and contexts the first file to define a name wins, and so does the first file to set current-context.
// Paths inside a file are relative to that file. Nothing here writes, except writeCurrentContext.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import type { Cluster, Context, KubeConfig, User } from '@kubernetes/client-node';
import { BerthError } from '../../shared/errors';
import { writeFileAtomically } from '../util/atomic-write';
import { yaml } from '../util/yaml';
import { clientNode } from './client-node';

export interface KubeconfigSource {
  /** The KUBECONFIG value (a path list); absent or empty means ~/.kube/config. */
  kubeconfig?: string | undefined;
  home?: string;
}

export interface LoadedKubeconfig {
  /** The files that were read, in precedence order. */
  files: string[];
  clusters: Cluster[];
  users: User[];
  contexts: Context[];
  /** The current context as the files say ('' when none sets it). */
  currentContext: string;
}

/** The files kubectl would consider, in order (existing or not). */
export function kubeconfigPrecedence(src: KubeconfigSource): string[] {
  const list = (src.kubeconfig ?? '').split(path.delimiter).filter((f) => f !== '');
  if (list.length === 0) return [path.join(src.home ?? os.homedir(), '.kube', 'config')];
  return [...new Set(list.map((f) => path.resolve(f)))];
}

function parseFile(file: string): KubeConfig {
  const { KubeConfig } = clientNode();
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(file);
  } catch (e) {
    throw new BerthError({
      kind: 'invalid',
      message: `Berth could not read the kubeconfig ${file}: it is not a valid kubeconfig. Fix the file (kubectl config view shows the same error) and reload.`,
      detail: e instanceof Error ? e.message : String(e),
    });
  }
  return kc;
}

export function loadKubeconfig(src: KubeconfigSource): LoadedKubeconfig {
  const files = kubeconfigPrecedence(src).filter((f) => existsSync(f));
  const out: LoadedKubeconfig = { files, clusters: [], users: [], contexts: [], currentContext: '' };
  const firstWins = <T extends { name: string }>(into: T[], from: T[]) => {
    for (const item of from) if (item.name && !into.some((i) => i.name === item.name)) into.push(item);
  };
  for (const file of files) {
    // An empty file is allowed (kubectl treats it as an empty config).
    if (readFileSync(file, 'utf8').trim() === '') continue;
    const kc = parseFile(file);
    firstWins(out.clusters, kc.clusters);
    firstWins(out.users, kc.users);
    firstWins(out.contexts, kc.contexts);
    if (!out.currentContext && kc.currentContext) out.currentContext = kc.currentContext;
  }
  return out;
}

/** A client-node config for one context of the loaded files (no file is touched). */
export function configFor(loaded: LoadedKubeconfig, context: string): KubeConfig {
  const ctx = loaded.contexts.find((c) => c.name === context);
  if (!ctx) {
    throw new BerthError({
      kind: 'not-found',
      message: `There is no context named “${context}” in your kubeconfig (${loaded.files.join(', ') || 'no file'}). Choose one of the contexts listed.`,
    });
  }
  const { KubeConfig } = clientNode();
  const kc = new KubeConfig();
  kc.loadFromOptions({
    // kubectl talks plain HTTP to an http:// server; client-node refuses unless skipTLSVerify is set,
    // which means nothing for HTTP, so it is set for those clusters only.
    clusters: loaded.clusters.map((c) => (c.server.startsWith('http:') ? { ...c, skipTLSVerify: true } : c)),
    users: loaded.users,
    contexts: loaded.contexts,
    currentContext: context,
  });
  return kc;
}

/**
 * Makes `context` the current context in the file `kubectl config use-context` writes: the first
 * existing file of the list (which then wins over later files), else the last one named. Only that one
 * key changes; comments and everything else in the file stay as they were (kubectl rewrites the file).
 */
export async function writeCurrentContext(src: KubeconfigSource, context: string): Promise<string> {
  const order = kubeconfigPrecedence(src);
  const target = order.find((f) => existsSync(f)) ?? order[order.length - 1];
  if (!target) throw new BerthError({ kind: 'not-found', message: 'There is no kubeconfig file to write to.' });
  const text = existsSync(target) ? await readFile(target, 'utf8') : '';
  const doc = yaml().parseDocument(text === '' ? 'apiVersion: v1\nkind: Config\n' : text);
  doc.set('current-context', context);
  const mode = existsSync(target) ? statSync(target).mode & 0o777 : 0o600;
  writeFileAtomically(target, doc.toString(), { mode });
  return target;
}
