// The layer files view's model: which layer (of images.layerFiles) a history step made, what a
// layer is called, how a wasted file is said, and the final tree's rows as shown (folders open or shut).
import type { FileTreeNode, LayerFileChange, LayerFiles } from '../../../../shared/contract/areas/image-files';
import type { ImageLayerStep } from '../../../../shared/contract/areas/images';

/**
 * For each layer (by index), the history step that made it. Steps are matched by diff id (a layer
 * repeated in one image matched in order); steps without one by their order among steps with a layer.
 */
export function stepsByLayer(steps: ImageLayerStep[], layers: LayerFiles[]): (number | undefined)[] {
  const out: (number | undefined)[] = layers.map(() => undefined);
  const made = [...steps].sort((a, b) => a.step - b.step).filter((s) => !s.empty);
  const byOrder = made.length === layers.length;
  const used = new Set<number>();
  made.forEach((s, n) => {
    let i = -1;
    if (s.diffId) i = layers.findIndex((l, k) => l.diffId === s.diffId && !used.has(k));
    if (i < 0 && byOrder && !used.has(n)) i = n;
    if (i < 0) return;
    used.add(i);
    out[i] = s.step;
  });
  return out;
}

/** What a layer is called in the view: "step 4", or "layer 2" when no step is known to have made it. */
export function layerName(index: number, stepOf: (number | undefined)[]): string {
  const step = stepOf[index];
  return step === undefined ? `layer ${index + 1}` : `step ${step}`;
}

/** "overwritten by step 5" / "removed by step 6". */
export function wastedBy(w: { by: number; how: 'overwritten' | 'removed' }, stepOf: (number | undefined)[]): string {
  return `${w.how} by ${layerName(w.by, stepOf)}`;
}

/** The line above a layer's files: "2 added · 1 changed · 0 removed · 1.3 MB written · 1 MB wasted". */
export function layerSummary(l: LayerFiles, format: (n: number) => string): string {
  const parts = [`${l.added} added`, `${l.changed} changed`, `${l.removed} removed`, `${format(l.bytes)} written`];
  if (l.wasted > 0) parts.push(`${format(l.wasted)} of it wasted by later layers`);
  return parts.join(' · ');
}

export const changeKey = (f: LayerFileChange): string => `${f.change} ${f.path}`;

/** The files whose path holds `text` (any case); all of them for an empty filter. */
export function filterFiles(files: LayerFileChange[], text: string): LayerFileChange[] {
  const t = text.trim().toLowerCase();
  return t ? files.filter((f) => f.path.toLowerCase().includes(t)) : files;
}

export interface TreeRow {
  path: string;
  node: FileTreeNode;
  /** 1 for the entries of "/". */
  level: number;
  /** The row's parent's path ("" for the top level). */
  parent: string;
  folder: boolean;
  expanded: boolean;
}

/** The tree's rows as shown: each entry, and under an open folder its entries (folders first, as the tree is). */
export function visibleRows(tree: FileTreeNode, open: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const stack: { node: FileTreeNode; parent: string; level: number }[] = (tree.children ?? [])
    .map((node) => ({ node, parent: '', level: 1 }))
    .reverse();
  while (stack.length) {
    const { node, parent, level } = stack.pop()!;
    const path = `${parent}/${node.name}`;
    const folder = node.kind === 'dir';
    const expanded = folder && open.has(path);
    rows.push({ path, node, level, parent, folder, expanded });
    if (expanded)
      for (let i = (node.children?.length ?? 0) - 1; i >= 0; i--)
        stack.push({ node: node.children![i]!, parent: path, level: level + 1 });
  }
  return rows;
}
