// The project's verbs for all services (Up, Restart, Pull, Build, Down), and the confirmations for
// what removes containers. They act on the saved files, which the bar says when there are unsaved edits.
import { useState } from 'react';
import { DownDialog } from '../DownDialog';
import type { ServiceVerb } from './UpPlan';

export interface RunRequest {
  verb: ServiceVerb;
  service?: string;
  volumes?: boolean;
}

const allVerbs: { verb: Exclude<ServiceVerb, 'down'>; label: string; title: string }[] = [
  { verb: 'up', label: 'Up', title: 'Create, recreate and start what the plan lists (up -d --remove-orphans)' },
  { verb: 'restart', label: 'Restart', title: "Restart every service's containers" },
  { verb: 'pull', label: 'Pull', title: 'Pull the images of every service' },
  { verb: 'build', label: 'Build', title: 'Build the images of the services that have a build section' },
];

export function ProjectRunBar({
  project,
  busy,
  containers,
  unsaved,
  onRun,
}: {
  project: string;
  /** How many containers the project has now. */
  containers: number;
  busy: boolean;
  unsaved: boolean;
  onRun(r: RunRequest): void;
}) {
  const [confirmDown, setConfirmDown] = useState(false);
  return (
    <div className="compose-run-bar">
      <div className="row-actions" role="group" aria-label={`All services of ${project}`}>
        {allVerbs.map((v) => (
          <button
            key={v.verb}
            type="button"
            className={v.verb === 'up' ? 'primary' : undefined}
            title={v.title}
            aria-label={`${v.label} all services`}
            disabled={busy}
            onClick={() => onRun({ verb: v.verb })}
          >
            {v.label} all
          </button>
        ))}
        <button
          type="button"
          className="danger-hover"
          aria-label="Down all services"
          disabled={busy}
          onClick={() => setConfirmDown(true)}
        >
          Down all
        </button>
      </div>
      {unsaved && (
        <span className="warning-text small" role="note">
          These use the saved file: save to include your changes.
        </span>
      )}
      {confirmDown && (
        <DownDialog
          project={{ name: project, total: containers, filesPresent: true }}
          onConfirm={async (volumes) => onRun({ verb: 'down', volumes })}
          onClose={() => setConfirmDown(false)}
        />
      )}
    </div>
  );
}
