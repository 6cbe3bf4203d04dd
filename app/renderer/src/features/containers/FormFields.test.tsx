// @vitest-environment happy-dom
// The shared form parts: a list row's inputs are named by row, bound to the row's field, show its
// problem and mark the field and its group as left; a text field binds to the form the same way.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { TextField } from '../../components/forms';
import { FormRowList, formList, textBinder, type ListChecks } from './FormFields';

afterEach(cleanup);

interface Row {
  host: string;
  port: string;
}

/** A form of one list whose problem is an empty port, and which records what was left and removed. */
function ListForm({ events }: { events: string[] }) {
  const [rows, setRows] = useState<Row[]>([{ host: 'a', port: '' }]);
  const checks: ListChecks = {
    left:
      (...keys) =>
      () =>
        events.push(`left ${keys.join(' ')}`),
    invalid: (key) => /^rows\.\d+\.port$/.test(key) && rows[Number(key.split('.')[1])]?.port === '',
    messages: () => (rows.some((r) => r.port === '') ? ['Give a port.'] : []),
    removedRow: (group, i) => events.push(`removed ${group}.${i}`),
  };
  return (
    <FormRowList
      {...formList(checks, 'rows', rows, setRows)}
      legend="Rows"
      newRow={() => ({ host: '', port: '' })}
      addLabel="Add a row"
      rowLabel="Row"
      renderRow={(_, bind) => (
        <>
          <input {...bind('host', 'Host')} />
          <input {...bind('port', 'Port')} />
        </>
      )}
    />
  );
}

describe('FormRowList', () => {
  it('names, binds and checks the inputs of each row, and reports what was left and removed', () => {
    const events: string[] = [];
    render(<ListForm events={events} />);
    const port = screen.getByRole('textbox', { name: 'Port 1' });
    expect(port.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('textbox', { name: 'Host 1' }).getAttribute('aria-invalid')).toBe('false');
    expect(screen.getByRole('alert').textContent).toBe('Give a port.');
    fireEvent.change(port, { target: { value: '80' } });
    expect((screen.getByRole('textbox', { name: 'Port 1' }) as HTMLInputElement).value).toBe('80');
    expect(screen.getByRole('textbox', { name: 'Port 1' }).getAttribute('aria-invalid')).toBe('false');
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.blur(screen.getByRole('textbox', { name: 'Port 1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add a row' }));
    expect(screen.getByRole('textbox', { name: 'Port 2' }).getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Remove row 1' }));
    expect((screen.getByRole('textbox', { name: 'Port 1' }) as HTMLInputElement).value).toBe('');
    expect(events).toEqual(['left rows.0.port rows', 'removed rows.0']);
  });
});

describe('textBinder', () => {
  it('binds a text field to its form key: value, change, problem and the blur that shows it', () => {
    const events: string[] = [];
    function NameForm() {
      const [form, setForm] = useState({ name: '', count: 1 });
      const text = textBinder(form, (key, value) => setForm((f) => ({ ...f, [key]: value })), {
        left:
          (...keys) =>
          () =>
            events.push(`left ${keys.join(' ')}`),
        invalid: (key) => key === 'name' && form.name === '',
        error: (key) => (key === 'name' && form.name === '' ? 'Give a name.' : undefined),
      });
      return <TextField id="name" label="Name" {...text('name')} />;
    }
    render(<NameForm />);
    const name = screen.getByRole('textbox', { name: 'Name' });
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe('Give a name.');
    fireEvent.change(name, { target: { value: 'web' } });
    fireEvent.blur(name);
    expect((screen.getByRole('textbox', { name: 'Name' }) as HTMLInputElement).value).toBe('web');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(events).toEqual(['left name']);
  });
});
