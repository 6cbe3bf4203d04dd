// @vitest-environment happy-dom
// The volume move dialogs against a scripted transport (the contract's frames; the engine side is
// in volume-moves.int.test.ts and e2e/volumes.spec.ts): Empty asks for the name before anything is
// sent, Import checks its name and file first and streams the file, Clone starts its task, Export
// streams into a download.
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VolumeSummary } from '../../../../shared/contract';
import { renderWithClient } from '../../test/scripted-client';
import { pickedFiles } from './UploadButtons';
import { CloneVolumeDialog, EmptyVolumeDialog, ExportVolumeDialog, ImportVolumeDialog } from './VolumeMoveDialogs';

afterEach(cleanup);

const vol = (extra: Partial<VolumeSummary> = {}): VolumeSummary =>
  ({
    name: 'data',
    driver: 'local',
    mountpoint: '',
    labels: {},
    inUse: false,
    containers: [],
    ...extra,
  }) as VolumeSummary;

describe('Empty', () => {
  it('sends nothing until the name is typed, then empties and says so', async () => {
    const r = renderWithClient(
      <EmptyVolumeDialog volume={vol({ inUse: true, containers: ['web'] })} onClose={() => {}} />,
    );
    expect(screen.getByText(/Used by web/)).toBeTruthy();
    const empty = screen.getByRole('button', { name: 'Empty' }) as HTMLButtonElement;
    expect(empty.disabled).toBe(true);
    await userEvent.type(screen.getByLabelText('Type data to confirm'), 'dat');
    expect(empty.disabled).toBe(true);
    expect(r.sent).toEqual([]);
    await userEvent.type(screen.getByLabelText('Type data to confirm'), 'a');
    await userEvent.click(empty);
    await waitFor(() => expect(r.sent.map((f) => f.method)).toEqual(['volumes.empty']));
    expect(r.sent[0]!.args).toEqual({ name: 'data', confirm: 'data' });
    r.reply('volumes.empty', { name: 'data' });
    expect((await screen.findByRole('status')).textContent).toMatch(/Every file in data was deleted/);
  });

  it('shows a refusal as its sentence', async () => {
    const r = renderWithClient(<EmptyVolumeDialog volume={vol()} onClose={() => {}} />);
    await userEvent.type(screen.getByLabelText('Type data to confirm'), 'data');
    await userEvent.click(screen.getByRole('button', { name: 'Empty' }));
    await waitFor(() => expect(r.sent).toHaveLength(1));
    r.fail('volumes.empty', {
      kind: 'conflict',
      message: 'Could not empty volume "data": the running container "web" uses it. Stop it first.',
    });
    expect(await screen.findByText(/Stop it first/)).toBeTruthy();
  });
});

describe('Import', () => {
  it('refuses a bad name and a missing file before anything is sent, then streams the file', async () => {
    const r = renderWithClient(<ImportVolumeDialog onClose={() => {}} />);
    await userEvent.type(screen.getByLabelText('Volume name'), 'bad name!');
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText(/A name uses only letters/)).toBeTruthy();
    expect(screen.getByText(/Choose a .tar or .tar.gz file/)).toBeTruthy();
    expect(r.subs).toEqual([]);
    await userEvent.clear(screen.getByLabelText('Volume name'));
    await userEvent.type(screen.getByLabelText('Volume name'), 'restored');
    const file = new File([new Uint8Array(3000)], 'backup.tar.gz');
    await userEvent.upload(screen.getByLabelText('Archive'), file);
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(r.subs.map((s) => s.topic)).toEqual(['volumes.import']));
    expect(r.subs[0]!.args).toEqual({ name: 'restored', size: 3000 });
  });
});

describe('Clone', () => {
  it('starts the clone with the name given', async () => {
    const r = renderWithClient(<CloneVolumeDialog name="data" onClose={() => {}} />);
    const target = screen.getByLabelText('New volume name') as HTMLInputElement;
    expect(target.value).toBe('data-copy');
    await userEvent.click(screen.getByRole('button', { name: 'Clone' }));
    await waitFor(() => expect(r.sent.map((f) => f.method)).toEqual(['volumes.clone']));
    expect(r.sent[0]!.args).toEqual({ name: 'data', target: 'data-copy' });
  });
});

describe('Export', () => {
  it('streams the .tar.gz into a download', async () => {
    const saved: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => (saved.push(b), 'blob:x'));
    URL.revokeObjectURL = vi.fn();
    const r = renderWithClient(<ExportVolumeDialog name="data" onClose={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(r.subs.map((s) => s.topic)).toEqual(['volumes.export']));
    const id = r.subs[0]!.id;
    r.deliver({
      t: 'data',
      id,
      items: [
        { type: 'file', name: 'data.tar.gz' },
        { type: 'bytes', data: new Uint8Array([0x1f, 0x8b, 1]) },
      ],
    } as never);
    r.deliver({ t: 'end', id } as never);
    expect((await screen.findByText(/Saved data.tar.gz \(3 B\)/)).textContent).toBeTruthy();
    expect(saved[0]!.size).toBe(3);
  });
});

describe('pickedFiles', () => {
  it('keeps a folder’s relative paths and refuses what cannot go into a tar', () => {
    const f = Object.assign(new File(['x'], 'a.txt'), { webkitRelativePath: 'site/a.txt' });
    const r = pickedFiles([f, new File(['y'], 'b.txt')]);
    expect('files' in r && r.files.map((x) => x.path)).toEqual(['site/a.txt', 'b.txt']);
    expect(pickedFiles([])).toEqual({ problem: 'No files were chosen.' });
    const bad = Object.assign(new File(['x'], 'x'), { webkitRelativePath: '../x' });
    expect(pickedFiles([bad])).toMatchObject({ problem: expect.stringContaining('".." part') });
  });
});
