import { describe, expect, it } from 'vitest';
import { splitWords } from './split-words';

const shell = { quotes: `"'`, escapes: true };
const filter = { quotes: '"', escapes: false };

describe('splitWords', () => {
  it.each([
    [`sh -c 'echo "hi there"; sleep 1'`, shell, ['sh', '-c', 'echo "hi there"; sleep 1'], false],
    ['  a  "b c"\\ d "" ', shell, ['a', 'b c d', ''], false],
    [`"a \\" b" 'c \\ d'`, shell, ['a " b', 'c \\ d'], false],
    [`echo 'open`, shell, ['echo', 'open'], true],
    [`msg~"disk full" it's`, filter, ['msg~disk full', "it's"], false],
    ['a\\ b', filter, ['a\\', 'b'], false],
    ['msg="open', filter, ['msg=open'], true],
    ['   ', filter, [], false],
  ])('%s', (line, rules, words, unclosed) => {
    expect(splitWords(line, rules)).toEqual({ words, unclosed });
  });
});
