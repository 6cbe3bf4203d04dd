// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fieldClause, JsonLineDetail } from './JsonLineDetail';

afterEach(cleanup);

describe('JsonLineDetail', () => {
  it('shows a merged line formatted after its marker, offers its scalar fields as filters, and closes on Escape', async () => {
    const onFilter = vi.fn();
    const onClose = vi.fn();
    const text = 'api    | {"level":"warn","msg":"slow query","ms":812,"ok":false,"tags":["db"],"odd key":1}';
    render(<JsonLineDetail line={41} text={text} onClose={onClose} onFilter={onFilter} />);
    const region = screen.getByRole('region', { name: 'Line 42 as JSON' });
    expect(region.textContent).toContain('api    |');
    expect(region.querySelector('pre')!.textContent).toBe(
      JSON.stringify({ level: 'warn', msg: 'slow query', ms: 812, ok: false, tags: ['db'], 'odd key': 1 }, null, 2),
    );
    // The keyboard starts on Close.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close' }));
    // Scalars only, written as the field filter reads them.
    const group = screen.getByRole('group', { name: 'Filter by a field of this line' });
    expect([...group.querySelectorAll('button')].map((b) => b.textContent)).toEqual([
      'level=warn',
      'msg="slow query"',
      'ms=812',
      'ok=false',
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'msg="slow query"' }));
    expect(onFilter).toHaveBeenCalledWith('msg="slow query"');
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });

  it('says so when the line is no longer JSON it can show', () => {
    render(<JsonLineDetail line={0} text="" onClose={() => {}} onFilter={() => {}} />);
    expect(screen.getByText('This line is no longer held (it was dropped or replaced).')).toBeTruthy();
  });

  it('writes a clause only for what the filter can read back', () => {
    expect(fieldClause('level', 'error')).toBe('level=error');
    expect(fieldClause('msg', 'a b')).toBe('msg="a b"');
    expect(fieldClause('msg', '')).toBe('msg=""');
    expect(fieldClause('msg', 'say "hi"')).toBeUndefined();
    expect(fieldClause('user', { id: 1 })).toBeUndefined();
    expect(fieldClause('odd key', 1)).toBeUndefined();
  });
});
