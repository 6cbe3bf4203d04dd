// "Add a registry mirror" without writing JSON: the value goes at the end of the setting's list in
// the edited text, which is then written out again with two-space indents. Only for a text that is a
// JSON object; the check says what is wrong with the value itself.

export const LIST_SETTINGS = [
  { key: 'registry-mirrors', label: 'Registry mirror', like: 'https://mirror.gcr.io' },
  { key: 'insecure-registries', label: 'Insecure registry', like: 'registry.local:5000' },
] as const;

export type ListSetting = (typeof LIST_SETTINGS)[number]['key'];

/** The text with `value` added to the list `key`, or a sentence why it cannot be. */
export function addToList(text: string, key: ListSetting, value: string): { text: string } | { error: string } {
  const v = value.trim();
  if (!v) return { error: 'Type the address to add.' };
  let settings: unknown;
  try {
    settings = JSON.parse(text);
  } catch {
    return { error: 'The settings are not valid JSON yet: fix them in the editor first, then add.' };
  }
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings))
    return { error: 'The settings must be one JSON object before anything can be added.' };
  const obj = settings as Record<string, unknown>;
  const list = obj[key] ?? [];
  if (!Array.isArray(list)) return { error: `"${key}" is not a list in the editor: fix it there first.` };
  if (list.includes(v)) return { error: `"${v}" is in "${key}" already.` };
  return { text: `${JSON.stringify({ ...obj, [key]: [...list, v] }, null, 2)}\n` };
}
