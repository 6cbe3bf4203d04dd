// The compose CLI (Debian's docker-compose 1.29 here) against the private engine: a two-service
// project from the busybox fixture brought up, listed, stopped and started by label, its logs
// merged, brought down with its volumes; broken files reported as sentences.
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import type { ComposeLogLine } from '../../shared/contract/areas/compose';
import { BerthError } from '../../shared/errors';
import { connectEngine, type EngineClient } from '../docker/client';
import { listVolumes } from '../docker/volumes';
import { findComposeCli } from './cli-detect';
import * as commands from './commands';
import { controlProject, downByLabel } from './label-control';
import { tsKey } from './log-merge';
import { projectLogs } from './project-logs';
import { findProject, listProjects } from './projects';

let client: EngineClient;
const dirs: string[] = [];
const projects: commands.ComposeTarget[] = [];

function twoServiceFile(image: string): string {
  return `services:
  web:
    image: ${image}
    command: ["sh", "-c", "echo web ready; exec httpd -f -v -p 8080 -h /www"]
    stop_grace_period: 1s
    ports:
      - "8080"
  worker:
    image: ${image}
    command: ["sh", "-c", "i=0; while true; do i=$$((i+1)); echo worker tick $$i; sleep 0.2; done"]
    stop_grace_period: 1s
    volumes:
      - data:/data
volumes:
  data:
`;
}

function projectDir(content: string, name = 'compose.yml'): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'berth-compose-'));
  dirs.push(dir);
  const file = join(dir, name);
  writeFileSync(file, content);
  return { dir, file };
}

async function up(content: string): Promise<commands.ComposeTarget> {
  const { file } = projectDir(content);
  const target = commands.targetForFiles([file], uniqueName('bc'));
  projects.push(target);
  await commands.checkComposeConfig(client, target);
  await commands.composeUp(client, target);
  return target;
}

async function collect(
  it: AsyncIterable<ComposeLogLine[]>,
  until: (lines: ComposeLogLine[]) => boolean,
  ms = 15000,
): Promise<ComposeLogLine[]> {
  const lines: ComposeLogLine[] = [];
  const deadline = Date.now() + ms;
  for await (const batch of it) {
    lines.push(...batch);
    if (until(lines) || Date.now() > deadline) break;
  }
  return lines;
}

async function refusal(p: Promise<unknown>): Promise<BerthError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BerthError);
  return err as BerthError;
}

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
});

afterAll(async () => {
  for (const p of projects) await downByLabel(client, p.project, true).catch(() => {});
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('compose projects through the CLI', () => {
  it('finds a compose CLI', async () => {
    const cli = await findComposeCli();
    expect(['docker compose', 'docker-compose']).toContain(cli.label);
  });

  it('brings a two-service project up, lists it, stops and starts it by label, merges its logs, and brings it down with its volumes', async () => {
    const t = await up(twoServiceFile(fixtures().busybox));
    const other = await up(twoServiceFile(fixtures().busybox));

    const listed = (await listProjects(client)).find((p) => p.name === t.project)!;
    expect(listed).toMatchObject({
      running: 2,
      total: 2,
      filesPresent: true,
      configFiles: t.files,
      workingDir: t.workingDir,
    });
    expect(listed.services.map((s) => s.name)).toEqual(['web', 'worker']);
    expect(listed.services[0]!.containers[0]!.ports[0]).toMatchObject({ containerPort: 8080, protocol: 'tcp' });
    expect(listed.services[0]!.containers[0]!.ports[0]!.hostPort).toBeGreaterThan(0);

    expect(await controlProject(client, t.project, 'stop')).toBe(2);
    expect(await findProject(client, t.project)).toMatchObject({ running: 0, total: 2 });
    expect(await controlProject(client, t.project, 'start')).toBe(2);
    expect(await findProject(client, t.project)).toMatchObject({ running: 2, total: 2 });

    // History: both services, in time order, each line tagged; the web line printed twice (two starts).
    await new Promise((r) => setTimeout(r, 700));
    const past = await collect(projectLogs(client, { project: t.project, tail: 'all', follow: false }), () => false);
    expect(past.filter((l) => l.service === 'web' && l.text === 'web ready').length).toBe(2);
    expect(past.some((l) => l.service === 'worker' && /^worker tick \d+$/.test(l.text))).toBe(true);
    const keys = past.map((l) => tsKey(l.ts));
    expect(keys).toEqual([...keys].sort());
    expect(past.every((l) => l.container.startsWith(`${t.project}_`))).toBe(true);

    // Live: a restart of the project joins the stream (new runs of both containers).
    const ac = new AbortController();
    const starts: ((c: { id: string; name: string; service: string; timeMs: number }) => void)[] = [];
    const live = projectLogs(client, {
      project: t.project,
      tail: 0,
      follow: true,
      signal: ac.signal,
      watchStarts: (l) => {
        starts.push(l);
        return () => {};
      },
    });
    const restarted = (async () => {
      await new Promise((r) => setTimeout(r, 500));
      await controlProject(client, t.project, 'restart');
      const p = (await findProject(client, t.project))!;
      for (const s of p.services)
        for (const c of s.containers)
          for (const l of starts) l({ id: c.id, name: c.name, service: s.name, timeMs: Date.now() - 2000 });
    })();
    const lines = await collect(
      live,
      (ls) =>
        ls.some((l) => l.service === 'web' && l.text === 'web ready') &&
        ls.filter((l) => l.service === 'worker').length > 3,
    );
    ac.abort();
    await restarted;
    expect(lines.some((l) => l.service === 'web' && l.text === 'web ready')).toBe(true);

    // Service filter.
    const onlyWeb = await collect(
      projectLogs(client, { project: t.project, services: ['web'], tail: 'all', follow: false }),
      () => false,
    );
    expect(onlyWeb.length).toBeGreaterThan(0);
    expect(onlyWeb.every((l) => l.service === 'web')).toBe(true);

    // Down with volumes removes this project's volume only.
    const before = (await listVolumes(client)).map((v) => v.name);
    expect(before).toContain(`${t.project}_data`);
    expect(before).toContain(`${other.project}_data`);
    await commands.composeDown(client, t, true);
    const after = (await listVolumes(client)).map((v) => v.name);
    expect(after).not.toContain(`${t.project}_data`);
    expect(after).toContain(`${other.project}_data`);
    expect(await findProject(client, t.project)).toBeUndefined();
    await commands.composeDown(client, other, false);
    expect((await listVolumes(client)).map((v) => v.name)).toContain(`${other.project}_data`);
    await downByLabel(client, other.project, true);
    expect((await listVolumes(client)).map((v) => v.name)).not.toContain(`${other.project}_data`);
  }, 120_000);

  it('keeps a project whose file is gone, and controls it by label', async () => {
    const t = await up(twoServiceFile(fixtures().busybox));
    unlinkSync(t.files[0]!);
    const p = (await findProject(client, t.project))!;
    expect(p).toMatchObject({ filesPresent: false, running: 2 });
    expect(await controlProject(client, t.project, 'stop')).toBe(2);
    expect(await controlProject(client, t.project, 'start')).toBe(2);
    await downByLabel(client, t.project, true);
    expect(await findProject(client, t.project)).toBeUndefined();
    expect((await listVolumes(client)).map((v) => v.name)).not.toContain(`${t.project}_data`);
  }, 60_000);

  it('reports a failed pull with a sentence (no registry is reachable here)', async () => {
    const { file } = projectDir(twoServiceFile(fixtures().busybox));
    const t = commands.targetForFiles([file], uniqueName('bc'));
    const e = await refusal(commands.composePull(client, t));
    expect(e.message).toMatch(
      new RegExp(
        `^Could not pull the images of project "${t.project}": (a registry could not be reached|the registry refused access|an image does not exist)`,
      ),
    );
  }, 60_000);

  it('reports a bad YAML file with its file and line', async () => {
    const { file } = projectDir(`services:\n  web:\n    image: ${fixtures().busybox}\n   command: [a\n`);
    const e = await refusal(commands.checkComposeConfig(client, commands.targetForFiles([file], uniqueName('bc'))));
    expect(e.kind).toBe('invalid');
    expect(e.message).toMatch(
      new RegExp(
        `the compose file ${file.replace(/[.]/g, '\\.')} at line \\d+, column \\d+ is not valid YAML: .+\\. Fix the syntax`,
      ),
    );
  });

  it('reports an unknown option', async () => {
    const { file } = projectDir(`services:\n  web:\n    image: ${fixtures().busybox}\n    bogus: 1\n`);
    const e = await refusal(commands.checkComposeConfig(client, commands.targetForFiles([file], uniqueName('bc'))));
    expect(e.message).toContain(
      `the compose file ${file} has an option compose does not know: "bogus" in services.web`,
    );
  });

  it('reports missing environment variables, required or merely unset', async () => {
    const required = projectDir(`services:\n  web:\n    image: "\${BERTH_TEST_IMAGE:?set BERTH_TEST_IMAGE}"\n`);
    const e1 = await refusal(
      commands.checkComposeConfig(client, commands.targetForFiles([required.file], uniqueName('bc'))),
    );
    expect(e1.message).toContain(`the compose file ${required.file} needs the environment variable BERTH_TEST_IMAGE`);
    const unset = projectDir(
      `services:\n  web:\n    image: "${fixtures().busybox.replace(':latest', '')}:\${BERTH_TEST_TAG}"\n`,
    );
    const e2 = await refusal(
      commands.checkComposeConfig(client, commands.targetForFiles([unset.file], uniqueName('bc'))),
    );
    expect(e2.message).toContain('uses the environment variable BERTH_TEST_TAG, which is not set');
  });

  it('refuses bad input before running anything', async () => {
    expect(() => commands.targetForFiles(['relative/compose.yml'])).toThrow(/absolute path/);
    expect(() => commands.targetForFiles(['/nonexistent/compose.yml'])).toThrow(/does not exist/);
    expect(() => commands.targetForFiles([tmpdir()])).toThrow(/is a folder/);
    const { file } = projectDir('services: {}\n');
    expect(() => commands.targetForFiles([file], 'Bad Name')).toThrow(/lowercase/);
  });

  it('refuses a file that is no compose file without quoting it (a shadow-like file; a JSON file without services)', () => {
    const shadow = projectDir('root:*:20228:0:99999:7:::\ndaemon:*:20228:0:99999:7:::\n', 'shadow');
    const err = (() => {
      try {
        commands.targetForFiles([shadow.file]);
      } catch (e) {
        return e as BerthError;
      }
    })();
    expect(err?.toJSON()).toEqual({
      kind: 'invalid',
      field: 'files',
      message: `${shadow.file} is not a compose file: it has no top-level "services:" section. Choose your project's compose.yaml (or docker-compose.yml).`,
    });
    expect(() => commands.targetForFiles([projectDir('{"name": "x"}\n', 'c.json').file])).toThrow(
      /no top-level "services:"/,
    );
    expect(() => commands.targetForFiles([projectDir('{"services": {}}\n', 'c.json').file])).not.toThrow();
    expect(() => commands.targetForFiles([projectDir('\0\x01binary', 'c.yml').file])).toThrow(/binary file/);
  });

  it('without the check, the compose CLI itself would quote the file: what the check prevents', async () => {
    const shadow = projectDir('root:*:20228:0:99999:7:::\n', 'shadow');
    const t = { project: uniqueName('bc'), files: [shadow.file], workingDir: shadow.dir };
    const e = await refusal(commands.checkComposeConfig(client, t));
    expect(`${e.message}${e.detail}`).toContain('root:*:20228');
  });
});
