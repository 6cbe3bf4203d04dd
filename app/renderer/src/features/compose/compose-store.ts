// UI state of the compose pages that outlives navigation: the "Open a compose file" fields and the
// compose task whose output the page shows. A native file picker (Electron) plugs in with
// `useComposeUi.getState().setFilePicker(fn)`: the form then shows "Choose…", and the chosen path
// fills the path field (it can also fill it directly with setFilePath).
import { create } from 'zustand';

interface ComposeUiState {
  filePath: string;
  projectName: string;
  setFilePath(path: string): void;
  setProjectName(name: string): void;
  /** Opens a native file picker; resolves the chosen absolute path, or undefined when cancelled. */
  filePicker?: () => Promise<string | undefined>;
  setFilePicker(picker: (() => Promise<string | undefined>) | undefined): void;
  /** The latest compose task started from these pages (its output is shown). */
  lastTaskId?: string;
  setLastTask(id: string | undefined): void;
}

export const useComposeUi = create<ComposeUiState>((set) => ({
  filePath: '',
  projectName: '',
  setFilePath: (filePath) => set({ filePath }),
  setProjectName: (projectName) => set({ projectName }),
  setFilePicker: (filePicker) => set({ filePicker }),
  setLastTask: (lastTaskId) => set({ lastTaskId }),
}));
