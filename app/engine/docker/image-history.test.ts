import { describe, expect, it } from 'vitest';
import { layerSteps, madeLayers, matchLayers, readCommand } from './image-history';

const h = (createdBy: string, size: number, id = '<missing>') => ({
  id,
  created: 1,
  createdBy,
  size,
  tags: [],
  comment: '',
});

describe('readCommand', () => {
  it('reads the classic builder, BuildKit and build-arg forms', () => {
    expect(readCommand('/bin/sh -c #(nop)  CMD ["sh"]')).toEqual({ instruction: 'CMD', command: 'CMD ["sh"]' });
    expect(readCommand('/bin/sh -c #(nop) ADD file:abc in / ')).toEqual({
      instruction: 'ADD',
      command: 'ADD file:abc in /',
    });
    expect(readCommand('/bin/sh -c echo hi > /a')).toEqual({ instruction: 'RUN', command: 'RUN echo hi > /a' });
    expect(readCommand('|2 A=1 B= /bin/sh -c make')).toEqual({ instruction: 'RUN', command: 'RUN make' });
    expect(readCommand('RUN /bin/sh -c apt-get update # buildkit')).toEqual({
      instruction: 'RUN',
      command: 'RUN /bin/sh -c apt-get update',
    });
    expect(readCommand('ENV A=b')).toEqual({ instruction: 'ENV', command: 'ENV A=b' });
    expect(readCommand('Imported from -')).toEqual({ instruction: '', command: 'Imported from -' });
  });
});

describe('matchLayers', () => {
  const steps = (...xs: [string, number][]) => xs.map(([c, size]) => ({ size, createdBy: c, ...readCommand(c) }));

  it('takes sized steps and zero-byte RUNs as layers, metadata never', () => {
    const s = steps(
      ['/bin/sh -c #(nop) ADD file:x in /', 5],
      ['/bin/sh -c true', 0],
      ['/bin/sh -c #(nop)  CMD ["sh"]', 0],
    );
    expect(matchLayers(s, 2)).toEqual({ made: [true, true, false], matched: true });
  });

  it('takes WORKDIR only when the zero-byte writers are not enough', () => {
    const s = steps(['/bin/sh -c #(nop) ADD file:x in /', 5], ['/bin/sh -c #(nop) WORKDIR /app', 0], ['ENV A=1', 0]);
    expect(matchLayers(s, 1)).toEqual({ made: [true, false, false], matched: true });
    expect(matchLayers(s, 2)).toEqual({ made: [true, true, false], matched: true });
  });

  it('says it guessed when a group fits only in part, or the counts disagree', () => {
    const s = steps(['/bin/sh -c #(nop) ADD file:x in /', 5], ['/bin/sh -c true', 0], ['/bin/sh -c false', 0]);
    expect(matchLayers(s, 2)).toEqual({ made: [true, true, false], matched: false });
    expect(matchLayers(s, 5).matched).toBe(false);
    expect(matchLayers(s, 0)).toEqual({ made: [true, false, false], matched: false });
  });
});

describe('madeLayers', () => {
  const steps = (...cs: string[]) => cs.map((c) => ({ size: 0, createdBy: c, ...readCommand(c) }));

  it('settles zero-byte steps exactly where the layer counts of their images are known', () => {
    // RUN true changed nothing (no layer), RUN mkdir made an empty one: the heuristic alone cannot tell
    const s = steps('/bin/sh -c true', '/bin/sh -c mkdir /d', '/bin/sh -c #(nop)  CMD ["sh"]');
    expect(matchLayers(s, 1).matched).toBe(false);
    expect(madeLayers(s, [0, 1, 1], 1)).toEqual({ made: [false, true, false], matched: true });
    // unknown counts in between: each stretch between known counts is matched on its own
    expect(madeLayers(s, [0, undefined, undefined], 1)).toEqual({ made: [false, true, false], matched: true });
  });
});

describe('layerSteps', () => {
  it('orders oldest first, sums sizes and gives each layer its diff id', () => {
    // the engine gives history newest first
    const history = [
      h('/bin/sh -c #(nop)  CMD ["sh"]', 0, 'sha256:top'),
      h('/bin/sh -c dd if=/dev/zero of=/b bs=1k count=3', 3072),
      h('/bin/sh -c #(nop) ADD file:x in / ', 1000),
    ];
    const { steps, matched } = layerSteps(history, ['sha256:a', 'sha256:b']);
    expect(matched).toBe(true);
    expect(steps.map((s) => [s.step, s.instruction, s.size, s.cumulative, s.empty, s.diffId, s.id])).toEqual([
      [1, 'ADD', 1000, 1000, false, 'sha256:a', ''],
      [2, 'RUN', 3072, 4072, false, 'sha256:b', ''],
      [3, 'CMD', 0, 4072, true, undefined, 'sha256:top'],
    ]);
  });

  it('gives no diff ids when the match is a guess', () => {
    const { steps, matched } = layerSteps([h('/bin/sh -c a', 0), h('/bin/sh -c b', 0)], ['sha256:a']);
    expect(matched).toBe(false);
    expect(steps.every((s) => s.diffId === undefined)).toBe(true);
  });
});
