import type { LanguageId } from '../model.ts';
import type { Profile } from '../profile.ts';

export interface ResolvedLanguage {
  id: LanguageId;
  supported: boolean;
  /** What named it. */
  by: 'fence' | 'title' | 'none';
  /** Set when the fence and the title name two different known languages. */
  conflict?: { fence: LanguageId; title: LanguageId };
}

/** Fence info strings that say nothing about the snippet's language. */
const GENERIC_FENCES = new Set(['', 'text', 'txt', 'plaintext', 'plain', 'json', 'console', 'output']);

export class LanguageResolver {
  private readonly fences = new Map<string, LanguageId>();
  private readonly titles = new Map<string, LanguageId>();
  private readonly suffix: RegExp | null;

  constructor(profile: Profile) {
    for (const lang of profile.languages) {
      for (const f of lang.fences) this.fences.set(f.toLowerCase(), lang.id);
      for (const t of lang.titles) this.titles.set(t.toLowerCase(), lang.id);
      this.titles.set(lang.id.toLowerCase(), lang.id);
    }
    const words = profile.titleSuffixes.map((s) => s.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).filter(Boolean);
    this.suffix = words.length ? new RegExp(`(?:\\s+(?:${words.join('|')}))+\\s*$`, 'i') : null;
  }

  /** The tab title without suffixes such as ` TEST`. */
  bareTitle(title: string): string {
    return (this.suffix ? title.replace(this.suffix, '') : title).trim();
  }

  /** By the fence info strings first (request, then response), then by the tab title. */
  resolve(fenceInfos: Array<string | null>, title: string): ResolvedLanguage {
    const words = fenceInfos.map((i) => (i ?? '').trim().split(/\s+/)[0].toLowerCase());
    const byFence = words.map((w) => this.fences.get(w)).find((id) => id !== undefined);
    const bare = this.bareTitle(title).toLowerCase();
    const byTitle = this.titles.get(bare);
    if (byFence) {
      const resolved: ResolvedLanguage = { id: byFence, supported: true, by: 'fence' };
      if (byTitle && byTitle !== byFence) resolved.conflict = { fence: byFence, title: byTitle };
      return resolved;
    }
    if (byTitle) return { id: byTitle, supported: true, by: 'title' };
    const named = words.find((w) => !GENERIC_FENCES.has(w));
    if (named) return { id: named, supported: false, by: 'fence' };
    const slug = bare.replace(/[^a-z0-9#+]+/g, '_').replace(/^_+|_+$/g, '');
    return { id: slug || 'unknown', supported: false, by: slug ? 'title' : 'none' };
  }
}
