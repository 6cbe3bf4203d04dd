// The layers view's model: which steps to show, which are the largest, how wide each size bar is.
import type { ImageLayerStep } from '../../../../shared/contract/areas/images';

/** How many of the largest layers are marked. */
export const LARGEST_MARKED = 3;

/** The steps (by number) of the largest layers, largest first; only layers with bytes. */
export function largestSteps(steps: ImageLayerStep[], n = LARGEST_MARKED): number[] {
  return steps
    .filter((s) => !s.empty && s.size > 0)
    .sort((a, b) => b.size - a.size || a.step - b.step)
    .slice(0, n)
    .map((s) => s.step);
}

/** A size bar's width, as a share of the largest layer (a layer with bytes shows at least a sliver). */
export function barShare(size: number, largest: number): number {
  if (size <= 0 || largest <= 0) return 0;
  return Math.max(0.02, Math.min(1, size / largest));
}

/** What a step's row is called: "Step 3: RUN make" (the command cut short). */
export function stepName(s: ImageLayerStep): string {
  const cmd = s.command.length > 80 ? `${s.command.slice(0, 79)}…` : s.command;
  return `Step ${s.step}: ${cmd || 'no command recorded'}`;
}

/** The line above the table: layers, empty steps, and the largest layer's share of the image. */
export function layersSummary(steps: ImageLayerStep[], layerCount: number, size: number): string {
  const empty = steps.filter((s) => s.empty).length;
  const parts = [
    `${steps.length} step${steps.length === 1 ? '' : 's'}`,
    `${layerCount} layer${layerCount === 1 ? '' : 's'}`,
  ];
  if (empty) parts.push(`${empty} empty (metadata only)`);
  const top = largestSteps(steps, 1)[0];
  const big = steps.find((s) => s.step === top);
  if (big && size > 0) parts.push(`largest: step ${big.step}, ${Math.round((big.size / size) * 100)}% of the image`);
  return parts.join(' · ');
}
