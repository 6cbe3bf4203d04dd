// @vitest-environment happy-dom
// The Apply dialog over a scripted client: a dry run first whose diff is shown, the apply only of the
// previewed text (editing it asks for a new preview), invalid YAML's line on the field, a conflict's
// sentence and the explicit force, previewed again; a file read into the text.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeApplied } from '../../../../shared/contract/areas/kube';
import { CallError } from '../../api/client';
import { ApplyDialog, foldDiff } from './ApplyDialog';
import { setUp } from './test-support';

afterEach(cleanup);

const YAML = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n';
const configured: KubeApplied = {
  kind: 'Deployment',
  namespace: 'shop',
  name: 'web',
  action: 'configured',
  diff: '  kind: Deployment\n- spec:\n-   replicas: 2\n+ spec:\n+   replicas: 3',
};

function open(answer: (m: string, a: Record<string, unknown>) => unknown) {
  const t = setUp(answer);
  let closed = false;
  t.show(<ApplyDialog context="kind-dev" namespace="shop" onClose={() => (closed = true)} />);
  return { ...t, closed: () => closed, dialog: screen.getByRole('dialog', { name: 'Apply YAML to kind-dev' }) };
}

describe('foldDiff', () => {
  it('keeps three lines around each change and folds longer unchanged runs into a count', () => {
    const same = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `  line ${from + i}`);
    const diff = [...same(10), '- old', '+ new', ...same(3, 10), ...same(5, 13), '+ end'].join('\n');
    expect(foldDiff(diff)).toEqual([
      7,
      '  line 7',
      '  line 8',
      '  line 9',
      '- old',
      '+ new',
      '  line 10',
      '  line 11',
      '  line 12',
      2,
      '  line 15',
      '  line 16',
      '  line 17',
      '+ end',
    ]);
    expect(foldDiff('  a\n  b')).toEqual([2]);
  });
});

describe('ApplyDialog', () => {
  it('previews a dry run with its diff, then applies exactly the previewed text', async () => {
    const { calls, dialog, closed } = open((m, a) => (m === 'kube.apply' ? [configured] : a));
    const text = within(dialog).getByRole('textbox', { name: 'YAML' });
    await userEvent.click(text);
    await userEvent.paste(YAML);
    expect(within(dialog).queryByRole('button', { name: 'Apply' })).toBeNull();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Preview changes' }));
    const preview = await within(dialog).findByRole('region', { name: 'Preview of the changes' });
    expect(preview.textContent).toContain('1 of 1 objects would change');
    expect(preview.textContent).toContain('Deployment shop/web will change');
    const diff = within(preview).getByLabelText('Changes to Deployment shop/web');
    expect(diff.textContent).toContain('removed: -   replicas: 2');
    expect(diff.textContent).toContain('added: +   replicas: 3');
    expect(calls.filter((c) => c.method === 'kube.apply').map((c) => c.args)).toEqual([
      { context: 'kind-dev', namespace: 'shop', yaml: YAML, dryRun: true, force: false },
    ]);

    // Editing the text drops the preview: only previewed text is applied (the same text again is).
    await userEvent.type(text, '#');
    expect(within(dialog).queryByRole('button', { name: 'Apply' })).toBeNull();
    expect(within(dialog).queryByRole('region', { name: 'Preview of the changes' })).toBeNull();
    within(dialog).getByRole('button', { name: 'Preview changes' });
    await userEvent.type(text, '{Backspace}');
    await userEvent.click(await within(dialog).findByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(closed()).toBe(true));
    expect(calls.filter((c) => c.method === 'kube.apply').map((c) => c.args.dryRun)).toEqual([true, false]);
    expect(calls.at(-1)!.args).toMatchObject({ yaml: YAML, dryRun: false, force: false });
  });

  it('shows invalid YAML’s sentence on the field, and offers nothing to apply when nothing would change', async () => {
    let round = 0;
    const { dialog } = open((m) => {
      if (m !== 'kube.apply') return undefined;
      if (round++ === 0)
        throw new CallError({
          kind: 'invalid',
          field: 'yaml',
          message:
            'The YAML is not valid at line 3, column 9: Flow sequence in block collection must be sufficiently indented and end with a ]. Fix it and try again.',
        });
      return [{ ...configured, action: 'unchanged', diff: '' }];
    });
    const text = within(dialog).getByRole('textbox', { name: 'YAML' });
    await userEvent.click(text);
    await userEvent.paste('kind: Pod\nmetadata:\n  name: [x\n');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Preview changes' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('not valid at line 3, column 9');
    expect(text.getAttribute('aria-invalid')).toBe('true');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Preview changes' }));
    expect((await within(dialog).findByRole('region', { name: 'Preview of the changes' })).textContent).toContain(
      'nothing would change',
    );
    expect((within(dialog).getByRole('button', { name: 'Apply' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('on a conflict, shows the cluster’s sentence and applies with force only when asked and previewed', async () => {
    const { calls, dialog } = open((m, a) => {
      if (m !== 'kube.apply') return undefined;
      if (!a.force)
        throw new CallError({
          kind: 'conflict',
          message:
            'Kubernetes refused this because of a conflict: Apply failed with 1 conflict: conflict with "kubectl" using apps/v1: .spec.replicas.',
        });
      return [configured];
    });
    await userEvent.click(within(dialog).getByRole('textbox', { name: 'YAML' }));
    await userEvent.paste(YAML);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Preview changes' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('conflict with "kubectl"');
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: /Take over the fields other field managers own/ }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Preview changes' }));
    await userEvent.click(await within(dialog).findByRole('button', { name: 'Apply (force)' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'kube.apply')).toHaveLength(3));
    expect(calls.at(-1)!.args).toMatchObject({ dryRun: false, force: true });
  });

  it('reads a chosen file into the text', async () => {
    const { dialog } = open(() => undefined);
    const input = within(dialog).getByLabelText('Open a YAML file') as HTMLInputElement;
    await userEvent.upload(input, new File([YAML], 'web.yaml', { type: 'application/yaml' }));
    await waitFor(() =>
      expect((within(dialog).getByRole('textbox', { name: 'YAML' }) as HTMLTextAreaElement).value).toBe(YAML),
    );
    expect(dialog.textContent).toContain('Read from web.yaml.');
  });
});
