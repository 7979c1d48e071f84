// GitBook tags → tab groups. Real pages are not always well formed: every repair made here is
// reported, and nothing between the tags is thrown away.
import type { ExtractionRuleId, Point, Span } from '../model.ts';
import type { Event } from './events.ts';

export interface RawTab {
  title: string;
  /** The reason of a `<!-- doc-harness: skip … -->` just before the tab. */
  skip?: string;
  /** The `{% tab %}` tag. */
  open: Span;
  /** End of its `{% endtab %}` (or of whatever closed it). */
  end: Point;
  events: Event[];
}

export interface RawGroup {
  kind: 'group';
  /** The `{% tabs %}` tag (the first `{% tab %}` for a group opened without one). */
  open: Span;
  end: Point;
  tabs: RawTab[];
  /** The reason of a `<!-- doc-harness: skip … -->` just before the group. */
  skip?: string;
}

/** What the page reads, in order: events outside any group, and the groups themselves. */
export type Item = Event | RawGroup;

export type Report = (at: Point, severity: 'error' | 'warning' | 'info', message: string, rule: ExtractionRuleId) => void;

const where = (p: Point) => `line ${p.line}`;

export function segment(events: Event[], report: Report): Item[] {
  const items: Item[] = [];
  let group: RawGroup | null = null;
  let tab: RawTab | null = null;

  const closeTab = (end: Point) => {
    if (!tab || !group) return;
    tab.end = end;
    group.tabs.push(tab);
    tab = null;
  };
  const closeGroup = (end: Point) => {
    if (!group) return;
    closeTab(end);
    group.end = end;
    items.push(group);
    group = null;
  };
  const openGroup = (open: Span, skip?: string) => {
    group = { kind: 'group', open, end: open.end, tabs: [], ...(skip ? { skip } : {}) };
  };
  // An annotation applies to the group or tab that opens next, with nothing shown in between.
  let annotation: Extract<Event, { kind: 'annotation' }> | null = null;
  const unattached = () => {
    if (!annotation) return;
    report(annotation.span.start, 'warning', `<!-- doc-harness: ${annotation.directive} --> stands before no {% tabs %} or {% tab %}; ignored`, 'annotation-unattached');
    annotation = null;
  };
  const take = (): string | undefined => {
    const reason = annotation ? annotation.text || 'no reason given' : undefined;
    annotation = null;
    return reason;
  };

  for (const event of events) {
    if (event.kind === 'annotation') {
      unattached();
      if (event.directive === 'skip') annotation = event;
      else report(event.span.start, 'warning', `unknown doc-harness annotation "${event.directive}" (known: skip); ignored`, 'annotation-unattached');
      continue;
    }
    const opens = event.kind === 'tag' && (event.tag.name === 'tabs' || event.tag.name === 'tab');
    if (!opens) unattached();
    if (event.kind !== 'tag' || event.tag.name === 'other') {
      if (tab) (tab as RawTab).events.push(event);
      else if (group) strayInGroup(event, report);
      else items.push(event);
      continue;
    }
    const { tag, span } = event;
    switch (tag.name) {
      case 'tabs':
        if (group) {
          const g = group as RawGroup;
          report(span.start, 'warning', `{% tabs %} opened while the group opened at ${where(g.open.start)} is still open; that group is closed here`, 'tabs-reopened');
          closeGroup(span.start);
        }
        openGroup(span, take());
        break;
      case 'tab':
        if (!group) {
          report(span.start, 'warning', `{% tab title="${tag.title}" %} outside any {% tabs %}; read as the start of a new group`, 'tab-outside-tabs');
          openGroup(span);
        }
        const skip = take();
        if (tab) {
          const t = tab as RawTab;
          report(t.open.start, 'warning', `tab "${t.title}" has no {% endtab %}; it ends where the next tab opens (${where(span.start)})`, 'tab-unclosed');
          closeTab(span.start);
        }
        tab = { title: tag.title ?? '', open: span, end: span.end, events: [], ...(skip ? { skip } : {}) };
        break;
      case 'endtab':
        if (!tab) report(span.start, 'warning', '{% endtab %} with no open tab', 'endtab-unopened');
        else closeTab(span.end);
        break;
      case 'endtabs':
        if (!group) {
          report(span.start, 'warning', '{% endtabs %} with no open {% tabs %}', 'endtabs-unopened');
          break;
        }
        if (tab) {
          const t = tab as RawTab;
          report(t.open.start, 'warning', `tab "${t.title}" has no {% endtab %}; it ends at the {% endtabs %} (${where(span.start)})`, 'tab-unclosed');
        }
        closeGroup(span.end);
        break;
    }
  }
  unattached();
  if (group) {
    const g = group as RawGroup;
    const last = events[events.length - 1];
    const end = last ? ('span' in last ? last.span.end : last.block.position.end) : g.open.end;
    if (tab) report((tab as RawTab).open.start, 'warning', `tab "${(tab as RawTab).title}" is never closed`, 'tab-unclosed');
    report(g.open.start, 'warning', '{% tabs %} is never closed with {% endtabs %}; the group runs to the end of the file', 'tabs-unclosed');
    closeGroup(end);
  }
  return items;

  function strayInGroup(event: Event, report: Report) {
    // Between tabs GitBook shows nothing; a code block there is an example nobody sees.
    if (event.kind === 'code') {
      report(event.block.position.start, 'warning', 'code block between tabs (outside any {% tab %}) is not part of the example', 'code-outside-tab');
    }
  }
}
