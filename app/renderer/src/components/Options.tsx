// The options of a select: a list of values shown as they are, or of values with their labels.
export type Choice<V extends string = string> = V | { readonly value: V; readonly label: string };

export function Options<V extends string>({ choices }: { choices: readonly Choice<V>[] }) {
  return (
    <>
      {choices.map((c) => {
        const { value, label } = typeof c === 'string' ? { value: c, label: c } : c;
        return (
          <option key={value} value={value}>
            {label}
          </option>
        );
      })}
    </>
  );
}
