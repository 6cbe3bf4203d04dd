// Unsaved edits of compose files, kept while Berth's window lives, so leaving the editor (another
// page, another project) never loses them. A draft remembers the file version it was made from.
import { create } from 'zustand';

export interface Draft {
  text: string;
  /** The version of the file the draft started from (compose.open's). */
  base: string;
}

interface DraftState {
  drafts: Record<string, Draft>;
  set(file: string, draft: Draft): void;
  drop(file: string): void;
}

export const useDrafts = create<DraftState>((set) => ({
  drafts: {},
  set: (file, draft) => set((s) => ({ drafts: { ...s.drafts, [file]: draft } })),
  drop: (file) =>
    set((s) => {
      const { [file]: _gone, ...rest } = s.drafts;
      return { drafts: rest };
    }),
}));
