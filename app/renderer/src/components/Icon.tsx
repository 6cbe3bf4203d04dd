// Small stroke icons drawn as SVG, so they look the same on every system (no font glyphs needed).
const paths = {
  play: 'M7 5l11 7-11 7z',
  stop: 'M7 7h10v10H7z',
  restart: 'M4 12a8 8 0 1 0 2.3-5.6M4 4v4.5h4.5',
  pause: 'M8 5v14M16 5v14',
  resume: 'M7 5l11 7-11 7z',
  logs: 'M5 6h14M5 10h14M5 14h10M5 18h12',
  terminal: 'M4 5h16v14H4zM7 10l3 2-3 2M12 15h5',
  inspect:
    'M9 4c-2 0-3 1-3 3v2c0 1.5-1 2.5-2 3 1 .5 2 1.5 2 3v2c0 2 1 3 3 3M15 4c2 0 3 1 3 3v2c0 1.5 1 2.5 2 3-1 .5-2 1.5-2 3v2c0 2-1 3-3 3',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6',
  containers: 'M4 7l8-4 8 4v10l-8 4-8-4zM4 7l8 4 8-4M12 11v10',
  images: 'M4 5h16v14H4zM4 15l5-5 4 4 3-3 4 4',
  volumes:
    'M5 6c0-1.7 3.1-3 7-3s7 1.3 7 3v12c0 1.7-3.1 3-7 3s-7-1.3-7-3zM5 6c0 1.7 3.1 3 7 3s7-1.3 7-3M5 12c0 1.7 3.1 3 7 3s7-1.3 7-3',
  networks: 'M12 4v5M12 9l-6 6M12 9l6 6M4 15h4v4H4zM16 15h4v4h-4zM10 2h4v4h-4z',
  compose: 'M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z',
  swarm: 'M12 3l4 2.3v4.6L12 12l-4-2.1V5.3zM6 12l4 2.3v4.6L6 21l-4-2.1v-4.6zM18 12l4 2.3v4.6L18 21l-4-2.1v-4.6z',
  /** A ship's wheel, for Kubernetes. */
  kubernetes:
    'M12 7a5 5 0 1 0 0 10 5 5 0 0 0 0-10zM12 2v5M12 17v5M2 12h5M17 12h5M4.9 4.9l3.5 3.5M15.6 15.6l3.5 3.5M4.9 19.1l3.5-3.5M15.6 8.4l3.5-3.5',
  engine:
    'M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1L7 17M17 7l2.1-2.1',
  settings: 'M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0M14 4v4M8 10v4M16 16v4',
  registries: 'M8 14a4 4 0 1 1 0-8 4 4 0 0 1 0 8zM11 11l9 9M16 16l2-2M18 18l2-2',
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM20 20l-4-4',
  more: 'M12 5.5v.01M12 12v.01M12 18.5v.01',
  anchor: 'M12 5a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM12 5v16M5 12H3a9 9 0 0 0 18 0h-2M8 9h8',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  const filled = name === 'play' || name === 'resume' || name === 'stop';
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill={filled ? 'currentColor' : 'none'}
      stroke="currentColor"
      strokeWidth={filled ? 1 : name === 'more' ? 3.2 : 1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={paths[name]} />
    </svg>
  );
}
