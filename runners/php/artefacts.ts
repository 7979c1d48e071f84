import { isEmptyList, isEmptyObject, type DisplayArtefact } from '../../harness/values/artefacts.ts';

// A PHP array is both list and map: an empty object prints as `[]`.
export const artefact: DisplayArtefact = (others, shown) =>
  isEmptyObject(others) && isEmptyList(shown) ? 'PHP prints an empty object as [] (generator artefact)' : null;
