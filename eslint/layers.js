// The layer table of ARCHITECTURE.md as data: which layer a file belongs to, and what it may not import.
// Read by the `berth/layer-boundaries` lint rule and by its test.
import { builtinModules } from 'node:module';

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const react = ['react', 'react-dom', 'zustand', '@tanstack/react-query', '@tanstack/react-virtual', '@xterm/'];

/** Layers, most specific first. `dirs` are repo-relative prefixes. */
export const layers = [
  {
    name: 'app/main/electron',
    dirs: ['app/main/electron/'],
    forbidPackages: [...react],
    // The shell reaches the engine only through app/main (backend, paths), as ARCHITECTURE.md's table says.
    forbidDirs: ['app/renderer/', 'app/engine/'],
  },
  {
    // The API (handlers, streams and what they stand on: context, call-engine, the task journal, kube
    // access) binds the contract to the engine through its facades only: each engine part is imported
    // by its entry point (index.ts), never a module inside it. Tests and their test-support may reach
    // further (fixtures, a client of their own) and are linted as app/main.
    name: 'app/main/api',
    dirs: ['app/main/api/'],
    exceptFiles: /\.test\.tsx?$|\/test-support\//,
    forbidPackages: ['electron', ...react],
    forbidDirs: ['app/renderer/', 'app/main/electron/'],
    engineEntryPoints: ['app/engine/docker', 'app/engine/host', 'app/engine/kube'],
  },
  {
    name: 'app/main',
    dirs: ['app/main/'],
    forbidPackages: ['electron', ...react],
    forbidDirs: ['app/renderer/', 'app/main/electron/'],
  },
  {
    name: 'app/engine',
    dirs: ['app/engine/'],
    forbidPackages: ['electron', ...react],
    forbidDirs: ['app/main/', 'app/renderer/'],
  },
  {
    name: 'app/shared',
    dirs: ['app/shared/'],
    forbidPackages: ['electron', 'dockerode', 'ws', ...react],
    forbidNodeBuiltins: true,
    forbidDirs: ['app/engine/', 'app/main/', 'app/renderer/'],
  },
  {
    name: 'app/renderer',
    dirs: ['app/renderer/'],
    forbidPackages: ['electron', 'dockerode', 'ws'],
    forbidNodeBuiltins: true,
    forbidDirs: ['app/engine/', 'app/main/'],
  },
];

export function layerOf(relPath) {
  return layers.find((l) => l.dirs.some((d) => relPath.startsWith(d)) && !l.exceptFiles?.test(relPath));
}

/** For a layer with engine entry points: a sentence when `resolvedRel` is inside app/engine but no entry point. */
function deepEngineImport(layer, resolvedRel) {
  if (!layer.engineEntryPoints || !resolvedRel.startsWith('app/engine/')) return undefined;
  const path = resolvedRel.replace(/\/index(\.[jt]s)?$/, '');
  if (layer.engineEntryPoints.includes(path)) return undefined;
  const part = layer.engineEntryPoints.find((e) => path.startsWith(`${e}/`));
  return `${layer.name} must reach the engine through a facade entry point (${part ?? layer.engineEntryPoints.join(', ')}), not '${resolvedRel}': add a facade function there (see app/engine/README.md).`;
}

/** Returns a sentence if `layer` may not import `specifier` (already resolved to `resolvedRel` when relative). */
export function violation(layer, specifier, resolvedRel) {
  if (resolvedRel !== undefined) {
    const dir = layer.forbidDirs.find((d) => resolvedRel.startsWith(d) || `${resolvedRel}/` === d);
    return dir
      ? `${layer.name} must not import from ${dir.replace(/\/$/, '')} (see ARCHITECTURE.md, layers).`
      : deepEngineImport(layer, resolvedRel);
  }
  if (layer.forbidNodeBuiltins && (nodeBuiltins.has(specifier) || nodeBuiltins.has(specifier.split('/')[0]))) {
    return `${layer.name} must not import the Node builtin '${specifier}' (see ARCHITECTURE.md, layers).`;
  }
  const pkg = layer.forbidPackages.find((p) =>
    p.endsWith('/') ? specifier.startsWith(p) : specifier === p || specifier.startsWith(`${p}/`),
  );
  return pkg ? `${layer.name} must not import '${specifier}' (see ARCHITECTURE.md, layers).` : undefined;
}
