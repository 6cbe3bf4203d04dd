// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { lazyComponent, PageLoading } from './lazy';

afterEach(cleanup);

function Greeting({ name }: { name: string }) {
  return <h1>Hello {name}</h1>;
}

describe('lazyComponent', () => {
  it('says it is loading, then shows the component with its props once fetched', async () => {
    let release!: () => void;
    const fetched = new Promise<void>((r) => (release = r));
    const Lazy = lazyComponent(() => fetched.then(() => Greeting));
    render(
      <Suspense fallback={<PageLoading />}>
        <Lazy name="Berth" />
      </Suspense>,
    );
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    release();
    expect((await screen.findByRole('heading')).textContent).toBe('Hello Berth');
  });

  it('tries a failed fetch again (a network change drops requests in flight) and shows the part', async () => {
    let calls = 0;
    const Lazy = lazyComponent<{ name: string }>(
      () => (++calls < 3 ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve(Greeting)),
      [0, 0],
    );
    render(
      <Suspense fallback={<PageLoading />}>
        <Lazy name="Berth" />
      </Suspense>,
    );
    expect((await screen.findByRole('heading')).textContent).toBe('Hello Berth');
    expect(calls).toBe(3);
  });

  it('a part that cannot be fetched after its retries says so and offers a reload', async () => {
    let calls = 0;
    const Lazy = lazyComponent<{ name: string }>(() => {
      calls += 1;
      return Promise.reject(new TypeError('Failed to fetch'));
    }, [0, 0]);
    render(
      <Suspense fallback={<PageLoading />}>
        <Lazy name="Berth" />
      </Suspense>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('could not be loaded');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
    expect(calls).toBe(3);
  });
});
