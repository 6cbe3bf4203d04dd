import { describe, expect, it } from 'vitest';
import { highlightYaml, type Token } from './yaml-highlight';

const kinds = (tokens: Token[]) => tokens.filter((t) => t.text.trim()).map((t) => [t.text, t.kind]);

describe('the compose YAML highlighter', () => {
  it('colours keys, strings, numbers, booleans, comments, dashes and variables', () => {
    const lines = highlightYaml(
      [
        'services:',
        '  web:',
        '    image: "nginx:${TAG:-1}"  # pinned',
        '    ports:',
        '      - 8080:80',
        '      - 443',
        '    read_only: true',
        '    x: &anchor [a, b]',
        '    command: echo $$HOME and $USER',
      ].join('\n'),
    );
    const whole: [line: number, tokens: string[][]][] = [
      [
        0,
        [
          ['services', 'key'],
          [':', 'punct'],
        ],
      ],
      [
        2,
        [
          ['image', 'key'],
          [':', 'punct'],
          ['"nginx:', 'string'],
          ['${TAG:-1}', 'var'],
          ['"', 'string'],
          ['# pinned', 'comment'],
        ],
      ],
      [
        4,
        [
          ['- ', 'punct'],
          ['8080:80', 'string'],
        ],
      ],
      [
        5,
        [
          ['- ', 'punct'],
          ['443', 'number'],
        ],
      ],
    ];
    for (const [line, tokens] of whole) expect(kinds(lines[line]!), `line ${line}`).toEqual(tokens);
    expect(kinds(lines[6]!)[2]).toEqual(['true', 'bool']);
    expect(kinds(lines[7]!).slice(2, 4)).toEqual([
      ['&anchor', 'anchor'],
      ['[', 'punct'],
    ]);
    expect(kinds(lines[8]!).slice(2)).toEqual([
      ['echo $$HOME and ', 'string'],
      ['$USER', 'var'],
    ]);
  });

  it('keeps every character, so the colours line up with the text', () => {
    const text = 'services:\n  a:\n    command: >\n      sh -c "x: y"\n    # done\n  - weird: [1, {a: b}]\n';
    expect(
      highlightYaml(text)
        .map((l) => l.map((t) => t.text).join(''))
        .join('\n'),
    ).toBe(text);
  });

  it('reads a block scalar as text, not keys', () => {
    const lines = highlightYaml('x:\n  script: |\n    key: not a key\n    - nor a list\n  next: 1');
    expect(kinds(lines[2]!)).toEqual([['    key: not a key', 'string']]);
    expect(kinds(lines[3]!)).toEqual([['    - nor a list', 'string']]);
    expect(kinds(lines[4]!)[0]).toEqual(['next', 'key']);
  });
});
