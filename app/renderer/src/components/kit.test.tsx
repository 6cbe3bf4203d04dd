// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Field } from './kit';

afterEach(cleanup);

describe('Field', () => {
  it('labels its input and shows its hint (with the hint class given) until there is an error', () => {
    const { rerender } = render(
      <Field id="f" label="Registry" hint="Its host and port." hintClass="registry-hint">
        <input id="f" />
      </Field>,
    );
    expect(screen.getByLabelText('Registry').id).toBe('f');
    expect(screen.getByText('Its host and port.').className).toBe('muted small registry-hint');
    rerender(
      <Field id="f" label="Registry" hint="Its host and port." error="Name a registry.">
        <input id="f" />
      </Field>,
    );
    expect(screen.queryByText('Its host and port.')).toBeNull();
    expect(screen.getByRole('alert').textContent).toBe('Name a registry.');
    expect(screen.getByRole('alert').id).toBe('f-error');
  });

  it('gives the hint the class hint by default', () => {
    render(
      <Field id="g" label="Name" hint="A name.">
        <input id="g" />
      </Field>,
    );
    expect(screen.getByText('A name.').className).toBe('muted small hint');
  });
});
