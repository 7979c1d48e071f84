// `## Request Parameters`: one `### \`name\`` per parameter with `Type:` and `Required:` lines
// (generations 1–2), or one `**\`name\`** *Type* (Required)` paragraph per parameter.
import type { Parameter, Span } from '../model.ts';

const BOLD_FORM = /^\*\*`?([^`*]+)`?\*\*\s*(?:[*_]([^*_]+)[*_])?\s*(\((?:required|optional)\))?/i;

export class ParameterReader {
  readonly parameters: Parameter[] = [];

  heading(text: string, span: Span): void {
    const name = text.replace(/`/g, '').trim();
    if (/^[\w.[\]-]+$/.test(name)) this.parameters.push({ name, type: null, required: false, position: span });
  }

  prose(text: string, span: Span): void {
    const bold = BOLD_FORM.exec(text);
    if (bold) {
      this.parameters.push({
        name: bold[1].trim(),
        type: bold[2]?.trim() ?? null,
        required: /required/i.test(bold[3] ?? ''),
        position: span,
      });
      return;
    }
    const last = this.parameters[this.parameters.length - 1];
    if (!last) return;
    const type = /(?:^|\n)\s*Type:\s*`?([^`\n]+?)`?\s*(?:\n|$)/i.exec(text);
    if (type && last.type === null) last.type = type[1].trim();
    const required = /(?:^|\n)\s*Required:\s*(\w+)/i.exec(text);
    if (required) last.required = /^(yes|true|required)$/i.test(required[1]);
  }
}
