// The files of an image's layers, folded base first as the engine's overlay stacks them: each layer's
// entries are added (new), changed (a lower layer had the path) or removed (a whiteout `.wh.<name>`
// hides the path, an opaque folder `.wh..wh..opq` hides everything lower layers put in it). Bytes a
// later layer overwrites or removes are wasted: the image carries them, its file system does not.
// Pure: the archive reader (image-files.ts) hands over each layer's entries; memory is one node per path.
import {
  LAYER_FILES_MAX_ROWS,
  LAYER_FILES_TOP_WASTED,
  type FileTreeNode,
  type ImageFilesResult,
  type LayerFileChange,
  type LayerFileKind,
  type LayerFiles,
  type WastedFile,
} from '../../shared/contract/areas/image-files';

/** One entry of a layer's tar: the path relative to "/" ("etc/hosts"), no "./" and no trailing "/". */
export interface LayerRecord {
  path: string;
  kind: LayerFileKind;
  size: number;
  mode: number;
  target?: string;
}

interface Node {
  kind: LayerFileKind;
  size: number;
  mode: number;
  target?: string;
  layer: number;
  /** The row its layer listed it in: told when a later layer wastes it. */
  row?: LayerFileChange;
  children?: Map<string, Node>;
}

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

export type Classified =
  { what: 'entry' } | { what: 'whiteout'; target: string } | { what: 'opaque'; dir: string } | { what: 'meta' };

/** What a layer entry means: a file, a whiteout of `target`, an opaque marker on `dir`, or aufs metadata. */
export function classify(path: string): Classified {
  const slash = path.lastIndexOf('/');
  const dir = slash < 0 ? '' : path.slice(0, slash);
  const base = path.slice(slash + 1);
  if (base === OPAQUE) return { what: 'opaque', dir };
  // aufs keeps its own metadata under ".wh..wh.*" names (".wh..wh.plnk/…", ".wh..wh.aufs")
  if (path.split('/').some((p) => p.startsWith(`${WHITEOUT}${WHITEOUT}`))) return { what: 'meta' };
  if (base.startsWith(WHITEOUT)) return { what: 'whiteout', target: dir ? `${dir}/${base.slice(4)}` : base.slice(4) };
  return { what: 'entry' };
}

/** A tar entry's name as a layer path: "./etc/" → "etc"; "." and "" → "" (the root). */
export function layerPath(name: string): string {
  return name
    .replace(/^(\.\/)+/, '')
    .replace(/^\.$/, '')
    .replace(/\/+$/, '');
}

const isDir = (n: Node) => n.kind === 'dir';

function bytesUnder(n: Node): number {
  if (!n.children) return n.kind === 'dir' ? 0 : n.size;
  let total = 0;
  for (const c of n.children.values()) total += bytesUnder(c);
  return total;
}

class Folder {
  readonly root: Node = { kind: 'dir', size: 0, mode: 0o755, layer: 0, children: new Map() };
  readonly wastedBy: number[] = [];
  wasted = 0;
  wastedFiles = 0;
  top: WastedFile[] = [];

  find(path: string): { parent: Node; name: string; node: Node | undefined } | undefined {
    const parts = path.split('/');
    let parent = this.root;
    for (const p of parts.slice(0, -1)) {
      const next = parent.children?.get(p);
      if (!next?.children) return undefined;
      parent = next;
    }
    const name = parts.at(-1)!;
    return { parent, name, node: parent.children!.get(name) };
  }

  /** The folder holding `path`, its missing folders made (by `layer`) on the way. */
  parentOf(path: string, layer: number): { parent: Node; name: string } {
    const parts = path.split('/');
    let parent = this.root;
    for (const p of parts.slice(0, -1)) {
      let next = parent.children!.get(p);
      if (!next?.children) {
        next = { kind: 'dir', size: 0, mode: 0o755, layer, children: new Map() };
        parent.children!.set(p, next);
      }
      parent = next;
    }
    return { parent, name: parts.at(-1)! };
  }

  /** Every file under `n` (or `n` itself) is wasted: written by its layer, hidden by `by`. */
  waste(n: Node, path: string, by: number, how: WastedFile['how']): void {
    if (n.children) {
      for (const [name, c] of n.children) this.waste(c, `${path}/${name}`, by, how);
      return;
    }
    if (n.kind === 'dir' || n.size <= 0) return;
    this.wastedBy[n.layer] = (this.wastedBy[n.layer] ?? 0) + n.size;
    if (n.row) n.row.wasted = { by, how };
    this.wasted += n.size;
    this.wastedFiles++;
    const w: WastedFile = { path, size: n.size, layer: n.layer, by, how };
    if (this.top.length < LAYER_FILES_TOP_WASTED || n.size > this.top.at(-1)!.size) {
      this.top.push(w);
      this.top.sort((a, b) => b.size - a.size || a.path.localeCompare(b.path));
      if (this.top.length > LAYER_FILES_TOP_WASTED) this.top.pop();
    }
  }
}

const removedRow = (path: string, n: Node): LayerFileChange => ({
  path,
  change: 'removed',
  kind: n.kind,
  size: bytesUnder(n),
  mode: 0,
});

/** Applies one layer (index `layer`) to the file system so far; answers its changes. */
function applyLayer(fs: Folder, records: LayerRecord[], layer: number): LayerFileChange[] {
  const changes: LayerFileChange[] = [];
  // Whiteouts and opaque markers hide what lower layers made, wherever they sit in the layer's tar,
  // so they go first; the layer's own entries then land on what is left.
  for (const r of records) {
    const c = classify(r.path);
    if (c.what === 'whiteout') {
      const at = fs.find(c.target);
      if (!at?.node) continue;
      fs.waste(at.node, `/${c.target}`, layer, 'removed');
      changes.push(removedRow(`/${c.target}`, at.node));
      at.parent.children!.delete(at.name);
    } else if (c.what === 'opaque') {
      const dir = c.dir ? fs.find(c.dir)?.node : fs.root;
      if (!dir?.children) continue;
      for (const [name, child] of dir.children) {
        const path = `${c.dir ? `/${c.dir}` : ''}/${name}`;
        fs.waste(child, path, layer, 'removed');
        changes.push(removedRow(path, child));
      }
      dir.children.clear();
    }
  }
  for (const r of records) {
    if (!r.path || classify(r.path).what !== 'entry') continue;
    const { parent, name } = fs.parentOf(r.path, layer);
    const before = parent.children!.get(name);
    const row = (change: LayerFileChange['change']): LayerFileChange => ({
      path: `/${r.path}`,
      change,
      kind: r.kind,
      size: r.kind === 'dir' ? 0 : r.size,
      mode: r.mode,
      ...(r.target !== undefined ? { target: r.target } : {}),
    });
    if (before && isDir(before) && r.kind === 'dir') {
      // a folder listed again because something in it changed: a change only if its mode did
      if (before.mode !== r.mode) {
        changes.push(row('changed'));
        before.mode = r.mode;
        before.layer = layer;
      }
      continue;
    }
    if (before) fs.waste(before, `/${r.path}`, layer, 'overwritten');
    const listed = row(before ? 'changed' : 'added');
    changes.push(listed);
    parent.children!.set(name, {
      row: listed,
      kind: r.kind,
      size: r.kind === 'dir' ? 0 : r.size,
      mode: r.mode,
      layer,
      ...(r.target !== undefined ? { target: r.target } : {}),
      ...(r.kind === 'dir' ? { children: new Map<string, Node>() } : {}),
    });
  }
  return changes;
}

function toTree(name: string, n: Node): { node: FileTreeNode; count: number } {
  const base = {
    name,
    kind: n.kind,
    mode: n.mode,
    layer: n.layer,
    ...(n.target !== undefined ? { target: n.target } : {}),
  };
  if (!n.children) return { node: { ...base, size: n.size }, count: 1 };
  const kids = [...n.children].map(([k, c]) => toTree(k, c));
  kids.sort(
    (a, b) =>
      Number(b.node.kind === 'dir') - Number(a.node.kind === 'dir') ||
      (a.node.name < b.node.name ? -1 : a.node.name > b.node.name ? 1 : 0),
  );
  const size = kids.reduce((s, k) => s + k.node.size, 0);
  const count = kids.reduce((s, k) => s + k.count, 1);
  return { node: { ...base, size, children: kids.map((k) => k.node) }, count };
}

function layerSummary(
  index: number,
  records: LayerRecord[],
  changes: LayerFileChange[],
  wasted: number,
  diffId: string | undefined,
): LayerFiles {
  const count = (c: LayerFileChange['change']) => changes.filter((x) => x.change === c).length;
  const files = changes
    .slice()
    .sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .slice(0, LAYER_FILES_MAX_ROWS);
  return {
    index,
    ...(diffId ? { diffId } : {}),
    added: count('added'),
    changed: count('changed'),
    removed: count('removed'),
    bytes: records.reduce((s, r) => s + (r.kind === 'dir' || classify(r.path).what !== 'entry' ? 0 : r.size), 0),
    wasted,
    files,
    truncated: files.length < changes.length,
  };
}

/**
 * Folds the layers' entries (base first) into what each layer changes, the wasted space and the final
 * file tree. `diffIds` name the layers when the caller knows them (same order).
 */
export function foldLayers(
  layers: LayerRecord[][],
  diffIds: string[] = [],
): Omit<ImageFilesResult, 'id' | 'truncated'> {
  const fs = new Folder();
  const changes = layers.map((records, i) => applyLayer(fs, records, i));
  const { node: tree, count } = toTree('/', fs.root);
  return {
    layers: layers.map((records, i) => layerSummary(i, records, changes[i]!, fs.wastedBy[i] ?? 0, diffIds[i])),
    wasted: fs.wasted,
    wastedFiles: fs.wastedFiles,
    topWasted: fs.top,
    tree,
    paths: count - 1,
  };
}
