// The compose CLI's verbs Berth uses: config (validation), up -d, down [-v], pull. Each runs against
// the given engine only, streams its output lines, and fails with a sentence.
import { statSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { BerthError } from '../../shared/errors';
import type { EngineClient } from '../docker/client';
import { findComposeCli, type ComposeCli } from './cli-detect';
import { composeEnv } from './cli-env';
import { explainComposeFailure, unsetVariables, unsetVariablesError } from './cli-errors';
import { checkComposeFileShape } from './compose-file-shape';
import { runCompose, type OutputLine, type RunResult } from './cli-run';
import { projectNameFromDir, validateProjectName } from './project-name';

/** What a compose command runs on: the files, the project name and the folder. */
export interface ComposeTarget {
  project: string;
  files: string[];
  workingDir: string;
}

export interface CommandOptions {
  signal?: AbortSignal;
  onLine?(line: OutputLine): void;
  /** Override the detected CLI (tests). */
  cli?: ComposeCli;
}

/** Checks that each path is absolute and an existing compose file, before anything runs. */
export function validateComposeFiles(files: readonly string[]): string[] {
  if (files.length === 0)
    throw new BerthError({ kind: 'invalid', field: 'files', message: 'Give the path of a compose file.' });
  for (const f of files) {
    if (!isAbsolute(f) || f.includes('\0'))
      throw new BerthError({
        kind: 'invalid',
        field: 'files',
        message: `"${f}" is not an absolute path. Give the full path, starting with "/".`,
      });
    let isFile = false;
    try {
      isFile = statSync(f).isFile();
    } catch {
      throw new BerthError({
        kind: 'invalid',
        field: 'files',
        message: `The compose file ${f} does not exist. Check the path, then try again.`,
      });
    }
    if (!isFile)
      throw new BerthError({
        kind: 'invalid',
        field: 'files',
        message: `${f} is a folder, not a compose file. Give the path of the YAML file itself.`,
      });
    checkComposeFileShape(f);
  }
  return [...files];
}

/** The target for files opened by the user: the project named as compose would name it, unless given. */
export function targetForFiles(files: readonly string[], project?: string): ComposeTarget {
  const checked = validateComposeFiles(files);
  const workingDir = dirname(checked[0]!);
  const name = project ?? projectNameFromDir(workingDir);
  if (!name)
    throw new BerthError({
      kind: 'invalid',
      field: 'project',
      message: `Compose cannot derive a project name from the folder ${workingDir}. Give a project name.`,
    });
  return { project: validateProjectName(name), files: checked, workingDir };
}

function baseArgs(t: ComposeTarget): string[] {
  return ['--ansi', 'never', '-p', t.project, ...t.files.flatMap((f) => ['-f', f])];
}

/** Runs a compose verb on the target against this engine; the exit code is the caller's to judge. */
export async function runComposeVerb(
  client: EngineClient,
  t: ComposeTarget,
  verb: string[],
  opts: CommandOptions,
): Promise<RunResult & { cli: ComposeCli }> {
  const cli = opts.cli ?? (await findComposeCli());
  const { env, dispose } = composeEnv(client.address);
  try {
    const res = await runCompose(cli, [...baseArgs(t), ...verb], {
      env,
      cwd: t.workingDir,
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onLine ? { onLine: opts.onLine } : {}),
    });
    return { ...res, cli };
  } finally {
    dispose();
  }
}

/** Runs a compose verb; a non-zero exit becomes a sentence about `action`. */
export async function runComposeOrFail(
  client: EngineClient,
  t: ComposeTarget,
  verb: string[],
  action: string,
  opts: CommandOptions,
): Promise<OutputLine[]> {
  const res = await runComposeVerb(client, t, verb, opts);
  if (opts.signal?.aborted) return res.lines;
  if (res.code !== 0) throw explainComposeFailure({ action, files: t.files }, res.lines, res.code);
  return res.lines;
}

const run = runComposeOrFail;

/**
 * Validates the files with `config -q`: bad YAML, unknown options and missing variables become
 * sentences. Unset variables are refused too (compose would silently substitute blank strings).
 */
export async function checkComposeConfig(
  client: EngineClient,
  t: ComposeTarget,
  opts: CommandOptions = {},
): Promise<void> {
  const action = `bring up project "${t.project}"`;
  const lines = await run(client, t, ['config', '-q'], action, opts);
  const unset = unsetVariables(lines.map((l) => l.text));
  if (unset.length) throw unsetVariablesError({ action, files: t.files }, unset);
}

export async function composeUp(
  client: EngineClient,
  t: ComposeTarget,
  opts: CommandOptions = {},
): Promise<OutputLine[]> {
  return run(client, t, ['up', '-d'], `bring up project "${t.project}"`, opts);
}

export async function composeDown(
  client: EngineClient,
  t: ComposeTarget,
  volumes: boolean,
  opts: CommandOptions = {},
): Promise<OutputLine[]> {
  return run(
    client,
    t,
    ['down', '--remove-orphans', ...(volumes ? ['--volumes'] : [])],
    `bring down project "${t.project}"`,
    opts,
  );
}

export async function composePull(
  client: EngineClient,
  t: ComposeTarget,
  opts: CommandOptions = {},
): Promise<OutputLine[]> {
  return run(client, t, ['pull'], `pull the images of project "${t.project}"`, opts);
}
