import { SaxesParser } from 'saxes';
import type { TextSpan } from '../deps/types';
import type { Analysis } from '../rules/types';
import type { TextEdit } from '../text';

/**
 * The XML files the `mobile` rules read (AndroidManifest.xml, Info.plist) as a small element tree with offsets into
 * the file's text. saxes checks well-formedness; it never fetches anything and does not expand DOCTYPE entities, so
 * an XXE-shaped file is read as the text it is.
 */

export interface XmlAttribute {
  /** As written, prefix included: `android:exported`. */
  name: string;
  /** With character and predefined entity references decoded. */
  value: string;
  /** `name="value"`. */
  span: TextSpan;
  nameSpan: TextSpan;
  /** The value between its quotes. */
  valueSpan: TextSpan;
}

export interface XmlElement {
  name: string;
  /** From `<` of the start tag to `>` of the end tag (of the start tag when self-closing). */
  span: TextSpan;
  startTag: TextSpan;
  /** The tag name in the start tag, for squiggles that should not cover every attribute. */
  nameSpan: TextSpan;
  attributes: XmlAttribute[];
  children: XmlElement[];
  /** The element's own text (CDATA included), decoded, not its descendants'. */
  text: string;
  /** Between the start tag and the end tag. */
  contentSpan: TextSpan;
}

export interface XmlComment {
  /** `<!--` to `-->`. */
  span: TextSpan;
  /** The start tag of the element that follows the comment as its next sibling, if any. */
  nextStartTag?: TextSpan;
}

/** A well-formedness error: saxes's message and where it stopped (line 1-based, column 0-based, as saxes counts). */
export interface XmlProblem {
  message: string;
  line: number;
  column: number;
}

export interface XmlDocument {
  root?: XmlElement;
  comments: XmlComment[];
  /** Empty for a well-formed document. Elements after an error are still in the tree, as far as saxes recovered. */
  problems: XmlProblem[];
  /** A binary property list (`bplist00`): not XML, nothing was read. */
  binaryPlist: boolean;
}

/** Enough to say a file is broken (and to compare two texts in fix verification) without keeping every error. */
const MAX_PROBLEMS = 50;
/** `name="value"` or `name='value'` inside a start tag saxes accepted. */
const ATTRIBUTE = /([^\s=<>/"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export const BINARY_PLIST_NOTICE = 'binary property list (bplist00): only XML plists are checked; convert it with `plutil -convert xml1` to check it';

function isBinaryPlist(text: string): boolean {
  return text.replace(/^\uFEFF/, '').startsWith('bplist');
}

export function parseXml(text: string): XmlDocument {
  const document: XmlDocument = { comments: [], problems: [], binaryPlist: isBinaryPlist(text) };
  if (document.binaryPlist) return document;
  const parser = new SaxesParser({ position: true });
  const open: XmlElement[] = [];
  let pendingComments: XmlComment[] = [];
  let tagStart = 0;
  let values = new Map<string, string>();
  let sawDoctype = false;

  parser.on('doctype', () => {
    sawDoctype = true;
  });
  parser.on('error', (e) => {
    // Entities declared in a DOCTYPE are deliberately not expanded (that is how XXE works); their references stay text.
    if (sawDoctype && e.message.endsWith('undefined entity.')) return;
    if (document.problems.length < MAX_PROBLEMS) document.problems.push({ message: e.message.replace(/^\d+:\d+: /, '').replace(/\.$/, ''), line: parser.line, column: parser.column });
  });
  parser.on('opentagstart', () => {
    tagStart = Math.max(text.lastIndexOf('<', parser.position - 1), 0);
    values = new Map();
  });
  parser.on('attribute', ({ name, value }) => {
    if (!values.has(name)) values.set(name, value);
  });
  parser.on('opentag', (tag) => {
    const end = parser.position;
    const element: XmlElement = {
      name: tag.name,
      span: { start: tagStart, end },
      startTag: { start: tagStart, end },
      nameSpan: { start: tagStart + 1, end: tagStart + 1 + tag.name.length },
      attributes: attributesIn(text, tagStart + 1 + tag.name.length, end, values),
      children: [],
      text: '',
      contentSpan: { start: end, end },
    };
    for (const comment of pendingComments) comment.nextStartTag = element.startTag;
    pendingComments = [];
    const parent = open[open.length - 1];
    if (parent) parent.children.push(element);
    else document.root ??= element;
    open.push(element);
  });
  parser.on('closetag', (tag) => {
    const element = open.pop();
    pendingComments = [];
    if (!element) return;
    const end = parser.position;
    element.span = { start: element.span.start, end };
    if (!tag.isSelfClosing) element.contentSpan = { start: element.contentSpan.start, end: Math.max(text.lastIndexOf('<', end - 1), element.contentSpan.start) };
  });
  const addText = (t: string) => {
    const element = open[open.length - 1];
    if (element) element.text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('comment', () => {
    const start = Math.max(text.lastIndexOf('<!--', parser.position - 1), 0);
    const close = text.indexOf('-->', start + 4);
    const comment: XmlComment = { span: { start, end: close < 0 ? parser.position : close + 3 } };
    document.comments.push(comment);
    pendingComments.push(comment);
  });

  try {
    parser.write(text).close();
  } catch (e) {
    // saxes reports through the error handler; this is only a guard so a parser bug is a notice, not a crash.
    document.problems.push({ message: (e as Error).message, line: parser.line, column: parser.column });
  }
  return document;
}

function attributesIn(text: string, from: number, to: number, values: ReadonlyMap<string, string>): XmlAttribute[] {
  const attributes: XmlAttribute[] = [];
  const seen = new Set<string>();
  const tag = text.slice(from, to);
  for (const m of tag.matchAll(ATTRIBUTE)) {
    const name = m[1];
    const value = values.get(name);
    if (value === undefined || seen.has(name)) continue;
    seen.add(name);
    const start = from + m.index;
    const valueStart = start + m[0].length - 1 - (m[2] ?? m[3]).length;
    attributes.push({
      name,
      value,
      span: { start, end: start + m[0].length },
      nameSpan: { start, end: start + name.length },
      valueSpan: { start: valueStart, end: start + m[0].length - 1 },
    });
  }
  return attributes;
}

export function attributeNamed(element: XmlElement, name: string): XmlAttribute | undefined {
  return element.attributes.find((a) => a.name === name);
}

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

/** What a notice says about a file the mobile rules could not fully read, or undefined if they could. */
export function xmlDocumentNotice(document: XmlDocument): string | undefined {
  if (document.binaryPlist) return BINARY_PLIST_NOTICE;
  const [first] = document.problems;
  if (!first) return undefined;
  return `not well-formed XML at ${first.line}:${first.column} (${first.message}); findings in this file may be incomplete`;
}

/** The file parsed once per scan, shared by every mobile rule. */
export const xmlDocument: Analysis<XmlDocument> = {
  name: 'xml-document',
  compute: (file) => parseXml(file.text),
};

/** Rewrites an attribute's value (between its quotes). */
export function setAttributeValue(attribute: XmlAttribute, value: string): TextEdit {
  return { start: attribute.valueSpan.start, end: attribute.valueSpan.end, newText: value };
}

/** Removes an attribute with the whitespace before it, so the tag keeps its layout. */
export function removeAttribute(text: string, attribute: XmlAttribute): TextEdit {
  let start = attribute.span.start;
  while (start > 0 && /\s/.test(text[start - 1])) start--;
  return { start, end: attribute.span.end, newText: '' };
}

/** The element whose start tag holds `offset` (an attribute's finding), if any. */
export function elementWithStartTagAt(document: XmlDocument, offset: number): XmlElement | undefined {
  let element = document.root;
  while (element) {
    if (offset >= element.startTag.start && offset < element.startTag.end) return element;
    element = element.children.find((c) => offset >= c.span.start && offset < c.span.end);
  }
  return undefined;
}
