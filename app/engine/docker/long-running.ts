// The long-running part of the engine facade (bound in index.ts like the rest): work that runs as a
// task in main's task centre (an EngineTask: pull, push, build, save, load, a kept run, compose up/
// down/pull, a stack deploy) and streams a view reads until it closes (logs, stats, terminals,
// downloads and uploads, a project's logs). Each takes the client first; the facade binds it.
import type { Readable } from 'node:stream';
import type { EngineEvent, RequestResult } from '../../shared/contract';
import type { DeploySource } from './swarm/stacks';
import {
  checkComposeEdit,
  composeRunTask,
  type CheckRequest,
  type ComposeRunRequest,
} from '../compose/compose-files-api';
import { composeDownTask, composePullTask, composeUpTask } from '../compose/compose-tasks';
import { controlProject, type LabelVerb } from '../compose/label-control';
import { projectLogs, type ProjectLogsOptions } from '../compose/project-logs';
import { listProjects, PROJECT_LABEL } from '../compose/projects';
import type { EngineClient } from './client';
import { listContainerDir } from './container-files';
import { runContainer, type RunSpec } from './container-run';
import { runKeepingOutput } from './container-run-task';
import { openDebugShell } from './debug-shell';
import { progressFeed, type EngineTask } from './engine-task';
import { openExecSession, type ExecSessionOptions } from './exec';
import { loadImageStream } from './image-archive';
import type { RegistryAuth } from './image-pull';
import { buildTask, loadTask, pullTask, pushTask, saveTask, type BuildRequest } from './image-tasks';
import { readLogBytes, type LogsOptions } from './logs';
import { streamStats } from './stats';
import type { BulkStatsSource } from './stats-dump';
import { sharedSampler } from './stats-sampler';
import { swarmApi } from './swarm';
import { terminalOf } from './terminal';
import { openContainerDownload, openImageExport, openVolumeDownload, uploadStreamToContainer } from './transfers';
import { cloneVolumeTask, importVolumeArchive, openVolumeExport, uploadToVolume } from './volume-moves';

type HostEnv = Record<string, string | undefined>;

/** A stack deploy as a task; the stack's files are checked before it starts. */
async function stackDeployTask(c: EngineClient, src: DeploySource): Promise<EngineTask<{ stack: string }>> {
  const s = swarmApi(c);
  const prepared = await s.prepareStackDeploy(src);
  return {
    kind: 'stack',
    title: `Deploy stack ${src.name}`,
    run: async (report, signal) => {
      await s.deployStack(src, prepared, { signal, onLine: progressFeed(report, `Deploying stack ${src.name}`) });
      return { stack: src.name };
    },
  };
}

/** A project's logs; containers that start later join through the engine's start events. */
function composeLogs(
  c: EngineClient,
  opts: Omit<ProjectLogsOptions, 'watchStarts'>,
  onEvent: (listener: (e: EngineEvent) => void) => () => void,
) {
  return projectLogs(c, {
    ...opts,
    watchStarts: (listener) =>
      onEvent((e) => {
        if (e.type !== 'container' || e.action !== 'start' || e.attributes[PROJECT_LABEL] !== opts.project) return;
        if (e.attributes['com.docker.compose.oneoff']?.toLowerCase() === 'true') return;
        listener({
          id: e.id,
          name: e.attributes.name ?? e.name ?? e.id.slice(0, 12),
          service: e.attributes['com.docker.compose.service'] ?? '',
          timeMs: e.time,
        });
      }),
  });
}

async function importImages(c: EngineClient, body: Readable, signal: AbortSignal) {
  let images: string[] = [];
  for await (const p of loadImageStream(c, body, 'load the uploaded images', { signal }))
    if (p.kind === 'done') images = p.images;
  return { images };
}

export const longRunning = {
  // containers: a run (a kept run is a task whose log is its output), files, terminals, logs, stats
  runContainer: (c: EngineClient, spec: RunSpec, hostEnv: HostEnv) => runContainer(c, spec, { hostEnv }),
  runKeepingOutput: (c: EngineClient, spec: RunSpec, hostEnv: HostEnv) => runKeepingOutput(c, spec, hostEnv),
  containerFiles: async (c: EngineClient, id: string, path: string): Promise<RequestResult<'containers.files'>> =>
    (await listContainerDir(c, id, path)).entries,
  openExec: async (c: EngineClient, id: string, opts: ExecSessionOptions, signal: AbortSignal) =>
    terminalOf(await openExecSession(c, id, opts), signal),
  openDebugShell: async (c: EngineClient, id: string, size: { cols: number; rows: number }, signal: AbortSignal) =>
    terminalOf(await openDebugShell(c, id, size), signal, 'busybox sh, debug'),
  containerLogs: (c: EngineClient, id: string, opts: LogsOptions) => readLogBytes(c, id, opts),
  containerStats: (c: EngineClient, id: string, signal: AbortSignal) => streamStats(c, id, { signal }),
  statsSampler: (c: EngineClient, bulk: () => BulkStatsSource | undefined) => sharedSampler(c, bulk),
  // transfers
  downloadContainerPath: (c: EngineClient, id: string, path: string, signal: AbortSignal) =>
    openContainerDownload(c, id, path, signal),
  downloadVolumePath: (c: EngineClient, name: string, path: string, signal: AbortSignal) =>
    openVolumeDownload(c, name, path, signal),
  exportImages: (c: EngineClient, refs: string[], signal: AbortSignal) => openImageExport(c, refs, signal),
  uploadToContainer: (
    c: EngineClient,
    id: string,
    dir: string,
    file: { name: string; size: number },
    body: AsyncIterable<Buffer>,
    signal: AbortSignal,
  ) => uploadStreamToContainer(c, id, dir, file, body, signal),
  importImages,
  // volumes as a whole: export, import, upload (streams) and a clone (a task)
  exportVolume: (c: EngineClient, name: string, signal: AbortSignal) => openVolumeExport(c, name, signal),
  importVolume: (c: EngineClient, name: string, body: AsyncIterable<Buffer>, signal: AbortSignal) =>
    importVolumeArchive(c, name, body, signal),
  uploadToVolume: (
    c: EngineClient,
    name: string,
    dir: string,
    upload: { body: AsyncIterable<Buffer>; size: number },
    signal: AbortSignal,
  ) => uploadToVolume(c, name, dir, upload, signal),
  cloneVolume: async (c: EngineClient, name: string, target: string) => cloneVolumeTask(c, name, target),
  // images, as tasks
  pullImage: async (c: EngineClient, ref: string, auth?: RegistryAuth) => pullTask(c, ref, auth),
  pushImage: async (c: EngineClient, ref: string, auth?: RegistryAuth) => pushTask(c, ref, auth),
  buildImage: (c: EngineClient, req: BuildRequest) => buildTask(c, req),
  saveImages: (c: EngineClient, refs: string[], path: string, overwrite?: boolean) =>
    saveTask(c, refs, path, overwrite),
  loadImages: (c: EngineClient, path: string) => loadTask(c, path),
  // compose
  composeProjects: (c: EngineClient): Promise<RequestResult<'compose.list'>> => listProjects(c),
  composeUp: (c: EngineClient, files: readonly string[] | undefined, project: string | undefined) =>
    composeUpTask(c, files, project),
  composeDown: (c: EngineClient, project: string, volumes: boolean) => composeDownTask(c, project, volumes),
  composePull: (c: EngineClient, project: string) => composePullTask(c, project),
  composeControl: async (c: EngineClient, project: string, verb: LabelVerb) => ({
    containers: await controlProject(c, project, verb),
  }),
  composeLogs,
  // compose, file first: the edited text checked (and the up plan), a verb for one service or all
  composeCheck: (c: EngineClient, req: CheckRequest, signal: AbortSignal): Promise<RequestResult<'compose.check'>> =>
    checkComposeEdit(c, req, { signal }),
  composeRun: (c: EngineClient, req: ComposeRunRequest) => composeRunTask(c, req),
  // swarm stacks
  deployStack: stackDeployTask,
};
