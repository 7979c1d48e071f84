// doc-harness's HTML report, in the page itself: builds the summary, the grid of pages ×
// languages and the sample detail from the report embedded as JSON. Every text from the docs or a
// run is set as text (never as markup): the docs are untrusted input.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const report = data.report;
  const labels = data.labels;
  const MARKS = { pass: '✓', fail: '✗', error: '!', skip: '–' };

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'className') node.className = value;
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  const label = (language) => labels[language] || language;
  // A failure the run answers for: not one the expectations file expects.
  const isProblem = (r) => (r.verdict === 'fail' || r.verdict === 'error') && !(r.expectation && r.expectation.state === 'expected');
  const seconds = (ms) => `${(ms / 1000).toFixed(2)}s`;
  const json = (value) => (value.kind === 'void' ? '(nothing: void)' : JSON.stringify(value.json, null, 2));

  // ---------------------------------------------------------------- summary
  function summary() {
    const s = report.summary;
    const root = document.getElementById('summary');
    const docs = report.docs.commit ? `${report.docs.root} at ${report.docs.commit.slice(0, 12)}${report.docs.dirty ? ' (with uncommitted changes)' : ''}` : report.docs.root;
    const parts = [
      `doc-harness ${report.tool.version}`,
      new Date(report.createdAt).toLocaleString(),
      `docs: ${docs}`,
      `recordings: ${s.recordings.folder} (${s.recordings.mode})`,
      report.shard ? `shard ${report.shard.index}/${report.shard.count}` : null,
      report.merged ? `merged from ${report.merged.reports} report(s)` : null,
      `took ${seconds(s.durationMs)}`,
    ].filter(Boolean);
    root.append(el('p', { className: 'meta' }, parts.join(' · ')));
    if (s.incomplete) root.append(el('div', { className: 'banner', role: 'alert' }, 'Incomplete: the run was interrupted (or a shard is missing); these are the results it had.'));
    const count = (kind, n, word) => el('div', { className: `count ${kind}`, 'data-count': kind }, el('b', {}, n), word);
    root.append(
      el(
        'div',
        { className: 'counts' },
        count('pass', s.pass, 'passed'),
        count('fail', s.fail, 'failed'),
        count('error', s.error, 'errors'),
        count('skip', s.skip, 'skipped'),
        s.expected ? count('expected', s.expected, 'expected to fail') : null,
        s.fixed ? count('fixed', s.fixed, 'fixed') : null,
        s.cached ? count('cached', s.cached, 'from the cache') : null,
        count('total', s.total, 'samples'),
      ),
    );
    const clients = Object.entries(s.clients);
    if (clients.length) root.append(el('ul', { className: 'clients' }, clients.map(([language, client]) => el('li', {}, `${label(language)}: ${client}`))));
    if (s.sandbox) root.append(el('p', { className: 'meta' }, `sandbox: ${s.sandbox}`));
  }

  // ---------------------------------------------------------------- grid
  const buttons = [];
  function grid() {
    const languages = Object.keys(report.summary.byLanguage);
    const examples = new Map();
    report.results.forEach((result, index) => {
      if (!examples.has(result.exampleId)) examples.set(result.exampleId, { first: result, samples: [] });
      examples.get(result.exampleId).samples.push(index);
    });
    const table = document.getElementById('grid');
    table.append(el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Page'), languages.map((language) => el('th', { scope: 'col', 'data-language': language }, label(language))))));
    const body = el('tbody');
    for (const [id, { first, samples }] of examples) {
      const problems = samples.some((i) => isProblem(report.results[i]));
      const where = el('td', { className: 'page' }, el('code', {}, `${first.file}:${first.exampleLine}`), el('small', {}, first.endpoint || first.title));
      const cells = languages.map((language) => {
        const mine = samples.filter((i) => report.results[i].language === language);
        return el('td', { className: 'sample', 'data-language': language }, mine.map((i) => cell(i)));
      });
      body.append(el('tr', { 'data-example': id, 'data-problems': problems ? 'true' : 'false' }, where, cells));
    }
    table.append(body);
  }

  function cell(index) {
    const result = report.results[index];
    const state = result.expectation ? result.expectation.state : undefined;
    const known = state === 'expected' ? ` (expected: ${result.expectation.reason})` : state === 'fixed' ? ' (fixed: expected to fail)' : '';
    const button = el(
      'button',
      {
        type: 'button',
        className: `cell ${result.verdict}${state ? ` ${state}` : ''}${result.cached ? ' cached' : ''}`,
        'data-verdict': result.verdict,
        'data-expectation': state,
        'data-cached': result.cached ? 'true' : undefined,
        'data-index': index,
        'aria-pressed': 'false',
        title: `${label(result.language)}: ${result.verdict}${known}${result.cached ? ' (cached)' : ''} — ${result.reason}`,
      },
      MARKS[result.verdict],
    );
    button.addEventListener('click', () => show(index));
    buttons.push(button);
    return button;
  }

  function filter() {
    const only = document.getElementById('only-problems').checked;
    for (const row of document.querySelectorAll('#grid tbody tr')) row.hidden = only && row.dataset.problems !== 'true';
  }

  // ---------------------------------------------------------------- detail
  function show(index) {
    const r = report.results[index];
    for (const button of buttons) button.setAttribute('aria-pressed', String(button.dataset.index === String(index)));
    const detail = document.getElementById('detail');
    detail.replaceChildren();
    const at = r.error && r.error.line ? `${r.file}:${r.error.line}:${r.error.column || 1}` : `${r.file}:${r.line}:${r.column}`;
    detail.append(
      el('h2', {}, el('span', { className: `verdict ${r.verdict}`, 'data-verdict': r.verdict }, r.verdict), ' ', `${label(r.language)} · ${r.endpoint || r.title}`),
      el('p', { className: 'reason' }, r.reason),
      el(
        'dl',
        { className: 'facts' },
        el('dt', {}, 'at'),
        el('dd', {}, el('code', {}, at)),
        el('dt', {}, 'tab'),
        el('dd', {}, r.tab),
        el('dt', {}, 'client'),
        el('dd', {}, r.client || '—'),
        el('dt', {}, 'duration'),
        el('dd', {}, r.cached ? `${seconds(r.durationMs)} (cached: the verdict of an earlier run; nothing it depends on changed)` : seconds(r.durationMs)),
      ),
    );
    if (r.expectation) {
      const e = r.expectation;
      const said = { expected: `Expected to ${e.verdict} (a known defect)`, fixed: `Expected to ${e.verdict}, passes now: fixed`, different: `Expected to ${e.verdict}, got ${r.verdict}` }[e.state];
      detail.append(el('p', { className: `expectation ${e.state}`, 'data-expectation': e.state }, `${said}: ${e.reason}`, e.link ? ' ' : null, e.link ? el('span', { className: 'link' }, e.link) : null));
    }
    if (r.annotation !== undefined) detail.append(el('p', { className: 'annotation' }, `Skipped by the page: ${r.annotation}`));
    if (r.differences && r.differences.length) detail.append(el('h3', {}, 'Differences'), el('pre', { className: 'differences' }, r.differences.join('\n')));
    if (r.error) {
      detail.append(el('h3', {}, `Error: ${r.error.kind}`), el('pre', { className: 'error' }, [r.error.message, r.error.detail].filter(Boolean).join('\n\n')));
    }
    const diff = data.diffs[index];
    if (diff) {
      detail.append(
        el('h3', {}, 'Documented → returned'),
        el('pre', { className: 'diff' }, diff.map(([op, text]) => el('span', { className: op === '-' ? 'del' : op === '+' ? 'add' : 'same' }, text.replace(/\n$/, '').split('\n').map((line) => `${op} ${line}\n`).join('')))),
      );
    }
    if (r.code) detail.append(el('h3', {}, 'Request'), el('pre', { className: 'request' }, r.code.request), el('h3', {}, 'Documented response'), el('pre', { className: 'documented' }, r.code.response || '(empty)'));
    if (r.returned) detail.append(el('h3', {}, 'Returned'), el('pre', { className: 'returned' }, json(r.returned)));
    if (r.requests && r.requests.length) {
      detail.append(
        el('h3', {}, 'Requests sent'),
        el('pre', { className: 'requests' }, r.requests.map((q) => `${q.method} ${q.path || ''} → ${q.status}${q.matched ? '' : ` (no recording matched${q.miss ? `: ${q.miss}` : ''})`}`).join('\n')),
      );
    }
  }

  summary();
  grid();
  document.getElementById('only-problems').addEventListener('change', filter);
  const firstProblem = report.results.findIndex(isProblem);
  if (firstProblem === -1) document.getElementById('detail').append(el('p', { className: 'empty' }, 'Nothing failed. Choose a cell to see its sample.'));
  else document.getElementById('detail').append(el('p', { className: 'empty' }, 'Choose a cell to see its request, documented and returned values, and diff.'));
})();
