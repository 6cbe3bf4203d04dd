// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { offsetOf, YamlEditor, type LineMark, type YamlEditorHandle } from './YamlEditor';

function Editor({
  initial,
  marks,
  handle,
}: {
  initial: string;
  marks?: LineMark[];
  handle?: React.Ref<YamlEditorHandle>;
}) {
  const [text, setText] = useState(initial);
  return (
    <YamlEditor ref={handle} label="Compose file compose.yml" value={text} onChange={setText} marks={marks ?? []} />
  );
}

afterEach(cleanup);

describe('YamlEditor', () => {
  it('finds the offset of a line and column, clamped to the line', () => {
    const text = 'a: 1\nbb: 2\nc: 3';
    expect(offsetOf(text, 1, 1)).toBe(0);
    expect(offsetOf(text, 2, 2)).toBe(6);
    expect(offsetOf(text, 2, 99)).toBe(10); // the end of line 2
    expect(offsetOf(text, 9, 1)).toBe(text.length);
  });

  it('shows the text highlighted, numbers the lines and marks the lines with problems', () => {
    const { container } = render(
      <Editor
        initial={'services:\n  web:\n    image: x\n'}
        marks={[
          { line: 3, severity: 'error', message: 'bad image' },
          { line: 2, severity: 'warning', message: 'hmm' },
        ]}
      />,
    );
    expect(screen.getByRole('textbox', { name: 'Compose file compose.yml' })).toHaveProperty(
      'value',
      'services:\n  web:\n    image: x\n',
    );
    expect([...container.querySelectorAll('.yk-key')].map((e) => e.textContent)).toEqual(['services', 'web', 'image']);
    const numbers = [...container.querySelectorAll('.yaml-ln')];
    expect(numbers.map((n) => n.textContent)).toEqual(['1', '2', '3', '4']);
    expect(numbers[2]!.className).toContain('error');
    expect(numbers[2]!.getAttribute('title')).toBe('bad image');
    expect(numbers[1]!.className).toContain('warning');
  });

  it('indents with Tab, and lets Tab leave after Escape', async () => {
    render(
      <>
        <Editor initial={'a:\n'} />
        <button type="button">After</button>
      </>,
    );
    const box = screen.getByRole('textbox') as HTMLTextAreaElement;
    await userEvent.click(box);
    box.setSelectionRange(3, 3);
    await userEvent.keyboard('{Tab}b: 1');
    expect(box.value).toBe('a:\n  b: 1');
    expect(document.activeElement).toBe(box);
    await userEvent.keyboard('{Escape}{Tab}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'After' }));
  });

  it('moves the caret to a line and column when asked, and says where it is', async () => {
    const handle = createRef<YamlEditorHandle>();
    render(<Editor initial={'services:\n  web:\n    image: x\n'} handle={handle} />);
    handle.current!.goTo(3, 5);
    const box = screen.getByRole('textbox') as HTMLTextAreaElement;
    expect(document.activeElement).toBe(box);
    expect(box.selectionStart).toBe('services:\n  web:\n    '.length);
    expect(await screen.findByText('Line 3, column 5')).toBeTruthy();
  });
});
