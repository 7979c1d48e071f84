// The package's folder lives in harness/project.ts (every layer needs it); re-exported for the runners.
export { projectFile, projectRoot } from '../project.ts';
