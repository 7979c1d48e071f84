// What benchmarks measure with: the memory of a whole process tree (their work runs in child
// processes), and the median time of a repeated synchronous step.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** The summed resident memory of `pid` and all its descendants (Linux /proc; 0 elsewhere). */
export function treeRss(pid) {
  if (!existsSync('/proc')) return 0;
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the fields after it start past the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // It ended meanwhile.
    }
  }
  let total = 0;
  const visit = (p) => {
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (rss) total += Number(rss[1]) * 1024;
    } catch {
      // It ended meanwhile.
    }
    for (const child of children.get(p) ?? []) visit(child);
  };
  visit(pid);
  return total;
}

/** The median wall time of `fn` over `times` runs, in ms. */
export function timeIt(fn, times = 5) {
  const runs = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    fn();
    runs.push(performance.now() - t);
  }
  return runs.sort((a, b) => a - b)[Math.floor(times / 2)];
}
