// The recorded mock: one loopback server every runner's clients talk to, answering from
// cassettes (nock definitions, one per doc page), explaining every miss; and the ways to make
// those cassettes (derived from the docs, or recorded through a proxy). Runners need only
// `exampleBaseUrl`, which pulls in nothing else.
export { exampleBaseUrl, exampleIdFromSlug, exampleSlug, splitExamplePath, EXAMPLE_HEADER, CLIENT_HEADER, EXAMPLE_PREFIX } from './slug.ts';
export { startReplayServer, type ReplayServer, type ReplayServerOptions, type RequestLogEntry } from './server.ts';
export { startRecorder, type Recorder, type RecorderOptions } from './recorder.ts';
export { deriveRecordings, type DeriveResult } from './derive.ts';
export { findDocsRoot, loadCassettes, saveRecordings, writeCassettes, RECORDINGS_FOLDER, type CassetteChange } from './store.ts';
export { cassetteFileFor, formatCassette, pageOfExample, parseCassette, type CassetteError, type Definition } from './cassette.ts';
export { MISS_TYPE, type FieldDiff, type Miss } from './miss.ts';
export { MODES, MODE_ENV, resolveMode, type MockMode } from './mode.ts';
export { scrubberFor, type Scrubber } from './scrub.ts';
