// A node's dialogs: its labels (KEY=value per line, what placement constraints read), and removing a
// node that is down.
import { useState } from 'react';
import type { SwarmNode } from '../../../../shared/contract/areas/swarm';
import { useClient } from '../../api/hooks';
import { useUi } from '../../app/ui-store';
import { Dialog } from '../../components/Dialog';
import { DialogForm } from '../../components/forms';
import { Field } from '../../components/kit';
import { RemoveObjectDialog } from '../../components/RemoveObjectDialog';
import { useStart } from '../../components/use-start';

/** "a=1\nb" → labels, or the first line that is not KEY=value. */
export function parseLabels(text: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  const lines = text.split('\n').map((l) => l.trim());
  for (const [i, l] of lines.entries()) {
    if (!l) continue;
    const m = /^([^=\s]+)(?:=(.*))?$/.exec(l);
    if (!m) return `Line ${i + 1}: a label is written KEY=value (or KEY alone for an empty value).`;
    out[m[1]!] = m[2] ?? '';
  }
  return out;
}

export function NodeLabelsDialog({ node, onClose }: { node: SwarmNode; onClose(): void }) {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const [text, setText] = useState(
    Object.entries(node.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
  );
  const [touched, setTouched] = useState(false);
  const s = useStart();
  const parsed = parseLabels(text);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (typeof parsed === 'string') return;
    const ok = await s.run(async () => {
      await client.request('nodes.update', { id: node.id, labels: parsed });
      return true;
    });
    if (ok) {
      toast('success', `Saved the labels of ${node.hostname}.`);
      onClose();
    }
  };
  return (
    <Dialog title={`Labels of ${node.hostname}`} onClose={onClose}>
      <DialogForm submitLabel="Save" busy={s.busy} onSubmit={(e) => void submit(e)} onCancel={onClose}>
        <Field
          id="node-labels"
          label="Labels (one KEY=value per line)"
          error={(touched && typeof parsed === 'string' ? parsed : undefined) ?? s.error?.message}
          hint="Placement constraints read them as node.labels.KEY, e.g. node.labels.zone==east."
        >
          <textarea
            id="node-labels"
            rows={5}
            value={text}
            spellCheck={false}
            onChange={(e) => setText(e.target.value)}
          />
        </Field>
      </DialogForm>
    </Dialog>
  );
}

export function RemoveNodeDialog({ node, onClose }: { node: SwarmNode; onClose(): void }) {
  const client = useClient();
  return (
    <RemoveObjectDialog
      noun="node"
      name={node.hostname}
      remove={() => client.request('nodes.remove', { id: node.id })}
      onClose={onClose}
    >
      <p>
        {node.hostname} is down. Removing it forgets it; to come back it joins again with a token. Its tasks were
        already moved to other nodes.
      </p>
    </RemoveObjectDialog>
  );
}
