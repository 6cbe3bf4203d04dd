// The Engine page's Troubleshoot card: a diagnostics bundle to save, and the two destructive
// actions, each behind a dialog that states exactly what goes before anything is done.
import { useState } from 'react';
import { DownloadDialog } from '../../components/TransferDialogs';
import { PurgeDialog, ResetDialog } from './TroubleshootDialogs';

type Open = 'bundle' | 'purge' | 'reset' | undefined;

export function Troubleshoot() {
  const [open, setOpen] = useState<Open>();
  const close = () => setOpen(undefined);
  return (
    <div className="card" role="region" aria-label="Troubleshoot">
      <div className="card-head">
        <h2>Troubleshoot</h2>
      </div>
      <p className="muted small">
        The bundle holds versions, the checks, the engine's information and log, Berth's log and settings, with secrets
        removed. Purge and Reset show what they change first and ask you to confirm.
      </p>
      <div className="button-row">
        <button type="button" onClick={() => setOpen('bundle')}>
          Diagnostics bundle…
        </button>
        <button type="button" onClick={() => setOpen('reset')}>
          Reset settings…
        </button>
        <button type="button" className="danger" onClick={() => setOpen('purge')}>
          Purge data…
        </button>
      </div>
      {open === 'bundle' && (
        <DownloadDialog
          title="Save a diagnostics bundle"
          intro={
            <p>
              Berth collects versions, the engine checks, the engine's information and the end of its log, Berth's own
              log, tasks and settings into one <code>.tar.gz</code>, with passwords, tokens and credentials removed and
              no container's environment. README.txt inside lists what is in it and what was removed.
            </p>
          }
          submitLabel="Save"
          topic="troubleshoot.bundle"
          args={{}}
          type="application/gzip"
          onClose={close}
        />
      )}
      {open === 'purge' && <PurgeDialog onClose={close} />}
      {open === 'reset' && <ResetDialog onClose={close} />}
    </div>
  );
}
