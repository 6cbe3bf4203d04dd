// Starting a request from a dialog: busy flag, the sentence of a refusal (and its field), and the
// task it started, if any.
import { useState } from 'react';
import type { TaskInfo } from '../../../shared/contract';
import { fieldOf, messageOf } from './kit';

export function useStart() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string | undefined }>();
  const [task, setTask] = useState<TaskInfo>();
  async function run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(undefined);
    try {
      const r = await fn();
      if (r && typeof r === 'object' && 'kind' in r && 'state' in r && 'id' in r) setTask(r as unknown as TaskInfo);
      return r;
    } catch (e) {
      setError({ message: messageOf(e), field: fieldOf(e) });
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, task, run, setError, reset: () => setTask(undefined) };
}
