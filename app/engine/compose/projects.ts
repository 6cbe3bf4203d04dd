// Compose projects found from container labels, so projects started from any terminal show up,
// including those whose compose files are gone (they stay controllable by label).
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { ComposeContainer, ComposeProject, ComposeService } from '../../shared/contract/areas/compose';
import type { EngineClient } from '../docker/client';
import { listContainers, type ContainerSummary } from '../docker/containers';

export const PROJECT_LABEL = 'com.docker.compose.project';

/** Config files as absolute paths: compose v1 records them relative to the working dir. */
export function absoluteConfigFiles(files: readonly string[], workingDir: string | undefined): string[] {
  return files.map((f) => (isAbsolute(f) || !workingDir ? f : resolve(workingDir, f)));
}

function toComposeContainer(c: ContainerSummary): ComposeContainer {
  return {
    id: c.id,
    name: c.name,
    service: c.compose!.service,
    ...(c.compose!.number !== undefined ? { number: c.compose!.number } : {}),
    state: c.state,
    status: c.status,
    image: c.image,
    ports: c.ports,
  };
}

/**
 * Groups containers into projects by their compose labels. One-off containers (`compose run`) are
 * left out, as compose itself leaves them out of start/stop. `fileExists` decides `filesPresent`.
 */
export function groupProjects(
  containers: readonly ContainerSummary[],
  fileExists: (path: string) => boolean,
): ComposeProject[] {
  const projects = new Map<string, { p: ComposeProject; services: Map<string, ComposeService> }>();
  for (const c of containers) {
    const labels = c.compose;
    if (!labels || labels.oneoff) continue;
    let entry = projects.get(labels.project);
    if (!entry) {
      entry = {
        p: { name: labels.project, configFiles: [], filesPresent: false, services: [], running: 0, total: 0 },
        services: new Map(),
      };
      projects.set(labels.project, entry);
    }
    const { p, services } = entry;
    if (labels.workingDir && !p.workingDir) p.workingDir = labels.workingDir;
    if (labels.configFiles?.length && !p.configFiles.length)
      p.configFiles = absoluteConfigFiles(labels.configFiles, labels.workingDir);
    let s = services.get(labels.service);
    if (!s) {
      s = { name: labels.service, containers: [], running: 0 };
      services.set(labels.service, s);
    }
    s.containers.push(toComposeContainer(c));
    p.total++;
    if (c.state === 'running') {
      s.running++;
      p.running++;
    }
  }
  return [...projects.values()]
    .map(({ p, services }) => ({
      ...p,
      filesPresent: p.configFiles.length > 0 && p.configFiles.every((f) => fileExists(f)),
      services: [...services.values()]
        .map((s) => ({
          ...s,
          containers: s.containers.sort((a, b) => (a.number ?? 0) - (b.number ?? 0) || a.name.localeCompare(b.name)),
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Containers of one project (one-offs excluded), straight from the engine by label. */
export async function projectContainers(client: EngineClient, project: string): Promise<ContainerSummary[]> {
  const all = await listContainers(client, { all: true, filters: { label: [`${PROJECT_LABEL}=${project}`] } });
  return all.filter((c) => c.compose && !c.compose.oneoff);
}

export async function listProjects(client: EngineClient): Promise<ComposeProject[]> {
  const containers = await listContainers(client, { all: true, filters: { label: [PROJECT_LABEL] } });
  return groupProjects(containers, existsSync);
}

/** One project by name, or undefined when no container carries its label. */
export async function findProject(client: EngineClient, project: string): Promise<ComposeProject | undefined> {
  return groupProjects(await projectContainers(client, project), existsSync)[0];
}
