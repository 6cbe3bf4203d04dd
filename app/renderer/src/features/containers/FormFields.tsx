// The field parts the run form, the container edit tab and the swarm service form share: a text
// field bound to the form (value, change, problem once left), the image field with the engine's tags
// offered, a textarea of one item per line, the restart policy, and the pieces of a list row (an
// input bound to a row's field, a select of plain choices, the read-only box).
import type { ChangeEvent, ComponentProps, FocusEvent, InputHTMLAttributes, ReactNode } from 'react';
import type { RunSpec } from '../../../../shared/contract';
import { Field } from '../../components/kit';
import { RowListField } from './RowListField';

/** What a form tells its fields: a field's problem state, and the blur that shows it once left. */
export interface FieldChecks {
  /** The blur handler that shows a field's problem once it is left. */
  left(...keys: string[]): (e: FocusEvent) => void;
  invalid(key: string): boolean;
}

/** The keys of `F` whose value is free text (not one of a few choices). */
export type TextKey<F> = { [K in keyof F]: string extends F[K] ? K : never }[keyof F] & string;

/**
 * Binds a `TextField` to one text field of a form: its value and change, its problem state and
 * message, and the blur after which the problem shows.
 */
export function textBinder<F>(
  form: F,
  set: (key: TextKey<F>, value: string) => void,
  checks: FieldChecks & { error(key: string): string | undefined },
) {
  return (key: TextKey<F>) => ({
    value: form[key] as string,
    onChange: (value: string) => set(key, value),
    onBlur: checks.left(key),
    'aria-invalid': checks.invalid(key),
    error: checks.error(key),
  });
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>;

/** The image to run: a text field that offers the engine's tags (its list is `<id>-list`). */
export function ImageField({
  id,
  value,
  onChange,
  error,
  tags,
  ...input
}: {
  id: string;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  tags: readonly string[];
} & InputProps) {
  return (
    <Field id={id} label="Image" error={error}>
      <input
        {...input}
        id={id}
        list={`${id}-list`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
      <datalist id={`${id}-list`}>
        {tags.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
    </Field>
  );
}

/** A textarea of one item per line (env, labels), with an optional hint and its lines' problems below. */
export function LinesField(p: {
  id: string;
  label: string;
  rows: number;
  value: string;
  onChange(value: string): void;
  onBlur(e: FocusEvent): void;
  errors: string[];
  hint?: string;
}) {
  return (
    <div className={`field${p.errors.length ? ' invalid' : ''}`}>
      <label htmlFor={p.id}>{p.label}</label>
      <textarea
        id={p.id}
        rows={p.rows}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        onBlur={p.onBlur}
        aria-invalid={p.errors.length > 0}
        aria-describedby={p.hint ? `${p.id}-hint` : undefined}
        spellCheck={false}
      />
      {p.hint && (
        <p className="muted small hint" id={`${p.id}-hint`}>
          {p.hint}
        </p>
      )}
      {p.errors.map((m) => (
        <p key={m} className="field-error" role="alert">
          {m}
        </p>
      ))}
    </div>
  );
}

type RestartPolicy = NonNullable<RunSpec['restart']>;
const restartChoices: [RestartPolicy, string][] = [
  ['no', 'never'],
  ['on-failure', 'on failure'],
  ['unless-stopped', 'unless stopped'],
  ['always', 'always'],
];

/** A container's restart policy, as docker run --restart names them. */
export function RestartField({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: RestartPolicy;
  onChange(value: RestartPolicy): void;
  error: string | undefined;
}) {
  return (
    <Field id={id} label="Restart policy" error={error}>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as RestartPolicy)}>
        {restartChoices.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Options whose text is their value (network, secret, protocol names). */
export function NameOptions({ names }: { names: readonly string[] }) {
  return names.map((n) => (
    <option key={n} value={n}>
      {n}
    </option>
  ));
}

/**
 * Binds text inputs to the fields of row `index` of `group` ('ports'): the name ("Host port 2"), value,
 * change, problem state, and the blur that shows the problem (marking the whole group as left too).
 */
export function rowInputs<T>(
  row: T,
  update: (patch: Partial<T>) => void,
  checks: FieldChecks,
  group: string,
  index: number,
) {
  return (key: TextKey<T>, label: string) => ({
    'aria-label': `${label} ${index + 1}`,
    value: row[key] as string,
    'aria-invalid': checks.invalid(`${group}.${index}.${key}`),
    onChange: (e: ChangeEvent<HTMLInputElement>) => update({ [key]: e.target.value } as Partial<T>),
    onBlur: checks.left(`${group}.${index}.${key}`, group),
  });
}

export type RowInputs<T> = ReturnType<typeof rowInputs<T>>;

/** A list of the form bound to its editor: the group's rows, their changes, problems and removal. */
export interface FormList<T> {
  group: string;
  checks: FieldChecks;
  rows: T[];
  onChange(rows: T[]): void;
  /** Row `index` was removed (its touched state goes, later rows move up). */
  onRemoved(index: number): void;
  errors: string[];
}

/** What a list needs from its form besides `FieldChecks`: a group's messages, and a removed row's touched state gone. */
export interface ListChecks extends FieldChecks {
  /** The sentences to show for a group ('ports', 'restart' …). */
  messages(group: string): string[];
  /** Row `index` of `group` was removed: its touched state goes, later rows move up. */
  removedRow(group: string, index: number): void;
}

/** The form's list `group` bound to its editor. */
export function formList<T>(checks: ListChecks, group: string, rows: T[], onChange: (rows: T[]) => void): FormList<T> {
  return {
    group,
    checks,
    rows,
    onChange,
    onRemoved: (i) => checks.removedRow(group, i),
    errors: checks.messages(group),
  };
}

/** A list editor of the form's `group` whose rows get `bind` for their text inputs (see `rowInputs`). */
export function FormRowList<T>({
  group,
  checks,
  renderRow,
  ...list
}: Omit<ComponentProps<typeof RowListField<T>>, 'renderRow'> & {
  group: string;
  checks: FieldChecks;
  renderRow(row: T, bind: RowInputs<T>, update: (patch: Partial<T>) => void, index: number): ReactNode;
}) {
  return (
    <RowListField<T>
      {...list}
      renderRow={(row, update, i) => renderRow(row, rowInputs(row, update, checks, group, i), update, i)}
    />
  );
}

/** A select of a list row whose choices are their own text (protocol, publish mode, mount type). */
export function RowSelect<V extends string>({
  label,
  value,
  choices,
  onChange,
}: {
  label: string;
  value: V;
  choices: readonly V[];
  onChange(value: V): void;
}) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as V)}>
      <NameOptions names={choices} />
    </select>
  );
}

/** A mount row's read-only box. */
export function ReadOnlyBox({ checked, onChange }: { checked: boolean; onChange(checked: boolean): void }) {
  return (
    <label className="inline">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> read-only
    </label>
  );
}
