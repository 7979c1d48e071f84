import type { Call, Example, Page, ReadResult, Sample, Value } from '../model.ts';
import { readerFor } from '../../runners/registry.ts';
import type { SourceMap } from './spans.ts';

/** A sample with its request and documented response read into the canonical model. */
export interface ReadSample {
  sample: Sample;
  /** Null when no reader knows the sample's language. */
  request: ReadResult<Call> | null;
  response: ReadResult<Value> | null;
}

export interface ReadExample {
  example: Example;
  samples: ReadSample[];
}

export interface ReadPage {
  page: Page;
  examples: ReadExample[];
}

export function readSample(sample: Sample): ReadSample {
  const reader = sample.supported ? readerFor(sample.language) : undefined;
  if (!reader) return { sample, request: null, response: null };
  return { sample, request: reader.readRequest(sample.request), response: reader.readResponse(sample.response) };
}

export function readExample(example: Example): ReadExample {
  return { example, samples: example.samples.map(readSample) };
}

export function readPage(page: Page): ReadPage {
  return { page, examples: page.examples.map(readExample) };
}

export interface ReadCall {
  sample: Sample;
  call: Call;
  /** Where the call's method and each parameter stand in the tab. */
  map?: SourceMap;
}

export interface ReadResponse {
  sample: Sample;
  value: Value;
  result: ReadResult<Value>;
  /** Where each part of the value stands in the tab. */
  map?: SourceMap;
}

/** The samples whose request read, with their calls. */
export function readCalls(example: ReadExample): ReadCall[] {
  const calls: ReadCall[] = [];
  for (const read of example.samples) {
    if (read.request?.ok) calls.push({ sample: read.sample, call: read.request.value, map: read.request.map });
  }
  return calls;
}

/** The samples whose documented response read, with their values. */
export function readResponses(example: ReadExample): ReadResponse[] {
  const values: ReadResponse[] = [];
  for (const read of example.samples) {
    if (read.response?.ok) values.push({ sample: read.sample, value: read.response.value, result: read.response, map: read.response.map });
  }
  return values;
}
