// What `images.layerFiles` answers: the files each layer of an image adds, changes and removes, the
// space wasted on files later layers overwrite or remove, and the final image's file tree. Read from
// the image's saved archive (`docker save`), streamed; bounded by the limits below.

/** Paths Berth holds for one image (every layer's entries together); beyond this the answer says it stopped. */
export const LAYER_FILES_MAX_PATHS = 200_000;
/** Rows one layer's list carries (its largest changes); the counts are always whole. */
export const LAYER_FILES_MAX_ROWS = 20_000;
/** How many of the files wasting the most space are named. */
export const LAYER_FILES_TOP_WASTED = 100;

export type LayerFileKind = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

export interface LayerFileChange {
  /** Absolute path in the image, e.g. "/etc/hosts". */
  path: string;
  /** added: new in this layer; changed: a lower layer had it; removed: a whiteout or an opaque folder hid it. */
  change: 'added' | 'changed' | 'removed';
  kind: LayerFileKind;
  /** The file's bytes; for a removed path, the bytes it held (a folder: everything under it). */
  size: number;
  /** Permission bits (0 for a removed path). */
  mode: number;
  /** A link's target. */
  target?: string;
  /** Set when a later layer overwrote or removed this file: its bytes are wasted. */
  wasted?: { by: number; how: 'overwritten' | 'removed' };
}

export interface LayerFiles {
  /** 0 for the base layer. */
  index: number;
  /** The layer's diff id (the image's RootFS order). */
  diffId?: string;
  added: number;
  changed: number;
  removed: number;
  /** Bytes of the files this layer writes. */
  bytes: number;
  /** Bytes of this layer's files that later layers overwrite or remove. */
  wasted: number;
  /** Its changes, largest first, at most LAYER_FILES_MAX_ROWS. */
  files: LayerFileChange[];
  /** True when `files` holds fewer rows than the layer has changes. */
  truncated: boolean;
}

export interface WastedFile {
  path: string;
  size: number;
  /** The layer that wrote it (index). */
  layer: number;
  /** The layer that overwrote or removed it (index). */
  by: number;
  how: 'overwritten' | 'removed';
}

export interface FileTreeNode {
  name: string;
  kind: LayerFileKind;
  /** A file's bytes; a folder's: everything under it. */
  size: number;
  mode: number;
  target?: string;
  /** The layer (index) that last wrote it. */
  layer: number;
  /** A folder's entries, folders first, then by name. */
  children?: FileTreeNode[];
}

export interface ImageFilesResult {
  id: string;
  /** Base first, one per layer of the image. */
  layers: LayerFiles[];
  /** Bytes of files that a later layer overwrote or removed: in the image, but not in its final file system. */
  wasted: number;
  wastedFiles: number;
  /** The files wasting the most, largest first. */
  topWasted: WastedFile[];
  /** The final file system, from "/". */
  tree: FileTreeNode;
  /** Paths in the final file system (the tree's nodes, "/" not counted). */
  paths: number;
  /** Set when a limit was reached: a sentence saying what the answer leaves out. */
  truncated?: string;
}
