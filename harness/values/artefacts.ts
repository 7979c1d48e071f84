import type { Json } from '../model.ts';

/**
 * A language's known display artefact: the docs generator prints some values in a form the
 * language cannot tell from another (PHP `[]` for `{}`), or the language's client cannot hold a
 * field at all (a Go SDK struct without it). Given the value the other tabs show and what this
 * tab shows at one path (undefined = void, or absent), and where that is, it names the artefact,
 * or returns null.
 */
export type DisplayArtefact = (others: Json | undefined, shown: Json | undefined, where?: ArtefactContext) => string | null;

export interface ArtefactContext {
  /** The JSON path of the difference (`$.workspace_id`, `$[0].errors`). */
  path: string;
  /** `missing`: this tab leaves the field out. */
  kind: string;
  /** The type name this tab's response shows (`api.AccessCode`), for a list the item's. */
  type?: string;
}

export const isEmptyObject = (value: Json | undefined): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;

export const isEmptyList = (value: Json | undefined): boolean => Array.isArray(value) && value.length === 0;
