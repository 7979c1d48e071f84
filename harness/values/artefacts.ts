import type { Json } from '../model.ts';

/**
 * A language's known display artefact: the docs generator prints some values in a form the
 * language cannot tell from another (PHP `[]` for `{}`). Given the value the other tabs show and
 * what this tab shows at one path (undefined = void), it names the artefact, or returns null.
 */
export type DisplayArtefact = (others: Json | undefined, shown: Json | undefined) => string | null;

export const isEmptyObject = (value: Json | undefined): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;

export const isEmptyList = (value: Json | undefined): boolean => Array.isArray(value) && value.length === 0;
