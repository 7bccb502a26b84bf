/**
 * Helm chart templates are Go templates that produce YAML; raw, they do not parse as YAML (a line that is only
 * `{{- if ... }}` breaks the tree). Before parsing, each template action is replaced by filler of the same length,
 * so every offset and position in the tree still maps to the original text:
 * - an action alone on its line(s) (`{{- if .Values.x }}`, `{{- toYaml . | nindent 8 }}`) becomes spaces, a blank line;
 * - an action inside a line (`image: "{{ .Values.image }}"`) becomes a plain scalar of underscores (line breaks kept,
 *   the continuation lines of a multi-line action become spaces).
 */
export interface TemplateRegion {
  start: number;
  end: number;
  /** True when the action is alone on its lines: it may expand to whole YAML entries (`toYaml`, `include`, `if`). */
  block: boolean;
  /** False for actions that print nothing (`if`, `end`, `range`, `with`, comments, variable assignments). */
  output: boolean;
}

const SILENT_ACTION = /^\{\{-?\s*(?:(?:if|else|end|with|range|define|break|continue)\b|\/\*|\$[\w]*\s*:?=)/;

export interface MaskedTemplate {
  text: string;
  regions: TemplateRegion[];
}

export function hasTemplateActions(text: string): boolean {
  return /(^|[^$])\{\{/.test(text);
}

/** The `{{ ... }}` actions of a text; an action left open while typing runs to the end of its line. */
function findActions(text: string): { start: number; end: number }[] {
  const actions: { start: number; end: number }[] = [];
  let i = text.indexOf('{{');
  while (i !== -1) {
    // `${{ ... }}` is a GitHub Actions expression: valid YAML text, left as it is.
    if (text[i - 1] === '$') {
      i = text.indexOf('{{', i + 2);
      continue;
    }
    const end = actionEnd(text, i + 2);
    actions.push({ start: i, end });
    i = text.indexOf('{{', end);
  }
  return actions;
}

/**
 * Just past the `}}` that closes an action, skipping Go string literals and comments that may contain `}}`. An action
 * still open when the next one starts (typing in progress) ends with its line.
 */
function actionEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '}' && text[i + 1] === '}') return i + 2;
    if (c === '{' && text[i + 1] === '{') break;
    if (c === '"' || c === '`') {
      const close = c === '"' ? closingQuote(text, i + 1) : text.indexOf('`', i + 1);
      if (close === -1) break;
      i = close + 1;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close === -1) break;
      i = close + 2;
      continue;
    }
    i++;
  }
  const lineEnd = text.indexOf('\n', from);
  return lineEnd === -1 ? text.length : lineEnd;
}

function closingQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
    else if (text[i] === '\n') return -1;
  }
  return -1;
}

export function maskTemplateActions(text: string): MaskedTemplate {
  const actions = findActions(text);
  if (actions.length === 0) return { text, regions: [] };
  const out = text.split('');
  // A line is template-only when nothing but whitespace remains once its actions are removed.
  const residue = text.split('');
  for (const a of actions) for (let i = a.start; i < a.end; i++) if (residue[i] !== '\n') residue[i] = ' ';
  const templateOnlyLine = (offset: number) => {
    const start = text.lastIndexOf('\n', offset - 1) + 1;
    const nl = text.indexOf('\n', offset);
    const end = nl === -1 ? text.length : nl;
    for (let i = start; i < end; i++) if (residue[i] !== ' ' && residue[i] !== '\t' && residue[i] !== '\r') return false;
    return true;
  };
  const regions: TemplateRegion[] = [];
  for (const a of actions) {
    const block = templateOnlyLine(a.start) && templateOnlyLine(a.end - 1);
    const firstLineEnd = text.indexOf('\n', a.start);
    for (let i = a.start; i < a.end; i++) {
      if (text[i] === '\n' || text[i] === '\r') continue;
      out[i] = !block && (firstLineEnd === -1 || i < firstLineEnd) ? '_' : ' ';
    }
    regions.push({ start: a.start, end: a.end, block, output: !SILENT_ACTION.test(text.slice(a.start, a.end)) });
  }
  return { text: out.join(''), regions };
}

/** Whether an edit of [start, end) would change text inside a template action. */
export function touchesTemplate(regions: readonly TemplateRegion[], start: number, end: number): boolean {
  return regions.some((r) => (start < r.end && end > r.start) || (start === end && start > r.start && start < r.end));
}
