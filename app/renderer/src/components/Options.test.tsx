// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { Options } from './Options';

afterEach(cleanup);

const optionsOf = () => screen.getAllByRole('option').map((o) => [(o as HTMLOptionElement).value, o.textContent]);

describe('Options', () => {
  it('shows plain values as they are', () => {
    render(
      <select aria-label="Pick">
        <Options choices={['a', 'b']} />
      </select>,
    );
    expect(optionsOf()).toEqual([
      ['a', 'a'],
      ['b', 'b'],
    ]);
  });

  it('shows labelled values by their labels', () => {
    render(
      <select aria-label="Pick">
        <Options choices={[{ value: '', label: 'Auto' }, 'sh']} />
      </select>,
    );
    expect(optionsOf()).toEqual([
      ['', 'Auto'],
      ['sh', 'sh'],
    ]);
  });
});
