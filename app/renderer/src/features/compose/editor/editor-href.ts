// The editor's route: #/compose/~edit/<project>/<file>… ("~" cannot start a project name).
import { href } from '../../../app/router';

export const EDIT_SEGMENT = '~edit';

export const editorHref = (project: string, files: readonly string[]) =>
  href('compose', EDIT_SEGMENT, project, ...files);
