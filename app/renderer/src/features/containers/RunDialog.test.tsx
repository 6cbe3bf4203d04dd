// @vitest-environment happy-dom
import type { QueryClient } from '@tanstack/react-query';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImageSummary, RunSpec, TaskInfo } from '../../../../shared/contract';
import { refuse, renderWithClient, setTasks, type Answer } from '../../test-support/render';
import { RunDialog } from './RunDialog';

afterEach(() => {
  cleanup();
  location.hash = '';
});

const image = (tags: string[], id = 'sha256:' + 'a'.repeat(64)): ImageSummary => ({
  id,
  tags,
  digests: [],
  size: 1000,
  created: 0,
  inUse: false,
  dangling: false,
  containers: [],
});

const task = (over: Partial<TaskInfo>): TaskInfo => ({
  id: 't1',
  kind: 'pull',
  title: 'Pull x',
  state: 'running',
  progress: {},
  started: 1,
  ...over,
});

/** The tasks the server knows (the task centre's stream keeps ['tasks.list'] current in the app). */
let tasksNow: TaskInfo[] = [];
afterEach(() => {
  tasksNow = [];
});

/** Answers the lists the dialog reads, then `more`. */
function answers(more: Answer = () => undefined, images: ImageSummary[] = [image(['busybox:latest'])]): Answer {
  return (method, args) => {
    if (method === 'images.list') return images;
    if (method === 'networks.list') return [];
    if (method === 'tasks.list') return tasksNow;
    if (method === 'images.inspect') return { exposedPorts: [] };
    return more(method, args);
  };
}

/** The server refuses every run with `info`. */
const refusingRun = (info: Parameters<typeof refuse>[0]) =>
  answers((m) => (m === 'containers.run' ? refuse(info) : undefined));

/** The tasks stream says the tasks are now `list`. */
async function tasksAre(r: { queryClient: QueryClient }, list: TaskInfo[]) {
  tasksNow = list;
  await setTasks(r.queryClient, list);
}

/** Opens the dialog for `image` with the server answering `answer`. */
function open(answer: Answer = answers(), image = 'busybox') {
  const user = userEvent.setup();
  return { user, r: renderWithClient(<RunDialog image={image} onClose={() => undefined} />, answer) };
}

const alerts = () => screen.queryAllByRole('alert').map((a) => a.textContent);

describe('the run form', () => {
  it('"Add a port" shows no error before anything is typed; a field left empty says so once left', async () => {
    const { user } = open();
    await user.click(screen.getByRole('button', { name: 'Add a port' }));
    expect(screen.getByRole('group', { name: 'Port 1' })).toBeTruthy();
    expect(alerts()).toEqual([]);
    await user.click(screen.getByRole('textbox', { name: 'Container port 1' }));
    await user.tab();
    expect(alerts()).toEqual(['Port 1, container port: A port is a number.']);
    expect(screen.getByRole('textbox', { name: 'Container port 1' }).getAttribute('aria-invalid')).toBe('true');
  });

  it('shows every problem on Run, and nothing reaches the server', async () => {
    const { user, r } = open(answers(), '');
    await user.click(screen.getByRole('button', { name: 'Add a port' }));
    await user.click(screen.getByRole('button', { name: 'Run' }));
    expect(alerts()).toEqual(['Give an image, e.g. nginx:latest.', 'Port 1, container port: A port is a number.']);
    expect(r.callsTo('containers.run')).toEqual([]);
    // focus goes to the first problem
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Image' })));
  });

  it('a field left for a button waits: the problem would move the button from under the pointer', async () => {
    const { user } = open();
    await user.type(screen.getByRole('textbox', { name: /Environment/ }), 'bad line');
    await user.click(screen.getByRole('button', { name: 'Add a mount' }));
    expect(alerts()).toEqual([]);
    await user.click(screen.getByRole('textbox', { name: /Environment/ }));
    await user.click(screen.getByRole('textbox', { name: 'Name (optional)' }));
    expect(alerts()).toHaveLength(1);
  });

  it('shows every environment error, not only the first, once the field is left', async () => {
    const { user } = open();
    const env = screen.getByRole('textbox', { name: /Environment/ });
    await user.type(env, 'GOOD=1{Enter}bad line{Enter}=nokey');
    expect(alerts()).toEqual([]);
    await user.tab();
    const shown = alerts();
    expect(shown).toHaveLength(2);
    expect(shown[0]).toMatch(/^Line 2: An environment variable is written KEY=value, or KEY alone/);
    expect(shown[1]).toMatch(/^Line 3: /);
  });

  it('takes a bare KEY (passed on from the environment, as docker run -e KEY)', async () => {
    const { user, r } = open(
      answers((m) => (m === 'containers.run' ? { id: 'c'.repeat(64), warnings: [] } : undefined)),
    );
    await user.type(screen.getByRole('textbox', { name: /Environment/ }), 'HOME_DIR{Enter}A=1');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    expect(alerts()).toEqual([]);
    expect((r.callsTo('containers.run')[0] as RunSpec).env).toEqual(['HOME_DIR', 'A=1']);
    expect(location.hash).toBe(`#/containers/${'c'.repeat(64)}`);
  });

  it("puts the engine's refusal on the field it names: a wrong command on Command, not on Image", async () => {
    const { user } = open(
      refusingRun({
        kind: 'invalid',
        field: 'command',
        message: 'Could not start: the command does not exist in the image.',
      }),
    );
    await user.type(screen.getByRole('textbox', { name: 'Command (optional)' }), 'nope');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    const command = screen.getByRole('textbox', { name: 'Command (optional)' });
    expect(command.getAttribute('aria-invalid')).toBe('true');
    expect(command.closest('.field')?.textContent).toMatch(/command does not exist/);
    expect(screen.getByRole('combobox', { name: 'Image' }).closest('.field')?.textContent).not.toMatch(/command/);
  });

  it('an internal error (no field) shows under the form, not at the ports', async () => {
    const { user } = open(
      refusingRun({
        kind: 'internal',
        message: 'Could not start: the engine reported an error (operation not supported).',
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Run' }));
    const ports = screen.getByRole('group', { name: 'Published ports' });
    expect(within(ports).queryByRole('alert')).toBeNull();
    expect(alerts()).toEqual(['Could not start: the engine reported an error (operation not supported).']);
  });

  it('a refusal at a field goes once that field is changed', async () => {
    const { user } = open(refusingRun({ kind: 'conflict', field: 'name', message: 'That name is already in use.' }));
    await user.type(screen.getByRole('textbox', { name: 'Name (optional)' }), 'web');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    expect(alerts()).toEqual(['That name is already in use.']);
    await user.type(screen.getByRole('textbox', { name: 'Name (optional)' }), '2');
    expect(alerts()).toEqual([]);
  });

  it('refuses "remove when it exits" with a restart policy before the engine does', async () => {
    const { user, r } = open();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Restart policy' }), 'always');
    await user.click(screen.getByRole('checkbox', { name: /Remove the container when it exits/ }));
    expect(alerts()[0]).toMatch(/cannot also be restarted/);
    await user.click(screen.getByRole('button', { name: 'Run' }));
    expect(r.callsTo('containers.run')).toEqual([]);
  });
});

describe('runs like docker run', () => {
  it('offers the ports the image EXPOSEs, and adds a row for one in a click', async () => {
    const { user } = open(
      (method) =>
        method === 'images.list'
          ? [image(['web:latest'])]
          : method === 'images.inspect'
            ? { exposedPorts: ['80/tcp', '53/udp'] }
            : [],
      'web',
    );
    const offer = await screen.findByRole('group', { name: 'Ports the image exposes' });
    expect(offer.textContent).toMatch(/web:latest exposes 80\/tcp, 53\/udp/);
    await user.click(within(offer).getByRole('button', { name: 'Publish 53/udp' }));
    expect((screen.getByRole('textbox', { name: 'Container port 1' }) as HTMLInputElement).value).toBe('53');
    expect((screen.getByRole('combobox', { name: 'Protocol 1' }) as HTMLSelectElement).value).toBe('udp');
    expect(within(offer).queryByRole('button', { name: 'Publish 53/udp' })).toBeNull();
    expect(alerts()).toEqual([]);
  });

  it('pulls an image the engine lacks, shows the pull, then runs', async () => {
    let runs = 0;
    const { user, r } = open(
      answers((m) => {
        if (m === 'containers.run' && runs++ === 0)
          refuse({ kind: 'not-found', field: 'image', message: 'Could not create: the image is not on this engine.' });
        if (m === 'containers.run') return { id: 'd'.repeat(64), warnings: [] };
        if (m === 'images.pull') return task({ title: 'Pull registry.local/app:1' });
        return undefined;
      }),
      'registry.local/app:1',
    );
    await user.click(screen.getByRole('button', { name: 'Run' }));
    const pull = await screen.findByRole('region', { name: 'Pulling the image' });
    expect(pull.textContent).toMatch(/registry.local\/app:1 is not on this engine yet: pulling it/);
    expect(r.callsTo('images.pull')).toEqual([{ ref: 'registry.local/app:1' }]);
    expect(screen.getByRole('button', { name: 'Pulling…' }).hasAttribute('disabled')).toBe(true);
    await tasksAre(r, [task({ state: 'done', progress: { text: 'Pulled' } })]);
    await screen.findByText((_, el) => el === document.body && location.hash === `#/containers/${'d'.repeat(64)}`);
    expect(r.callsTo('containers.run')).toHaveLength(2);
  });

  it('a failed pull is said at the image, and nothing runs', async () => {
    const { user, r } = open(
      answers((m) => {
        if (m === 'containers.run') refuse({ kind: 'not-found', field: 'image', message: 'not here' });
        if (m === 'images.pull') return task({});
        return undefined;
      }),
      'nope/none:1',
    );
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByRole('region', { name: 'Pulling the image' });
    await tasksAre(r, [
      task({ state: 'failed', error: { kind: 'not-found', message: 'The registry has no such image.' } }),
    ]);
    expect(screen.getByRole('combobox', { name: 'Image' }).closest('.field')?.textContent).toMatch(/no such image/);
    expect(r.callsTo('containers.run')).toHaveLength(1);
  });

  it('a one-shot run that removes itself shows its output and exit code, and can run again', async () => {
    const run = task({ id: 'r1', kind: 'run', title: 'Run busybox echo hi', progress: { text: 'Running', log: [] } });
    const { user, r } = open(
      answers((m) => (m === 'containers.run' ? { id: 'e'.repeat(64), warnings: [], task: run } : undefined)),
    );
    await user.type(screen.getByRole('textbox', { name: 'Command (optional)' }), 'echo hi');
    await user.click(screen.getByRole('checkbox', { name: /Remove the container when it exits/ }));
    await user.click(screen.getByRole('button', { name: 'Run' }));
    expect(await screen.findByRole('button', { name: 'Stop' })).toBeTruthy();
    await tasksAre(r, [
      { ...run, state: 'done', progress: { text: 'Exited with code 3; the container was removed', log: ['hi'] } },
    ]);
    expect(screen.getByRole('status').textContent).toBe('Exited with code 3; the container was removed');
    expect(screen.getByLabelText('Output').textContent).toBe('hi');
    expect(location.hash).toBe('');
    await user.click(screen.getByRole('button', { name: 'Run again' }));
    expect((screen.getByRole('textbox', { name: 'Command (optional)' }) as HTMLInputElement).value).toBe('echo hi');
  });
});
