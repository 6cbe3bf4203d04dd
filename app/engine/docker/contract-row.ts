// The contract's row of an engine record that carries more than the UI gets (networks, volumes):
// exactly the row's fields, named once. A field the contract gains and the list lacks fails to compile,
// so the facade cannot silently drop it again (as it once dropped a network's `attachable`).

/** The complete list of row R's fields, checked at compile time. */
export function rowFields<R>() {
  return <const K extends readonly (keyof R)[]>(keys: [keyof R] extends [K[number]] ? K : never): K => keys;
}

/** The row of `record`: its values of `fields`, without the ones it leaves undefined. */
export function rowOf<R>(record: R, fields: readonly (keyof R)[]): R {
  const row: Partial<R> = {};
  for (const f of fields) if (record[f] !== undefined) row[f] = record[f];
  return row as R;
}
