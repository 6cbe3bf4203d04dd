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

  it('a part that cannot be fetched says so and offers a reload, instead of an empty page', async () => {
    const Lazy = lazyComponent<{ name: string }>(() => Promise.reject(new TypeError('Failed to fetch')));
    render(
      <Suspense fallback={<PageLoading />}>
        <Lazy name="Berth" />
      </Suspense>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('could not be loaded');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
  });
});
