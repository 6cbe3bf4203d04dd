// Compose, file first, against the real compose CLI (Debian's docker-compose 1.29) and the private
// engine: edited text checked by the CLI's own `config` beside the original (relative env_file
// resolves), broken files placed at line and column in the original file, the up plan proved by
// running up and reading the labels, saves refused when the file changed, and verbs for one service.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import { BerthError } from '../../shared/errors';
import { connectEngine, type EngineClient } from '../docker/client';
import { checkComposeEdit, openComposeProject, composeRunTask, saveComposeFile } from './compose-files-api';
import { downByLabel } from './label-control';
import { projectContainers } from './projects';
import { CONFIG_HASH_LABEL } from './up-plan';

let client: EngineClient;
const dirs: string[] = [];
const projects: string[] = [];

function file(image: string, port = 8080): string {
  return `services:
  web:
    image: ${image}
    command: ["httpd", "-f", "-p", "${port}"]
    env_file: ./web.env
    stop_grace_period: 1s
  worker:
    image: ${image}
    command: ["sleep", "600"]
    stop_grace_period: 1s
`;
}

function project(text: string): { dir: string; path: string; name: string } {
  const dir = mkdtempSync(join(tmpdir(), 'berth-cfile-'));
  dirs.push(dir);
  const path = join(dir, 'compose.yml');
  writeFileSync(path, text);
  writeFileSync(join(dir, 'web.env'), 'GREETING=hello\n');
  const name = uniqueName('cf');
  projects.push(name);
  return { dir, path, name };
}

/** Runs the verb's task body as the task centre would; resolves with its log (the CLI's last lines). */
async function run(req: Parameters<typeof composeRunTask>[1]): Promise<string[]> {
  let log: string[] = [];
  const task = await composeRunTask(client, req);
  await task.run((p) => void (log = p.log ?? log), new AbortController().signal);
  return log;
}

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<BerthError> {
  const err = await (typeof p === 'function' ? Promise.resolve().then(p) : p).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BerthError);
  return err as BerthError;
}

const copiesIn = (dir: string) => readdirSync(dir).filter((n) => n.includes('berth-check'));

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
});

afterAll(async () => {
  for (const p of projects) await downByLabel(client, p, true).catch(() => {});
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('compose files: check, plan, save and run', () => {
  it('plans create, then unchanged, recreate, create and remove exactly as up then does them', async () => {
    const p = project(file(fixtures().busybox));
    const opened = openComposeProject(p.name, [p.path]);
    expect(opened.files[0]).toMatchObject({ path: p.path, text: file(fixtures().busybox) });

    const first = await checkComposeEdit(client, { project: p.name, files: [p.path], edits: [] });
    expect(first.problems).toEqual([]);
    expect(first.cli).toMatch(/^docker-compose 1\.29/);
    expect(first.changes.map((c) => [c.service, c.change])).toEqual([
      ['web', 'create'],
      ['worker', 'create'],
    ]);

    await run({ project: p.name, files: [p.path], verb: 'up' });
    const same = await checkComposeEdit(client, { project: p.name, files: [p.path], edits: [] });
    expect(same.changes.map((c) => c.change)).toEqual(['unchanged', 'unchanged']);

    // The edit: web's port changes, worker goes, a cache service comes. Checked from a copy beside the
    // original (env_file ./web.env resolves), and the copy is gone afterwards.
    const edited = file(fixtures().busybox, 9090)
      .replace(/ {2}worker:[\s\S]*$/, '')
      .concat(`  cache:\n    image: ${fixtures().busybox}\n    command: ["sleep", "600"]\n    stop_grace_period: 1s\n`);
    const plan = await checkComposeEdit(client, {
      project: p.name,
      files: [p.path],
      edits: [{ file: p.path, text: edited }],
    });
    expect(plan.valid).toBe(true);
    expect(plan.changes.map((c) => [c.service, c.change])).toEqual([
      ['cache', 'create'],
      ['web', 'recreate'],
      ['worker', 'remove'],
    ]);
    expect(copiesIn(p.dir)).toEqual([]);
    expect(readFileSync(p.path, 'utf8')).toBe(file(fixtures().busybox)); // checking never writes the file

    // Save it, up all services, and the containers carry the hashes the plan predicted.
    saveComposeFile(p.path, edited, opened.files[0]!.version);
    await run({ project: p.name, files: [p.path], verb: 'up' });
    const after = await projectContainers(client, p.name);
    const hashOf = (s: string) => after.find((c) => c.compose?.service === s)?.labels[CONFIG_HASH_LABEL];
    expect(after.map((c) => c.compose?.service).sort()).toEqual(['cache', 'web']);
    expect(hashOf('web')).toBe(plan.changes.find((c) => c.service === 'web')!.hash);
    expect(hashOf('cache')).toBe(plan.changes.find((c) => c.service === 'cache')!.hash);
    const settled = await checkComposeEdit(client, { project: p.name, files: [p.path], edits: [] });
    expect(settled.changes.map((c) => c.change)).toEqual(['unchanged', 'unchanged']);
  });

  it('places broken YAML, unknown options, wrong types, undefined services and unset variables in the original file', async () => {
    const p = project(file(fixtures().busybox));
    const check = (text: string) =>
      checkComposeEdit(client, { project: p.name, files: [p.path], edits: [{ file: p.path, text }] });

    const yaml = await check('services:\n  web:\n    image: x\n   command: y\n');
    expect(yaml.valid).toBe(false);
    expect(yaml.problems).toEqual([
      {
        file: p.path,
        line: 4,
        column: 4,
        message:
          "Not valid YAML: expected <block end>, but found '<block mapping start>' (while parsing a block mapping).",
      },
    ]);

    const tab = await check('services:\n  web:\n    image: x\n\tfoo: 1\n');
    expect(tab.problems[0]).toMatchObject({ file: p.path, line: 4, column: 1 });
    expect(tab.problems[0]!.message).toMatch(/'\\t' that cannot start any token/);

    const option = await check('services:\n  web:\n    image: x\n    comand: y\n');
    expect(option.problems).toEqual([
      { file: p.path, line: 4, column: 5, message: "Unsupported config option for services.web: 'comand'." },
    ]);

    const types = await check('services:\n  web:\n    image: x\n    environment: 3\n    ports: 80\n');
    expect(types.problems.map((q) => [q.line, q.column])).toEqual([
      [4, 18],
      [5, 12],
    ]);
    expect(types.problems[1]!.message).toMatch(/services\.web\.ports contains an invalid type/);

    const depends = await check('services:\n  web:\n    image: x\n    depends_on: [nope]\n');
    expect(depends.problems[0]).toMatchObject({ file: p.path, line: 4, column: 17 });
    expect(depends.problems[0]!.message).toMatch(/depends on service 'nope'/);

    const unset = await check('services:\n  web:\n    image: x\n    environment:\n      - A=${BERTH_NOPE_VAR}\n');
    expect(unset.valid).toBe(true);
    expect(unset.warnings).toEqual([expect.objectContaining({ file: p.path, line: 5, column: 11 })]);
    expect(unset.warnings[0]!.message).toMatch(/BERTH_NOPE_VAR is not set/);

    const noEnv = await check(file(fixtures().busybox).replace('./web.env', './missing.env'));
    expect(noEnv.valid).toBe(false);
    expect(noEnv.problems[0]!.message).toMatch(/missing\.env/);

    const shapeless = await check('web:\n  image: x\n');
    expect(shapeless.problems[0]!.message).toMatch(/no top-level "services:"/);

    for (const r of [yaml, option, types, unset, noEnv]) expect(JSON.stringify(r)).not.toMatch(/berth-check/); // the copy's name never shows
    expect(copiesIn(p.dir)).toEqual([]);
  });

  it('checks a project of two files with the edit in the second, and places its problem in that file', async () => {
    const p = project(file(fixtures().busybox));
    const override = join(p.dir, 'compose.override.yml');
    writeFileSync(override, 'services:\n  worker:\n    command: ["sleep", "601"]\n');
    const files = [p.path, override];
    const plan = await checkComposeEdit(client, {
      project: p.name,
      files,
      edits: [{ file: override, text: 'services:\n  worker:\n    command: ["sleep", "602"]\n' }],
    });
    expect(plan.problems).toEqual([]);
    expect(plan.changes.map((c) => [c.service, c.change])).toEqual([
      ['web', 'create'],
      ['worker', 'create'],
    ]);
    const broken = await checkComposeEdit(client, {
      project: p.name,
      files,
      edits: [{ file: override, text: 'services:\n  worker:\n    comand: x\n' }],
    });
    expect(broken.problems).toEqual([
      { file: override, line: 3, column: 5, message: "Unsupported config option for services.worker: 'comand'." },
    ]);
    expect(copiesIn(p.dir)).toEqual([]);
  });

  it('saves atomically, and refuses a file changed on disk, text that is no compose file, and other files', async () => {
    const p = project(file(fixtures().busybox));
    const { version } = openComposeProject(p.name, [p.path]).files[0]!;
    const next = saveComposeFile(p.path, file(fixtures().busybox, 7070), version);
    expect(readFileSync(p.path, 'utf8')).toContain('"7070"');
    expect(next.version).not.toBe(version);

    writeFileSync(p.path, file(fixtures().busybox, 6060)); // another program writes it
    const conflict = await refusal(() => saveComposeFile(p.path, file(fixtures().busybox, 5050), next.version));
    expect(conflict.kind).toBe('conflict');
    expect(conflict.message).toMatch(/changed on disk after it was opened/);
    expect(readFileSync(p.path, 'utf8')).toContain('"6060"');

    const fresh = openComposeProject(p.name, [p.path]).files[0]!.version;
    expect((await refusal(() => saveComposeFile(p.path, 'hello: 1\n', fresh))).message).toMatch(/no top-level/);
    const other = join(p.dir, 'notes.txt');
    writeFileSync(other, 'secret: 1\n');
    expect((await refusal(() => openComposeProject(p.name, [other]))).message).toMatch(/not a compose file/);
    expect((await refusal(() => saveComposeFile(other, file('x'), '1:1'))).message).toMatch(/not a compose file/);
    expect((await refusal(() => openComposeProject(p.name, ['relative/compose.yml']))).message).toMatch(/absolute/);
    const outside = await refusal(
      checkComposeEdit(client, { project: p.name, files: [p.path], edits: [{ file: other, text: file('x') }] }),
    );
    expect(outside.message).toMatch(/is not one of the project's compose files/);
  });

  it('runs restart, build and down for one service, and refuses a service the project does not have', async () => {
    const p = project(
      `${file(fixtures().busybox)}  built:\n    build: ./ctx\n    image: ${uniqueName('berth-built')}:1\n    command: ["sleep", "600"]\n    stop_grace_period: 1s\n`,
    );
    mkdirSync(join(p.dir, 'ctx'));
    writeFileSync(join(p.dir, 'ctx', 'Dockerfile'), `FROM ${fixtures().busybox}\nRUN echo built > /built.txt\n`);
    const req = { project: p.name, files: [p.path] };

    const build = await run({ ...req, verb: 'build', service: 'built' });
    expect(build.join('\n')).toMatch(/Successfully built|Successfully tagged/);
    await run({ ...req, verb: 'up' });
    expect((await projectContainers(client, p.name)).length).toBe(3);

    const before = (await projectContainers(client, p.name)).find((c) => c.compose?.service === 'worker')!;
    await run({ ...req, verb: 'restart', service: 'worker' });
    const restarted = (await projectContainers(client, p.name)).find((c) => c.compose?.service === 'worker')!;
    expect(restarted.id).toBe(before.id);
    expect(restarted.state).toBe('running');

    await run({ ...req, verb: 'down', service: 'worker' });
    expect((await projectContainers(client, p.name)).map((c) => c.compose?.service).sort()).toEqual(['built', 'web']);

    const nope = await refusal(composeRunTask(client, { ...req, verb: 'up', service: 'nope' }));
    expect(nope.kind).toBe('not-found');
    expect(nope.message).toBe(
      `Project "${p.name}" has no service "nope" (it has built, web, worker). Check the name, or save the file first if you just added it.`,
    );
    const pull = await refusal(run({ ...req, verb: 'pull', service: 'web' }));
    expect(pull.message).toMatch(/^Could not pull the images of service "web" of project/);
  });
});
