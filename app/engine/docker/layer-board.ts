// Folds pull/push progress lines into the task centre's per-layer bars and an overall byte count.
import type { TaskProgress } from '../../shared/contract';

type Layer = NonNullable<TaskProgress['layers']>[number];

export class LayerBoard {
  private layers = new Map<string, Layer>();
  text: string;

  constructor(initial: string) {
    this.text = initial;
  }

  layer(id: string, status: string, current?: number, total?: number): void {
    const prev = this.layers.get(id);
    // "Download complete" and friends come without numbers: keep the last known total.
    const t = total ?? prev?.total;
    this.layers.set(id, {
      id,
      status,
      ...(current !== undefined ? { current } : {}),
      ...(t !== undefined ? { total: t } : {}),
    });
  }

  progress(): TaskProgress {
    const all = [...this.layers.values()];
    const done = (l: Layer) => /complete|already exists|pushed|mounted from/i.test(l.status);
    const total = all.reduce((n, l) => n + (l.total ?? 0), 0);
    const current = all.reduce((n, l) => n + (done(l) ? (l.total ?? 0) : (l.current ?? 0)), 0);
    return { text: this.text, layers: all, ...(total ? { current: Math.min(current, total), total } : {}) };
  }
}
