// Which samples a run takes (`--lang`, `--grep`), each with its snippets already read.
import type { Example, Page, Sample } from '../model.ts';
import { readSample, type ReadSample } from '../values/read-example.ts';
import type { TestOptions } from './options.ts';

export interface Selected {
  page: Page;
  example: Example;
  sample: Sample;
  read: ReadSample;
}

export function select(pages: readonly Page[], options: TestOptions): Selected[] {
  const languages = options.languages?.length ? new Set(options.languages) : null;
  const selected: Selected[] = [];
  for (const page of pages) {
    for (const example of page.examples) {
      const name = `${example.file}:${example.line} ${endpointOf(example) ?? ''} ${example.title}`;
      if (options.grep && !options.grep.test(name)) continue;
      for (const sample of example.samples) {
        if (languages && !languages.has(sample.language)) continue;
        selected.push({ page, example, sample, read: readSample(sample) });
      }
    }
  }
  return selected;
}

export function pagesOf(selected: readonly Selected[]): Page[] {
  const examples = new Map<Page, Set<Example>>();
  for (const { page, example } of selected) examples.set(page, (examples.get(page) ?? new Set()).add(example));
  return [...examples].map(([page, set]) => ({ ...page, examples: [...set] }));
}

export function endpointOf(example: Example): string | null {
  return example.endpoint ? `${example.endpoint.method} ${example.endpoint.path}` : null;
}
