// Memory of a whole process tree, for benchmarks whose work runs in child processes.
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
