// UI state of the compose pages that outlives navigation: the "Open a compose file" fields and the
// compose task whose output the page shows. The Electron file picker fills the path with setFilePath.
import { create } from 'zustand';

interface ComposeUiState {
  filePath: string;
  projectName: string;
  setFilePath(path: string): void;
  setProjectName(name: string): void;
  /** The latest compose task started from these pages (its output is shown). */
  lastTaskId?: string;
  setLastTask(id: string | undefined): void;
}

export const useComposeUi = create<ComposeUiState>((set) => ({
  filePath: '',
  projectName: '',
  setFilePath: (filePath) => set({ filePath }),
  setProjectName: (projectName) => set({ projectName }),
  setLastTask: (lastTaskId) => set({ lastTaskId }),
}));
