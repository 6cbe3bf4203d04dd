// A project's logs: every service in one stream, interleaved by time, each line marked and coloured
// by its service (MergedLogs over compose.logs).
import type { ComposeProject } from '../../../../shared/contract/areas/compose';
import { MergedLogs, type UseMergedLines } from './MergedLogs';
import { useProjectLogs } from './use-project-logs';

export function ProjectLogs({ project }: { project: ComposeProject }) {
  // Called by MergedLogs on every render, in the same place: a hook of its own.
  const useLines: UseMergedLines = (services, tail, prefix, range) =>
    useProjectLogs(project.name, services, tail, prefix, range);
  return (
    <MergedLogs
      name={project.name}
      label={`Logs of project ${project.name}`}
      services={project.services}
      errorFallback="The project logs could not be read."
      emptyText={
        project.running ? 'No log output yet.' : 'No logs: the project\u2019s containers wrote none, or none exist.'
      }
      useLines={useLines}
      timeRange
    />
  );
}
