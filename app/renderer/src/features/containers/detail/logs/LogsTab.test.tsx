// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../../../../shared/contract';
import { renderWithClient } from '../../../../test/scripted-client';
import { LogsTab } from './LogsTab';

afterEach(cleanup);

const container = { id: 'c0ffee', name: 'web', state: 'running' } as ContainerSummary;

type Harness = ReturnType<typeof renderWithClient>;

/** The last containers.logs subscription the view opened. */
function lastLogs(t: Harness) {
  const s = t.subs.filter((f) => f.topic === 'containers.logs').at(-1);
  if (!s) throw new Error('no containers.logs subscription');
  return s as typeof s & { args: Record<string, unknown> };
}

/** Sends lines as the engine does: bytes, each line after its RFC 3339 timestamp. */
function send(t: Harness, lines: string[], end = false) {
  const sub = lastLogs(t);
  const text = lines.map((l, i) => `2026-12-04T09:00:0${i}.000000000Z ${l}\n`).join('');
  act(() => {
    t.deliver({ t: 'data', id: sub.id, seq: 1, items: [{ type: 'bytes', data: new TextEncoder().encode(text) }] });
    if (end) t.deliver({ t: 'end', id: sub.id });
  });
}

const log = () => screen.getByRole('log', { name: 'Logs of web' });

describe('LogsTab over time', () => {
  it('re-subscribes with since for a relative range, with since and until for an absolute one, and says a window with an end is not followed', async () => {
    const t = renderWithClient(<LogsTab container={container} />);
    expect(lastLogs(t).args).toEqual({ id: 'c0ffee', follow: true, timestamps: true, tail: 1000 });

    await userEvent.click(screen.getByRole('button', { name: 'Time range: Live' }));
    const before = Math.floor(Date.now() / 1000);
    await userEvent.click(screen.getByRole('button', { name: 'Last 15 min' }));
    const after = Math.floor(Date.now() / 1000);
    const relative = lastLogs(t).args;
    expect(relative).toMatchObject({ id: 'c0ffee', follow: true, tail: 'all' });
    expect(relative.since).toBeGreaterThanOrEqual(before - 900);
    expect(relative.since).toBeLessThanOrEqual(after - 900);
    expect(relative.until).toBeUndefined();
    // A range loads every line of its window: the Lines choice is gone.
    expect(screen.queryByRole('combobox', { name: 'Lines' })).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Time range: Last 15 min' }));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12-04T09:00:00' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-12-04T09:30:00' } });
    await userEvent.click(screen.getByRole('button', { name: 'Show this range' }));
    const absolute = lastLogs(t).args;
    expect(absolute).toEqual({
      id: 'c0ffee',
      follow: false,
      timestamps: true,
      tail: 'all',
      since: new Date(2026, 11, 4, 9, 0, 0).getTime() / 1000,
      until: new Date(2026, 11, 4, 9, 30, 0).getTime() / 1000,
    });

    send(t, ['first', 'second'], true);
    await waitFor(() => expect(within(log()).getByText('second')).toBeTruthy());
    const footer = document.querySelector('.log-footer')!.textContent!;
    expect(footer).toContain('2 lines');
    expect(footer).toContain('not following: the range ends at 2026-12-04 09:30:00');
    expect(footer).not.toContain('the log stream ended');

    await userEvent.click(screen.getByRole('button', { name: 'Back to live' }));
    expect(lastLogs(t).args).toEqual({ id: 'c0ffee', follow: true, timestamps: true, tail: 1000 });
    expect(screen.getByRole('combobox', { name: 'Lines' })).toBeTruthy();
  });

  it('an empty window says which window is empty', async () => {
    const t = renderWithClient(<LogsTab container={container} />);
    await userEvent.click(screen.getByRole('button', { name: 'Time range: Live' }));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12-04T09:00:00' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-12-04T09:30:00' } });
    await userEvent.click(screen.getByRole('button', { name: 'Show this range' }));
    act(() => t.deliver({ t: 'end', id: lastLogs(t).id }));
    expect(await screen.findByText('No log lines between 2026-12-04 09:00:00 and 2026-12-04 09:30:00.')).toBeTruthy();
  });

  it('colours JSON lines, keeps only the lines a field filter matches, and shows one line formatted', async () => {
    const t = renderWithClient(<LogsTab container={container} />);
    send(t, [
      '{"level":"info","msg":"started"}',
      'plain text line',
      '{"level":"error","msg":"disk full","code":28}',
      '{"level":"error","msg":"retry failed"}',
    ]);
    await waitFor(() => expect(within(log()).getByText('plain text line')).toBeTruthy());
    // Keys and values are coloured spans over the same text.
    const key = within(log()).getAllByText('"level"')[0]!;
    expect(key.className).toContain('ansi-fg-4');
    expect(within(log()).getByText('"disk full"').className).toContain('ansi-fg-2');

    await userEvent.type(screen.getByRole('combobox', { name: 'Filter by field' }), 'level=error');
    await waitFor(() => expect(within(log()).queryByText('"started"')).toBeNull());
    expect(within(log()).queryByText('plain text line')).toBeNull();
    expect(within(log()).getByText('"disk full"')).toBeTruthy();
    expect(within(log()).getByText('"retry failed"')).toBeTruthy();
    expect(screen.getByText('2 lines (1 not JSON hidden)')).toBeTruthy();

    // The search looks only at the lines kept.
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search logs' }), 'failed');
    expect(await screen.findByText('1 of 1')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Show line 3 as formatted JSON' }));
    const detail = screen.getByRole('region', { name: 'Line 3 as JSON' });
    expect(detail.querySelector('pre')!.textContent).toBe(
      JSON.stringify({ level: 'error', msg: 'disk full', code: 28 }, null, 2),
    );
    // A field of the line becomes the filter.
    await userEvent.click(within(detail).getByRole('button', { name: 'code=28' }));
    expect((screen.getByRole('combobox', { name: 'Filter by field' }) as HTMLInputElement).value).toBe('code=28');
    await waitFor(() => expect(within(log()).queryByText('"retry failed"')).toBeNull());
    await userEvent.click(within(detail).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('region', { name: 'Line 3 as JSON' })).toBeNull();
    // The keyboard goes back to the list.
    expect(document.activeElement).toBe(log());
    expect(document.querySelector('.log-footer')!.textContent).toContain('4 lines · 1 shown');

    // A line shown formatted belongs to its subscription: another range closes it.
    await userEvent.click(screen.getByRole('button', { name: 'Show line 3 as formatted JSON' }));
    expect(screen.getByRole('region', { name: 'Line 3 as JSON' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Time range: Live' }));
    await userEvent.click(screen.getByRole('button', { name: 'Last 5 min' }));
    expect(screen.queryByRole('region', { name: 'Line 3 as JSON' })).toBeNull();
  });
});
