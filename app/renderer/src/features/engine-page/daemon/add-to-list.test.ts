import { describe, expect, it } from 'vitest';
import { addToList } from './add-to-list';

describe('addToList', () => {
  it('adds to an existing list or makes it, keeping the other settings', () => {
    expect(addToList('{"debug": true}', 'registry-mirrors', ' https://m.example ')).toEqual({
      text: '{\n  "debug": true,\n  "registry-mirrors": [\n    "https://m.example"\n  ]\n}\n',
    });
    const r = addToList('{"insecure-registries": ["a:5000"]}', 'insecure-registries', 'b:5000');
    expect('text' in r && JSON.parse(r.text)).toEqual({ 'insecure-registries': ['a:5000', 'b:5000'] });
  });
  it('says why it cannot add', () => {
    expect(addToList('{', 'registry-mirrors', 'x')).toEqual({
      error: 'The settings are not valid JSON yet: fix them in the editor first, then add.',
    });
    expect(addToList('[]', 'registry-mirrors', 'x')).toEqual({
      error: 'The settings must be one JSON object before anything can be added.',
    });
    expect(addToList('{"registry-mirrors": "x"}', 'registry-mirrors', 'y')).toEqual({
      error: '"registry-mirrors" is not a list in the editor: fix it there first.',
    });
    expect(addToList('{"registry-mirrors": ["x"]}', 'registry-mirrors', 'x')).toEqual({
      error: '"x" is in "registry-mirrors" already.',
    });
    expect(addToList('{}', 'registry-mirrors', '  ')).toEqual({ error: 'Type the address to add.' });
  });
});
