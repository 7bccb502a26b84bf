import type { TextSpan } from '../../server/src/engine/deps/types';

/** The text a span covers. */
export function spanText(text: string, span: TextSpan | undefined): string | undefined {
  return span && text.slice(span.start, span.end);
}

/** The 1-based line a span starts on. */
export function spanLine(text: string, span: TextSpan): number {
  return text.slice(0, span.start).split(/\r\n|\r|\n/).length;
}
