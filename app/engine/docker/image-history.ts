// An image's history step by step, each with the layer it made: the command, its size, the size of
// everything up to it, and whether it made a layer at all. The engine's history gives a size per step
// but no "empty" flag (a step that made an empty layer and a metadata step both say 0 bytes), so
// steps are matched to the image's RootFS layers. Where the engine still has a step's own image (a
// classic build's intermediate images), its layer count says exactly; elsewhere sized steps made a
// layer and, of the zero-byte ones, commands that write files (RUN, COPY, ADD) are taken before
// WORKDIR, and metadata (ENV, CMD, …) never. When that accounts for exactly the image's layers, each
// step gets its layer's diff id; otherwise the result says the match is a guess.
import type { ImageLayersResult, ImageLayerStep } from '../../shared/contract/areas/images';
import type { EngineClient } from './client';
import { imageHistory, inspectImage, type ImageLayer } from './images';
import { mapLimit } from './map-limit';

const METADATA = new Set([
  'ENV',
  'LABEL',
  'CMD',
  'ENTRYPOINT',
  'EXPOSE',
  'USER',
  'ARG',
  'VOLUME',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
  'ONBUILD',
  'MAINTAINER',
]);
const INSTRUCTIONS = new Set([...METADATA, 'RUN', 'COPY', 'ADD', 'WORKDIR', 'FROM']);

/** A history command as the user wrote it: its instruction and the rest, without the builder's wrapping. */
export function readCommand(createdBy: string): { instruction: string; command: string } {
  let c = createdBy.trim().replace(/\s+# buildkit$/, '');
  // classic builder: "|2 A=1 B=2 /bin/sh -c …" is a RUN with build arguments
  c = c.replace(/^\|\d+(\s+\S+=\S*)*\s+(?=\/bin\/sh -c)/, '');
  const nop = /^\/bin\/sh -c #\(nop\)\s*(.*)$/s.exec(c);
  if (nop) {
    const rest = nop[1]!.trim();
    const word = /^([A-Z]+)\b\s*(.*)$/s.exec(rest);
    if (word && INSTRUCTIONS.has(word[1]!)) return { instruction: word[1]!, command: rest };
    return { instruction: '', command: rest };
  }
  const shell = /^\/bin\/sh -c\s+(.*)$/s.exec(c);
  if (shell) return { instruction: 'RUN', command: `RUN ${shell[1]!.trim()}` };
  const word = /^([A-Z]+)\b/.exec(c);
  if (word && INSTRUCTIONS.has(word[1]!)) return { instruction: word[1]!, command: c };
  return { instruction: '', command: c };
}

/** How likely a step made a layer: 0 certainly (it has bytes) … 3 never (metadata). */
function rank(h: { size: number; createdBy: string }, instruction: string): 0 | 1 | 2 | 3 {
  if (h.size > 0) return 0;
  if (METADATA.has(instruction)) return 3;
  if (instruction === 'WORKDIR') return 2;
  // a "#(nop)" step with no known instruction is metadata too
  return /#\(nop\)/.test(h.createdBy) && instruction === '' ? 3 : 1;
}

/**
 * Which steps (oldest first) made one of `layerCount` layers, and whether that is certain.
 * Exported for tests: the engine builds these histories; the rules are the builders'.
 */
export function matchLayers(
  history: { size: number; createdBy: string; instruction: string }[],
  layerCount: number,
): { made: boolean[]; matched: boolean } {
  const ranks = history.map((h) => rank(h, h.instruction));
  const made = ranks.map((r) => r === 0);
  let count = made.filter(Boolean).length;
  if (count > layerCount) return { made, matched: false };
  for (const r of [1, 2, 3] as const) {
    if (count === layerCount) break;
    const group = ranks.flatMap((x, i) => (x === r ? [i] : []));
    // a group that does not fit whole: which of its steps made the layers is a guess (the oldest)
    const partial = count + group.length > layerCount;
    for (const i of group.slice(0, layerCount - count)) made[i] = true;
    count = Math.min(layerCount, count + group.length);
    if (partial) return { made, matched: false };
  }
  return { made, matched: count === layerCount };
}

/**
 * Which steps made a layer, from the layer counts known at some steps (a step whose image the engine
 * still has: a classic build's intermediate images, and always the image itself): between two known
 * counts, exactly their difference of steps made layers, so each stretch is matched on its own.
 */
export function madeLayers(
  steps: { size: number; createdBy: string; instruction: string }[],
  counts: (number | undefined)[],
  layerCount: number,
): { made: boolean[]; matched: boolean } {
  const made: boolean[] = [];
  let matched = true;
  let from = 0;
  let before = 0;
  for (let i = 0; i < steps.length; i++) {
    const known = i === steps.length - 1 ? layerCount : counts[i];
    if (known === undefined) continue;
    const part = matchLayers(steps.slice(from, i + 1), known - before);
    made.push(...part.made);
    matched &&= part.matched;
    from = i + 1;
    before = known;
  }
  return { made, matched };
}

/**
 * The steps of `history` (newest first, as the engine gives it) matched to the layers `diffIds` (base
 * first); `counts[i]` is how many layers the image of `history[i]` has, where known.
 */
export function layerSteps(
  history: ImageLayer[],
  diffIds: string[],
  counts: (number | undefined)[] = [],
): { steps: ImageLayerStep[]; matched: boolean } {
  const oldest = history.slice().reverse();
  const read = oldest.map((h) => ({ ...h, ...readCommand(h.createdBy) }));
  const { made, matched } = madeLayers(read, counts.slice().reverse(), diffIds.length);
  let cumulative = 0;
  let layer = 0;
  const steps = read.map((h, i): ImageLayerStep => {
    cumulative += h.size;
    const diffId = made[i] && matched ? diffIds[layer] : undefined;
    if (made[i]) layer++;
    return {
      step: i + 1,
      instruction: h.instruction,
      command: h.command || h.comment,
      created: h.created,
      size: h.size,
      cumulative,
      empty: !made[i],
      ...(diffId ? { diffId } : {}),
      id: h.id === '<missing>' ? '' : h.id,
      tags: h.tags,
      comment: h.comment,
    };
  });
  return { steps, matched };
}

/** How many layers the image `id` has, or undefined when the engine cannot say. */
async function layerCountOf(client: EngineClient, id: string): Promise<number | undefined> {
  if (!id || id === '<missing>') return undefined;
  return inspectImage(client, id).then(
    (i) => i.layers.length,
    () => undefined,
  );
}

/** An image's steps with their layers (from /images/{name}/history and the RootFS of inspect). */
export async function imageLayerSteps(client: EngineClient, ref: string): Promise<ImageLayersResult> {
  const [image, history] = await Promise.all([inspectImage(client, ref), imageHistory(client, ref)]);
  // the steps' own images (a classic build keeps them) say exactly where layers were made
  const counts = await mapLimit(history.slice(1), 8, (h) => layerCountOf(client, h.id));
  const { steps, matched } = layerSteps(history, image.layers, [image.layers.length, ...counts]);
  return { id: image.id, size: image.size, steps, layerCount: image.layers.length, matched };
}
