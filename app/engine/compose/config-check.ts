// Checks edited compose text with the CLI's own `config --hash=*`: each edited file is written to a
// temporary file beside the original (so relative paths, .env and extends resolve as they will),
// the CLI reads those instead of the originals, and the copies are removed whatever happens. The
// CLI's complaints are placed in the original files; when the text is valid, the hashes say what up
// would change (up-plan.ts). The compose files themselves are never written here.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ComposeCheck } from '../../shared/contract/areas/compose-files';
import { BerthError } from '../../shared/errors';
import type { EngineClient } from '../docker/client';
import { explainComposeFailure } from './cli-errors';
import { runComposeVerb, validateComposeFiles, type CommandOptions } from './commands';
import { hasComposeShape } from './compose-file-shape';
import { configProblems, variableWarnings } from './config-problems';
import { projectContainers } from './projects';
import { parseHashes, planUp, PLAN_METHOD } from './up-plan';

export interface ComposeEdit {
  file: string;
  text: string;
}

export interface CheckRequest {
  project: string;
  files: readonly string[];
  edits: readonly ComposeEdit[];
}

/** The temporary copy's name: hidden, beside the original, unguessable. */
function copyPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.berth-check-${randomBytes(6).toString('hex')}.yml`);
}

function writeCopy(file: string, text: string): string {
  const copy = copyPathFor(file);
  try {
    writeFileSync(copy, text, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'an error';
    throw new BerthError({
      kind: code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'unauthorized' : 'internal',
      message: `Could not check the edited text: Berth writes it to a temporary file beside ${file} (so relative paths resolve as they will), and that failed (${code}). Make the folder writable, then check again.`,
      detail: (err as Error).message,
    });
  }
  return copy;
}

/** Every occurrence of each copy's path (as given, and as "./name") back to its original. */
function unmap(lines: readonly string[], copies: ReadonlyMap<string, string>): string[] {
  return lines.map((l) => {
    let out = l;
    for (const [copy, original] of copies)
      out = out
        .split(copy)
        .join(original)
        .split(`./${basename(copy)}`)
        .join(original);
    return out;
  });
}

export async function checkComposeEdit(
  client: EngineClient,
  req: CheckRequest,
  opts: CommandOptions = {},
): Promise<ComposeCheck> {
  const files = validateComposeFiles(req.files);
  for (const e of req.edits)
    if (!files.includes(e.file))
      throw new BerthError({
        kind: 'invalid',
        field: 'edits',
        message: `${e.file} is not one of the project's compose files (${files.join(', ')}), so it cannot be checked with them.`,
      });
  const edited = new Map(req.edits.map((e) => [e.file, e.text]));
  const shapeless = req.edits.find((e) => !hasComposeShape(e.text));
  const empty = { valid: false, warnings: [], changes: [], method: PLAN_METHOD, cli: '' };
  if (shapeless)
    return {
      ...empty,
      problems: [
        { file: shapeless.file, message: 'The text has no top-level "services:" section: a compose file needs one.' },
      ],
    };
  const copies = new Map<string, string>(); // copy → original
  try {
    const used = files.map((f) => {
      const text = edited.get(f);
      if (text === undefined) return f;
      const copy = writeCopy(f, text);
      copies.set(copy, f);
      return copy;
    });
    const target = { project: req.project, files: used, workingDir: dirname(files[0]!) };
    const res = await runComposeVerb(client, target, ['config', '--hash=*'], opts);
    const cli = `${res.cli.label} ${res.cli.version}`;
    if (opts.signal?.aborted) return { ...empty, cli, problems: [] };
    const lines = unmap(
      res.lines.map((l) => l.text),
      copies,
    );
    const texts = new Map(files.map((f) => [f, edited.get(f) ?? readFileSync(f, 'utf8')]));
    const warnings = variableWarnings(lines, texts);
    if (res.code !== 0) {
      const problems = configProblems(lines, texts);
      if (!problems.length) {
        const why = explainComposeFailure(
          { action: `check project "${req.project}"`, files },
          lines.map((text) => ({ stream: 'stderr' as const, text })),
          res.code,
        );
        problems.push({ message: why.message });
      }
      return { ...empty, cli, problems, warnings };
    }
    const changes = planUp(
      parseHashes(res.lines.filter((l) => l.stream === 'stdout').map((l) => l.text)),
      await projectContainers(client, req.project),
    );
    return { valid: true, problems: [], warnings, changes, method: PLAN_METHOD, cli };
  } finally {
    for (const copy of copies.keys()) rmSync(copy, { force: true });
  }
}
