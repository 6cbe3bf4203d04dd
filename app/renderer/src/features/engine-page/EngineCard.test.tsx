// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { EngineCard } from './EngineCard';

afterEach(cleanup);

const card = (running: boolean, query: { data?: string; error?: { message: string } | null }) =>
  render(
    <EngineCard title="Details" label="Engine details" running={running} query={query} show={(d) => <p>got {d}</p>}>
      <p>always</p>
    </EngineCard>,
  );

describe('EngineCard', () => {
  it('shows what it read while the engine runs', () => {
    card(true, { data: 'facts', error: null });
    const region = screen.getByRole('region', { name: 'Engine details' });
    expect(screen.getByRole('heading', { name: 'Details' })).toBeTruthy();
    expect(region.textContent).toBe('Detailsgot factsalways');
  });

  it('says the read failed, in its sentence', () => {
    card(true, { error: { message: 'The engine did not answer.' } });
    expect(screen.getByRole('region', { name: 'Engine details' }).textContent).toBe(
      'DetailsThe engine did not answer.always',
    );
  });

  it('shows nothing it read while the engine is stopped, and says so', () => {
    card(false, { data: 'stale', error: { message: 'old failure' } });
    expect(screen.getByRole('region', { name: 'Engine details' }).textContent).toBe(
      'DetailsShown while the engine runs.always',
    );
  });
});
