// A layers answer and its files for the component tests: busybox's base, then three RUN steps that
// add /one, overwrite it and add /two, and remove /two (an ENV step between them made no layer).
import type { ImageFilesResult } from '../../../../shared/contract/areas/image-files';
import type { ImageLayerStep } from '../../../../shared/contract/areas/images';

/** A history step; `diffId` given: it made that layer. */
export const step = (n: number, command: string, size: number, empty = false, diffId?: string): ImageLayerStep => ({
  step: n,
  instruction: command.split(' ')[0]!,
  command,
  created: 0,
  size,
  cumulative: 0,
  empty,
  id: '',
  tags: [],
  comment: '',
  ...(diffId ? { diffId } : {}),
});

export const steps: ImageLayerStep[] = [
  step(1, 'ADD file:busybox in /', 1_200_000, false, 'sha256:base'),
  step(2, 'RUN head -c 1048576 /dev/urandom > /one', 1_048_576, false, 'sha256:l1'),
  step(3, 'ENV STAGE=two', 0, true),
  step(
    4,
    'RUN head -c 1048576 /dev/urandom > /one && head -c 300000 /dev/urandom > /two',
    1_348_576,
    false,
    'sha256:l2',
  ),
  step(5, 'RUN rm /two', 0, false, 'sha256:l3'),
];

export const files = (): ImageFilesResult => ({
  id: 'sha256:img',
  layers: [
    {
      index: 0,
      diffId: 'sha256:base',
      added: 3,
      changed: 0,
      removed: 0,
      bytes: 1_200_000,
      wasted: 0,
      files: [
        { path: '/bin', change: 'added', kind: 'dir', size: 0, mode: 0o755 },
        { path: '/bin/busybox', change: 'added', kind: 'file', size: 1_200_000, mode: 0o755 },
        { path: '/bin/sh', change: 'added', kind: 'hardlink', size: 0, mode: 0o755, target: 'bin/busybox' },
      ],
      truncated: false,
    },
    {
      index: 1,
      diffId: 'sha256:l1',
      added: 1,
      changed: 0,
      removed: 0,
      bytes: 1_048_576,
      wasted: 1_048_576,
      files: [
        {
          path: '/one',
          change: 'added',
          kind: 'file',
          size: 1_048_576,
          mode: 0o644,
          wasted: { by: 2, how: 'overwritten' },
        },
      ],
      truncated: false,
    },
    {
      index: 2,
      diffId: 'sha256:l2',
      added: 1,
      changed: 1,
      removed: 0,
      bytes: 1_348_576,
      wasted: 300_000,
      files: [
        { path: '/one', change: 'changed', kind: 'file', size: 1_048_576, mode: 0o644 },
        { path: '/two', change: 'added', kind: 'file', size: 300_000, mode: 0o644, wasted: { by: 3, how: 'removed' } },
      ],
      truncated: false,
    },
    {
      index: 3,
      diffId: 'sha256:l3',
      added: 0,
      changed: 0,
      removed: 1,
      bytes: 0,
      wasted: 0,
      files: [{ path: '/two', change: 'removed', kind: 'file', size: 300_000, mode: 0 }],
      truncated: false,
    },
  ],
  wasted: 1_348_576,
  wastedFiles: 2,
  topWasted: [
    { path: '/one', size: 1_048_576, layer: 1, by: 2, how: 'overwritten' },
    { path: '/two', size: 300_000, layer: 2, by: 3, how: 'removed' },
  ],
  tree: {
    name: '/',
    kind: 'dir',
    size: 2_248_576,
    mode: 0o755,
    layer: 0,
    children: [
      {
        name: 'bin',
        kind: 'dir',
        size: 1_200_000,
        mode: 0o755,
        layer: 0,
        children: [
          { name: 'busybox', kind: 'file', size: 1_200_000, mode: 0o755, layer: 0 },
          { name: 'sh', kind: 'hardlink', size: 0, mode: 0o755, layer: 0, target: 'bin/busybox' },
        ],
      },
      { name: 'etc', kind: 'dir', size: 0, mode: 0o755, layer: 0, children: [] },
      { name: 'one', kind: 'file', size: 1_048_576, mode: 0o644, layer: 2 },
    ],
  },
  paths: 5,
});
