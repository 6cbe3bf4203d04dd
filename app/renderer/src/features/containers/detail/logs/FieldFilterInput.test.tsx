// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { FieldFilterInput, fieldCountText } from './FieldFilterInput';
import { parseFieldFilter } from './field-filter';

afterEach(cleanup);

/** The input as the logs view drives it: the filter parsed as typed, its error shown. */
function Harness({ kept, notJson = 0 }: { kept?: number; notJson?: number }) {
  const [value, setValue] = useState('');
  const parsed = parseFieldFilter(value);
  return (
    <FieldFilterInput
      value={value}
      onChange={setValue}
      error={parsed && !parsed.ok ? parsed.error : undefined}
      kept={parsed?.ok ? kept : undefined}
      notJson={notJson}
      scanning={false}
      fields={['level', 'msg']}
    />
  );
}

describe('FieldFilterInput', () => {
  it('takes a filter, says how many lines it keeps and how many are hidden as not JSON', async () => {
    render(<Harness kept={3} notJson={2} />);
    const input = screen.getByRole('combobox', { name: 'Filter by field' });
    expect(screen.getByRole('status').textContent).toBe('');
    await userEvent.type(input, 'level=error');
    expect((input as HTMLInputElement).value).toBe('level=error');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('3 lines (2 not JSON hidden)');
    // Suggestions are the fields seen.
    const list = document.getElementById(input.getAttribute('list')!)!;
    expect([...list.querySelectorAll('option')].map((o) => o.value)).toEqual(['level', 'msg']);
    // Escape clears it.
    await userEvent.keyboard('{Escape}');
    expect((input as HTMLInputElement).value).toBe('');
  });

  it('refuses a filter it cannot read with a sentence tied to the input', async () => {
    render(<Harness kept={0} />);
    const input = screen.getByRole('combobox', { name: 'Filter by field' });
    await userEvent.type(input, 'level=="error');
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('A quoted value is not closed: add the closing ".');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe(alert.id);
    await userEvent.clear(input);
    await userEvent.type(input, 'status>=');
    expect(screen.getByRole('alert').textContent).toBe('Give a value to compare status with.');
    await userEvent.type(input, '500');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('0 lines');
  });

  it('counts in words', () => {
    expect(fieldCountText(undefined, 0, false)).toBe('');
    expect(fieldCountText(1, 0, false)).toBe('1 line');
    expect(fieldCountText(1, 0, true)).toBe('1+ lines');
    expect(fieldCountText(1200, 5, false)).toBe('1,200 lines (5 not JSON hidden)');
  });
});
