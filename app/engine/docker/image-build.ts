// Builds an image from a context directory with a Dockerfile (the engine's classic builder).
// The context is tarred in Node (image-build-context.ts, honouring .dockerignore); the build log is
// streamed line by line; a failure names the step that failed.
import { statSync } from 'node:fs';
import { isAbsolute, join, normalize, relative } from 'node:path';
import type { Readable } from 'node:stream';
import { BerthError } from '../../shared/errors';
import { dialJson, dialStream, type EngineClient } from './client';
import { classifyEngineError, toBerthError } from './errors';
import { packContext } from './image-build-context';
import { imagePath } from './images';
import { cancelled, inBandError, ndjson } from './progress';
import { buildArgsProblem } from '../../shared/rules';
import { validateSize } from './validate';
import { parseImageReference } from './validate-reference';
import type { RegistryAuth } from './image-pull';

export interface BuildOptions {
  /** Absolute path of the context directory. */
  context: string;
  /** Dockerfile path relative to the context (default "Dockerfile"). */
  dockerfile?: string;
  /** References to tag the result with (repo[:tag]). */
  tags?: string[];
  buildArgs?: Record<string, string>;
  noCache?: boolean;
  /** Multi-stage target. */
  target?: string;
  labels?: Record<string, string>;
  /** Sign-ins by registry host, for FROM lines that name private images (sent as X-Registry-Config). */
  registryConfig?: Record<string, RegistryAuth>;
  signal?: AbortSignal;
}

export interface BuildLog {
  kind: 'log';
  text: string;
}

export interface BuildStep {
  kind: 'step';
  /** 1-based. */
  step: number;
  total: number;
  instruction: string;
}

export interface BuildDone {
  kind: 'done';
  imageId: string;
  tags: string[];
}

export type BuildProgress = BuildLog | BuildStep | BuildDone;

function invalid(field: string, message: string): never {
  throw new BerthError({ kind: 'invalid', field, message });
}

function checkBuildOptions(opts: BuildOptions): { dockerfile: string; tags: string[] } {
  if (typeof opts.context !== 'string' || !isAbsolute(opts.context))
    invalid('context', 'Give the build context as an absolute folder path.');
  let st;
  try {
    st = statSync(opts.context);
  } catch {
    invalid('context', `The build context "${opts.context}" does not exist.`);
  }
  if (!st.isDirectory()) invalid('context', `The build context "${opts.context}" is not a folder.`);
  const dockerfile = opts.dockerfile ?? 'Dockerfile';
  const rel = relative(opts.context, normalize(join(opts.context, dockerfile)));
  if (rel.startsWith('..') || isAbsolute(rel) || rel === '')
    invalid('dockerfile', 'The Dockerfile must be inside the build context.');
  try {
    if (!statSync(join(opts.context, rel)).isFile()) throw new Error();
  } catch {
    invalid('dockerfile', `There is no Dockerfile at "${join(opts.context, rel)}".`);
  }
  const tags = (opts.tags ?? []).map((t, i) => {
    const r = parseImageReference(t, `tags.${i}`);
    if (r.digest) invalid(`tags.${i}`, 'A build tag takes a tag, not a digest.');
    return `${r.repository}:${r.tag ?? 'latest'}`;
  });
  for (const [k, v] of Object.entries(opts.buildArgs ?? {}))
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) || typeof v !== 'string')
      invalid('buildArgs', `The build argument "${k}" needs a name of letters, digits and "_" and a text value.`);
  validateSize('buildArgs', buildArgsProblem(Object.entries(opts.buildArgs ?? {}).map(([k, v]) => `${k}=${v}`)));
  return { dockerfile: rel, tags };
}

/** A step header in the classic builder's log: "Step 3/5 : RUN false". */
const STEP = /^Step (\d+)\/(\d+) : (.*)$/;

/**
 * The engine's complaint about the Dockerfile itself, said without the text it quotes from the file
 * (a Dockerfile path may name any file, e.g. a secret): the file and the line, and what is wrong there.
 */
export function dockerfileFailure(text: string, dockerfilePath: string): BerthError | undefined {
  const parse = /dockerfile parse error (?:on )?line (\d+):\s*([^:]*)/i.exec(text);
  if (parse) {
    const why = parse[2]!.trim().replace(/\.$/, '');
    return new BerthError({
      kind: 'invalid',
      field: 'dockerfile',
      message: `The Dockerfile ${dockerfilePath} is not valid at line ${parse[1]}${why ? `: ${why}` : ''}. Fix that line, then build again.`,
      detail: `dockerfile parse error line ${parse[1]}${why ? `: ${why}` : ''}`,
    });
  }
  if (/cannot be empty|file with no instructions/i.test(text))
    return new BerthError({
      kind: 'invalid',
      field: 'dockerfile',
      message: `The Dockerfile ${dockerfilePath} has no instructions. Check that it is the right file.`,
    });
  if (
    /failed to process|syntax error|unexpected end of (?:statement|input)|missing '[}\]]'/i.test(text) &&
    !/^Step /.test(text)
  )
    return new BerthError({
      kind: 'invalid',
      field: 'dockerfile',
      message: `The Dockerfile ${dockerfilePath} could not be read as a Dockerfile (a variable or quote is not closed). Check that it is the right file.`,
    });
  return undefined;
}

export function buildFailure(text: string, step: BuildStep | undefined, what: string): BerthError {
  const classified = classifyEngineError(text).kind;
  const kind = classified === 'unavailable' || classified === 'unauthorized' ? classified : 'invalid';
  const where = step ? ` at step ${step.step}/${step.total} (${step.instruction})` : '';
  return new BerthError({ kind, message: `The build failed${where}: ${text}`, detail: `${what}: ${text}` });
}

/** Builds `opts.context`; yields log lines and step markers, then `{kind:'done', imageId, tags}`. */
export async function* buildImage(client: EngineClient, opts: BuildOptions): AsyncGenerator<BuildProgress> {
  const { dockerfile, tags } = checkBuildOptions(opts);
  const what = `build the image in "${opts.context}"`;
  const dockerfilePath = join(opts.context, dockerfile);
  if (opts.signal?.aborted) throw cancelled();
  let context: Readable;
  try {
    context = packContext(opts.context, dockerfile);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new BerthError({
      kind: 'invalid',
      field: 'context',
      message: `Could not read the build context "${opts.context}": ${e.message}.`,
      detail: e.message,
    });
  }
  let stream: Readable;
  try {
    stream = await dialStream(client, {
      method: 'POST',
      path: '/build',
      query: {
        dockerfile,
        ...(tags.length ? { t: tags } : {}),
        ...(opts.buildArgs ? { buildargs: JSON.stringify(opts.buildArgs) } : {}),
        ...(opts.labels ? { labels: JSON.stringify(opts.labels) } : {}),
        ...(opts.target ? { target: opts.target } : {}),
        nocache: !!opts.noCache,
        rm: true,
        pull: false,
      },
      upload: context,
      ...(opts.registryConfig && Object.keys(opts.registryConfig).length
        ? { registryConfig: opts.registryConfig }
        : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (err) {
    if (opts.signal?.aborted) throw cancelled();
    const e = toBerthError(err, what);
    const text = e.detail ?? e.message;
    throw dockerfileFailure(text, dockerfilePath) ?? buildFailure(text, undefined, what);
  }
  let step: BuildStep | undefined;
  let imageId = '';
  let partial = '';
  const lines = function* (text: string, flush: boolean): Generator<BuildProgress> {
    partial += text;
    const parts = partial.split('\n');
    partial = flush ? '' : parts.pop()!;
    for (const raw of parts) {
      const line = raw.replace(/\r$/, '');
      if (flush && line === '') continue;
      const m = STEP.exec(line);
      if (m) {
        step = { kind: 'step', step: Number(m[1]), total: Number(m[2]), instruction: m[3]! };
        yield step;
      }
      const built = /^Successfully built ([0-9a-f]+)$/.exec(line);
      if (built && !imageId) imageId = built[1]!;
      yield { kind: 'log', text: line };
    }
  };
  try {
    for await (const line of ndjson(stream, opts.signal)) {
      const failure = inBandError(line);
      if (failure) {
        yield* lines('', true);
        throw (
          (step ? undefined : dockerfileFailure(failure, dockerfilePath)) ?? buildFailure(failure.trim(), step, what)
        );
      }
      const aux = line.aux as { ID?: string } | undefined;
      if (aux?.ID) imageId = aux.ID;
      if (typeof line.stream === 'string') yield* lines(line.stream, false);
      else if (typeof line.status === 'string') yield* lines(`${line.status}\n`, false);
    }
    yield* lines('', true);
  } catch (err) {
    if (opts.signal?.aborted) throw cancelled();
    if (err instanceof BerthError) throw err;
    throw toBerthError(err, what);
  }
  if (imageId && !imageId.startsWith('sha256:')) {
    try {
      imageId = (await dialJson<{ Id: string }>(client, { path: `${imagePath(imageId)}/json` })).Id;
    } catch {
      /* keep the short id */
    }
  }
  yield { kind: 'done', imageId, tags };
}
