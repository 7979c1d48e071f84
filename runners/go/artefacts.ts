import { isEmptyList, type DisplayArtefact } from '../../harness/values/artefacts.ts';

// A Go nil slice prints as `nil`: an empty list shows as nil (void at the top, null inside).
export const artefact: DisplayArtefact = (others, shown) =>
  isEmptyList(others) && (shown === undefined || shown === null) ? 'Go prints an empty list as nil (generator artefact)' : null;
