// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { RefreshCard } from './RefreshCard';

afterEach(cleanup);

const query = (over: Partial<{ isFetching: boolean; error: { message: string } | null }> = {}) => {
  const q = { isFetching: false, error: null, asked: 0, refetch: () => (q.asked += 1), ...over };
  return q;
};

describe('RefreshCard', () => {
  it('is a region named by its heading whose button asks the query again', async () => {
    const q = query();
    render(
      <RefreshCard title="Engines" wide query={q} again="Look again" busy="Looking…">
        <p>body</p>
      </RefreshCard>,
    );
    const region = screen.getByRole('region', { name: 'Engines' });
    expect(region.className).toBe('card wide-card');
    expect(screen.getByRole('heading', { name: 'Engines' })).toBeTruthy();
    expect(screen.getByText('body')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Look again' }));
    expect(q.asked).toBe(1);
  });

  it('says it is busy and holds the button while the query runs, and shows its failure', () => {
    render(
      <RefreshCard
        title="Diagnostics"
        query={query({ isFetching: true, error: { message: 'No engine.' } })}
        again="Run the checks again"
        busy="Checking…"
      >
        {null}
      </RefreshCard>,
    );
    expect(screen.getByRole('region', { name: 'Diagnostics' }).className).toBe('card');
    expect(screen.getByRole('button', { name: 'Checking…' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByText('No engine.').className).toBe('error-text');
  });

  it('when held, the button is disabled and no failure shows', () => {
    render(
      <RefreshCard
        title="Disk usage"
        disabled
        query={query({ error: { message: 'Gone.' } })}
        again="Measure again"
        busy="Measuring…"
      >
        {null}
      </RefreshCard>,
    );
    expect(screen.getByRole('button', { name: 'Measure again' }).hasAttribute('disabled')).toBe(true);
    expect(screen.queryByText('Gone.')).toBeNull();
  });
});
