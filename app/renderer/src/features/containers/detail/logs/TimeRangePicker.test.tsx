// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TimeRangePicker } from './TimeRangePicker';
import { fromLocalInput, LIVE, type LogRange } from './time-range';

afterEach(cleanup);

// A fixed clock: 4 December 2026, 10:00 local time.
const NOW = new Date(2026, 11, 4, 10, 0, 0).getTime();
const now = () => NOW;

function Harness({ onChange }: { onChange(r: LogRange): void }) {
  const [range, setRange] = useState<LogRange>(LIVE);
  return (
    <TimeRangePicker
      range={range}
      now={now}
      onChange={(r) => {
        setRange(r);
        onChange(r);
      }}
    />
  );
}

const from = () => screen.getByLabelText('From');
const to = () => screen.getByLabelText('To');

describe('TimeRangePicker', () => {
  it('picks a relative range, shows it on its button, and goes back to live', async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    const button = screen.getByRole('button', { name: 'Time range: Live' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(button);
    const dialog = screen.getByRole('dialog', { name: 'Time range' });
    expect(screen.getByRole('button', { name: 'Live' }).getAttribute('aria-pressed')).toBe('true');
    expect(dialog).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Last 15 min' }));
    expect(onChange).toHaveBeenLastCalledWith({ kind: 'preset', preset: '15m' });
    expect(screen.queryByRole('dialog')).toBeNull();
    // Focus goes back to the button, which names the range.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Time range: Last 15 min' }));
    await userEvent.click(screen.getByRole('button', { name: 'Back to live' }));
    expect(onChange).toHaveBeenLastCalledWith(LIVE);
    expect(screen.getByRole('button', { name: 'Time range: Live' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Back to live' })).toBeNull();
  });

  it('picks an absolute range in local time, with an end or open to now', async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    await userEvent.click(screen.getByRole('button', { name: 'Time range: Live' }));
    // The start is prefilled 15 minutes back; the end is empty (follows).
    expect(fromLocalInput((from() as HTMLInputElement).value)).toBe(NOW - 15 * 60_000);
    expect((to() as HTMLInputElement).value).toBe('');
    fireEvent.change(from(), { target: { value: '2026-12-04T09:00:00' } });
    fireEvent.change(to(), { target: { value: '2026-12-04T09:30:00' } });
    await userEvent.click(screen.getByRole('button', { name: 'Show this range' }));
    expect(onChange).toHaveBeenLastCalledWith({
      kind: 'absolute',
      from: new Date(2026, 11, 4, 9, 0, 0).getTime(),
      to: new Date(2026, 11, 4, 9, 30, 0).getTime(),
    });
    expect(screen.getByRole('button', { name: 'Time range: 09:00:00 – 09:30:00' })).toBeTruthy();

    // Reopened, it shows the range chosen; clearing the end keeps following from the start.
    await userEvent.click(screen.getByRole('button', { name: /^Time range:/ }));
    expect(fromLocalInput((to() as HTMLInputElement).value)).toBe(new Date(2026, 11, 4, 9, 30, 0).getTime());
    fireEvent.change(to(), { target: { value: '' } });
    await userEvent.click(screen.getByRole('button', { name: 'Show this range' }));
    expect(onChange).toHaveBeenLastCalledWith({ kind: 'absolute', from: new Date(2026, 11, 4, 9, 0, 0).getTime() });
    expect(screen.getByRole('button', { name: 'Time range: Since 09:00:00' })).toBeTruthy();
  });

  it('refuses an end before the start, or a time in the future, with a sentence, and keeps the range', async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    await userEvent.click(screen.getByRole('button', { name: 'Time range: Live' }));
    fireEvent.change(from(), { target: { value: '2026-12-04T09:30:00' } });
    fireEvent.change(to(), { target: { value: '2026-12-04T09:00:00' } });
    await userEvent.click(screen.getByRole('button', { name: 'Show this range' }));
    expect(screen.getByRole('alert').textContent).toBe('The end of the time range must be after its start.');
    expect(from().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('dialog', { name: 'Time range' })).toBeTruthy();

    // Editing clears the sentence; a start tomorrow is refused too.
    fireEvent.change(to(), { target: { value: '' } });
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.change(from(), { target: { value: '2026-12-05T09:00:00' } });
    await userEvent.click(screen.getByRole('button', { name: 'Show this range' }));
    expect(screen.getByRole('alert').textContent).toBe(
      'The start of the time range is in the future: pick a time up to now.',
    );
    fireEvent.change(from(), { target: { value: '' } });
    await userEvent.click(screen.getByRole('button', { name: 'Show this range' }));
    expect(screen.getByRole('alert').textContent).toBe('Give a start, an end, or both.');
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Time range: Live' })).toBeTruthy();
  });

  it('closes on Escape and gives focus back to its button', async () => {
    render(<Harness onChange={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Time range: Live' }));
    // The first choice takes focus, so the keyboard starts inside the dialog.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Live' }));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Time range: Live' }));
  });
});
