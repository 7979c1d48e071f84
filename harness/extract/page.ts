// Events and groups → one Page: title, endpoint, parameters, return shape, examples, other groups.
import type { Diagnostic, Endpoint, Example, OtherGroup, Page, Point, ReturnShape, Severity } from '../model.ts';
import type { Event } from './events.ts';
import { classifyGroup } from './classify.ts';
import type { Item, RawGroup, Report } from './groups.ts';
import type { LanguageResolver } from './language.ts';
import { ParameterReader } from './parameters.ts';
import { parseEndpoint, parseShapeInSection } from './returns.ts';

export interface PageContext {
  /** The path diagnostics and examples carry. */
  file: string;
  /** The path example ids are built from (relative to the run's root, posix). */
  idPath: string;
  languages: LanguageResolver;
  diagnostics: Diagnostic[];
}

const PARAMETERS = /^(request )?parameters$/i;
const RETURNS = /^(return type|returns?|response)$/i;

export function buildPage(items: Item[], ctx: PageContext, fallbackTitle: string): Page {
  const report: Report = (at, severity, message, rule) => {
    ctx.diagnostics.push({ severity, file: ctx.file, line: at.line, column: at.column, message, rule });
  };
  let title: string | null = null;
  let section: string | null = null;
  let subsection: string | null = null;
  let prose: string[] = [];
  let endpoint: Endpoint | null = null;
  let returns: ReturnShape | null = null;
  const parameters = new ParameterReader();
  const examples: Example[] = [];
  const others: OtherGroup[] = [];

  const reportUnclosed = (event: Event) => {
    if (event.kind === 'code' && event.unclosed) {
      report(event.block.position.start, 'warning', 'code fence is never closed; everything after it is read as code', 'fence-unclosed');
    }
  };

  for (const item of items) {
    if (item.kind === 'group') {
      handleGroup(item);
      continue;
    }
    reportUnclosed(item);
    switch (item.kind) {
      case 'heading':
        if (item.depth === 1 && title === null) title = item.text;
        if (item.depth <= 2) [section, subsection] = [item.depth === 2 ? item.text : null, null];
        else if (item.depth === 3) subsection = item.text;
        if (item.depth <= 3) prose = [];
        if (item.depth === 3 && section !== null && PARAMETERS.test(section)) parameters.heading(item.text, item.span);
        break;
      case 'prose':
        prose.push(item.text);
        if (section !== null && PARAMETERS.test(section)) parameters.prose(item.text, item.span);
        if (section !== null && RETURNS.test(section) && returns === null && subsection === null) {
          returns = parseShapeInSection(item.text);
        }
        break;
      case 'code':
        if (!endpoint) endpoint = parseEndpoint(item.block);
        break;
      case 'tag':
        break;
    }
  }

  for (const example of examples) example.endpoint = endpoint;
  return {
    file: ctx.file,
    title: title ?? fallbackTitle,
    endpoint,
    returns,
    parameters: parameters.parameters,
    examples,
    others,
    diagnostics: ctx.diagnostics,
  };

  function handleGroup(group: RawGroup) {
    for (const tab of group.tabs) tab.events.forEach(reportUnclosed);
    const index = examples.length + 1;
    const id = `${ctx.idPath}#${index}`;
    const result = classifyGroup(group, ctx.file, id, ctx.languages, report);
    if (result.kind === 'other') {
      others.push(result.group);
      if (result.endpoint && !endpoint) endpoint = result.endpoint;
    } else {
      const inSection = subsection !== null && !(section !== null && (PARAMETERS.test(section) || RETURNS.test(section)));
      const example: Example = {
        id,
        file: ctx.file,
        line: group.open.start.line,
        column: group.open.start.column,
        index,
        title: (inSection ? subsection : title) ?? fallbackTitle,
        ...(prose.length ? { description: prose.join('\n\n') } : {}),
        endpoint: null,
        samples: result.samples,
        ...(result.incomplete.length ? { incomplete: result.incomplete } : {}),
      };
      examples.push(example);
    }
    prose = [];
  }
}
