import { parseImage, type ImageReference } from '../analysis/kubernetes';
import type { TextSpan } from './types';

/** An image a Dockerfile builds from. */
export interface BaseImage {
  /** The reference after `ARG` defaults were substituted. */
  reference: string;
  /** The reference as written in the `FROM` line. */
  span: TextSpan;
  /** `FROM ... AS <stage>`. */
  stage?: string;
  /** The `FROM` line (from `FROM` to the end of the reference or stage name). */
  line: TextSpan;
  /** Undefined when the reference is not an image name (a variable with no default). */
  parsed?: ImageReference;
}

export function isDockerfile(path: string): boolean {
  const base = path.split(/[\\/]/).pop() ?? '';
  return /^(?:Dockerfile|Containerfile)(?:\..+)?$/i.test(base) || /\.(?:dockerfile|containerfile)$/i.test(base);
}

/** The `FROM` lines of a Dockerfile: continuation lines joined, `ARG` defaults given before them substituted. */
export function dockerfileBaseImages(text: string): BaseImage[] {
  const args = new Map<string, string>();
  const stages = new Set<string>();
  const images: BaseImage[] = [];
  const instruction = /^[ \t]*([A-Za-z]+)[ \t]+((?:[^\n]*\\\r?\n)*[^\n]*)/gm;
  for (let m = instruction.exec(text); m; m = instruction.exec(text)) {
    const keyword = m[1].toUpperCase();
    const body = m[2];
    const bodyStart = m.index + m[0].length - body.length;
    if (keyword === 'ARG') {
      for (const decl of body.trim().split(/\s+/)) {
        const eq = decl.indexOf('=');
        if (eq > 0) args.set(decl.slice(0, eq), decl.slice(eq + 1).replace(/^"(.*)"$/, '$1'));
      }
      continue;
    }
    if (keyword !== 'FROM') continue;
    const tokens = [...body.matchAll(/\S+/g)].filter((t) => t[0] !== '\\');
    const imageToken = tokens.find((t) => !t[0].startsWith('--'));
    if (!imageToken) continue;
    const asIndex = tokens.findIndex((t) => t[0].toLowerCase() === 'as');
    const stage = asIndex > 0 ? tokens[asIndex + 1]?.[0] : undefined;
    const written = imageToken[0];
    const reference = written.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}?/g, (all, name: string, fallback?: string) => args.get(name) ?? fallback ?? all);
    const start = bodyStart + imageToken.index!;
    const lastToken = tokens[tokens.length - 1];
    const line = { start: m.index + (m[0].length - m[0].trimStart().length), end: bodyStart + lastToken.index! + lastToken[0].length };
    if (stage) stages.add(stage.toLowerCase());
    const isStage = stages.has(reference.toLowerCase()) && reference.toLowerCase() !== stage?.toLowerCase();
    if (isStage || reference.toLowerCase() === 'scratch') continue;
    images.push({ reference, span: { start, end: start + written.length }, stage, line, parsed: parseImage(reference) });
  }
  return images;
}

/** The official-image name of a reference on Docker Hub (`python`, `library/python`, `docker.io/library/python`). */
export function officialImageName(name: string): string | undefined {
  const m = /^(?:(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\/)?(?:library\/)?([a-z0-9._-]+)$/.exec(name);
  return m?.[1];
}

interface EolEntry {
  image: string;
  /** How people name it: `Python`, `Node.js`, `Debian`. */
  product: string;
  /** Matches the version at the start of the tag, or a distribution codename anywhere in it. */
  tag: RegExp;
  release: string;
  /** The day support ended (security fixes stopped). */
  eol: string;
}

/**
 * End-of-life dates of common base images, from each project's own release calendar:
 * - Python: https://devguide.python.org/versions/ (and the release PEPs: 537, 569, 596, 619)
 * - Node.js: https://github.com/nodejs/Release (schedule.json, "end")
 * - Debian: https://wiki.debian.org/LTS (end of LTS for 9 stretch, 10 buster, 11 bullseye)
 * - Ubuntu: https://ubuntu.com/about/release-cycle (end of standard support)
 * - Alpine: https://alpinelinux.org/releases/ ("end of support")
 * - MySQL: https://www.mysql.com/support/eol-notice.html and Oracle Lifetime Support Policy (5.7: 2023-10, 8.0: 2026-04)
 * Language images built on an old Debian (`python:3.12-slim-buster`) inherit the distribution's end of life.
 */
const EOL: readonly EolEntry[] = [
  ...[
    ['2.7', '2020-01-01'],
    ['3.5', '2020-09-30'],
    ['3.6', '2021-12-23'],
    ['3.7', '2023-06-27'],
    ['3.8', '2024-10-07'],
    ['3.9', '2025-10-31'],
    ['3.10', '2026-10-31'],
  ].map(([release, eol]) => ({ image: 'python', product: 'Python', tag: new RegExp(`^${release.replace('.', '\\.')}(?![0-9])`), release, eol })),
  ...[
    ['10', '2021-04-30'],
    ['12', '2022-04-30'],
    ['14', '2023-04-30'],
    ['16', '2023-09-11'],
    ['17', '2022-06-01'],
    ['18', '2025-04-30'],
    ['19', '2023-06-01'],
    ['20', '2026-04-30'],
    ['21', '2024-06-01'],
    ['23', '2025-06-01'],
  ].map(([release, eol]) => ({ image: 'node', product: 'Node.js', tag: new RegExp(`^${release}(?![0-9])`), release, eol })),
  ...[
    ['9', 'stretch', '2022-06-30'],
    ['10', 'buster', '2024-06-30'],
    ['11', 'bullseye', '2026-08-31'],
  ].flatMap(([release, codename, eol]) => [
    { image: 'debian', product: 'Debian', tag: new RegExp(`^(?:${release}(?![0-9])|${codename})`), release: `${release} (${codename})`, eol },
    { image: '*', product: 'Debian', tag: new RegExp(`(?:^|-)${codename}(?:-|$)`), release: `${release} (${codename})`, eol },
  ]),
  ...[
    ['16.04', 'xenial', '2021-04-30'],
    ['18.04', 'bionic', '2023-05-31'],
    ['20.04', 'focal', '2025-05-31'],
  ].map(([release, codename, eol]) => ({ image: 'ubuntu', product: 'Ubuntu', tag: new RegExp(`^(?:${release.replace('.', '\\.')}|${codename})`), release, eol })),
  ...[
    ['3.14', '2023-05-01'],
    ['3.15', '2023-11-01'],
    ['3.16', '2024-05-23'],
    ['3.17', '2024-11-22'],
    ['3.18', '2025-05-09'],
    ['3.19', '2025-11-01'],
    ['3.20', '2026-04-01'],
  ].map(([release, eol]) => ({ image: 'alpine', product: 'Alpine', tag: new RegExp(`^${release.replace('.', '\\.')}(?![0-9])`), release, eol })),
  ...[
    ['5.6', '2021-02-28'],
    ['5.7', '2023-10-31'],
    ['8.0', '2026-04-30'],
  ].map(([release, eol]) => ({ image: 'mysql', product: 'MySQL', tag: new RegExp(`^${release.replace('.', '\\.')}(?![0-9])`), release, eol })),
];

export interface EndOfLife {
  image: string;
  product: string;
  release: string;
  eol: string;
}

/** The release an image tag is on, if that release's support ended before `today` (YYYY-MM-DD). */
export function imageEndOfLife(image: ImageReference, today: string): EndOfLife | undefined {
  const official = officialImageName(image.name);
  if (!official || !image.tag) return undefined;
  const entry = EOL.find((e) => (e.image === official || (e.image === '*' && official !== 'debian')) && e.tag.test(image.tag!) && e.eol <= today);
  return entry && { image: official, product: entry.product, release: entry.release, eol: entry.eol };
}

/** `<subject> runs python:3.8-slim: Python 3.8 reached its end of life on 2024-10-07 ...` */
export function endOfLifeMessage(subject: string, reference: string, eol: EndOfLife): string {
  return `${subject} ${reference}: ${eol.product} ${eol.release} reached its end of life on ${eol.eol} and gets no security fixes; move to a supported release`;
}

/** Today as YYYY-MM-DD, the form of the end-of-life table. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export type ImagePinning = 'digest' | 'version' | 'latest' | 'none';

/** How firmly a reference fixes what is pulled: a digest, a version tag, `latest`, or no tag at all. */
export function imagePinning(image: ImageReference): ImagePinning {
  if (image.digest) return 'digest';
  if (!image.tag) return 'none';
  return image.tag === 'latest' ? 'latest' : 'version';
}
