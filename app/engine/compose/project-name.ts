// Compose project names: the rule compose applies, and the name it derives from a folder.
import { BerthError } from '../../shared/errors';
import { COMPOSE_PROJECT_NAME } from '../../shared/contract/areas/compose';

export function validateProjectName(name: unknown, field = 'project'): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > 255 || !COMPOSE_PROJECT_NAME.test(name))
    throw new BerthError({
      kind: 'invalid',
      field,
      message: 'A project name uses lowercase letters, digits, "_" and "-", and starts with a letter or digit.',
      detail: `got ${JSON.stringify(name)}`,
    });
  return name;
}

/** The name compose gives a project from its folder: lowercase, only [a-z0-9_-], starting with a letter or digit. */
export function projectNameFromDir(dir: string): string {
  const base = dir.replace(/\/+$/, '').split('/').pop() ?? '';
  return base
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
}
