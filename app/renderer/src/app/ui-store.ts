// UI state (not server state): theme, toasts, dialogs, the command palette.
import { create } from 'zustand';

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface Toast {
  id: number;
  kind: 'info' | 'success' | 'error';
  text: string;
}

interface UiState {
  theme: ThemeChoice;
  setTheme(t: ThemeChoice): void;
  toasts: Toast[];
  toast(kind: Toast['kind'], text: string): void;
  dismiss(id: number): void;
  paletteOpen: boolean;
  setPaletteOpen(open: boolean): void;
  tasksOpen: boolean;
  setTasksOpen(open: boolean): void;
}

const storedTheme = (): ThemeChoice => {
  try {
    const t = localStorage.getItem('berth.theme');
    return t === 'light' || t === 'dark' || t === 'system' ? t : 'system';
  } catch {
    return 'system';
  }
};

let nextToast = 1;

export const useUi = create<UiState>((set, get) => ({
  theme: storedTheme(),
  setTheme(theme) {
    try {
      localStorage.setItem('berth.theme', theme);
    } catch {
      /* private mode: keep it for this session */
    }
    set({ theme });
  },
  toasts: [],
  toast(kind, text) {
    const id = nextToast++;
    set({ toasts: [...get().toasts.slice(-4), { id, kind, text }] });
    setTimeout(() => get().dismiss(id), kind === 'error' ? 12000 : 5000);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
  paletteOpen: false,
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  tasksOpen: false,
  setTasksOpen: (tasksOpen) => set({ tasksOpen }),
}));
