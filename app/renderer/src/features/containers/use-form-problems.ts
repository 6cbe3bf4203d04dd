// Which problems a form shows, shared by the run dialog and the edit tab: a field's problem once it
// has been left (or the form submitted), and the engine's refusal at the group of the field it names.
import { useState } from 'react';
import { errorsOf } from './run-form';

export interface Refusal {
  field?: string | undefined;
  message: string;
}

export function useFormProblems(
  errors: Record<string, string>,
  refusal: Refusal | undefined,
  groupOf: (field: string | undefined) => string,
) {
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const touch = (key: string) => setTouched((t) => (t.has(key) ? t : new Set(t).add(key)));
  /**
   * A field left for another field shows its problem; left for a button it waits (submitting shows
   * every problem anyway), or the problem appearing would move the button from under the pointer mid-click.
   */
  const left =
    (...keys: string[]) =>
    (e: React.FocusEvent) => {
      if (e.relatedTarget instanceof Element && e.relatedTarget.closest('button')) return;
      for (const k of keys) touch(k);
    };
  const visible = (key: string) => submitted || touched.has(key);
  const shown = (key: string) => (visible(key) ? errors[key] : undefined);
  const refusalAt = (group: string) => (refusal && groupOf(refusal.field) === group ? refusal.message : undefined);
  const messages = (group: string) =>
    [...errorsOf(errors, group, visible), refusalAt(group)].filter((m) => !!m) as string[];
  const invalid = (key: string) => !!shown(key) || (!!refusal?.field && refusal.field === key);
  return { touched, setTouched, submitted, setSubmitted, touch, left, visible, shown, refusalAt, messages, invalid };
}
