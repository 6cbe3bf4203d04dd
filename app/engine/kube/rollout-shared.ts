// What the rollout of every kind shares: the status's shape, comparing pod templates as kubectl
// does (same JSON whatever the key order), and the sentence for an undo that has nothing to do.

export interface RolloutStatus {
  /** kubectl rollout status's sentence, in Berth's words. */
  status: string;
  /** Nothing is left to wait for. */
  done: boolean;
  /** The rollout will not finish by itself (a deployment past its progress deadline). */
  failed: boolean;
}

export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** Same JSON, whatever the key order. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** The one sentence for an undo the workload already matches (kubectl's "skipped rollback"). */
export const skippedRollback = (name: string, revision: number) =>
  `Skipped rollback: the current template of ${name} already matches revision ${revision}.`;

/** "1 pod", "2 pods". */
export const pods = (n: number) => (n === 1 ? '1 pod' : `${n} pods`);
