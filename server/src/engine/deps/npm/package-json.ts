import semver from 'semver';
import { parseLocatedJson, properties, stringValue } from '../json-locate';
import type { DeclaredDependency, ParsedManifest } from '../types';

export const DEPENDENCY_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

/**
 * The registry package and range a package.json value asks for: `^1.2.0`, or `npm:real-name@^1.2.0` (an alias).
 * Undefined for what does not come from the registry (`file:`, `link:`, `workspace:`, git and tarball URLs).
 */
export function registryRequest(name: string, value: string): { name: string; range: string; rangeOffset: number } | undefined {
  const alias = /^npm:((?:@[^/@]+\/)?[^@]+)(?:@(.*))?$/.exec(value);
  if (alias) return { name: alias[1], range: alias[2] ?? '*', rangeOffset: value.length - (alias[2] ?? '').length };
  if (/^(?:file|link|workspace|portal|patch|git|git\+[a-z]+|https?|github):/i.test(value) || /^[^@\s]+\/[^@\s]+(?:#.*)?$/.test(value)) return undefined;
  return { name, range: value, rangeOffset: 0 };
}

/** The exact version a range allows, if it allows exactly one (`1.2.3`, `=1.2.3`, `v1.2.3`). */
export function exactNpmVersion(range: string): string | undefined {
  const r = range.trim();
  if (!/^[=v]*\d/.test(r) || /\s|\|\||[<>^~*xX]/.test(r.replace(/^[=v]+/, '').replace(/-.*$/, ''))) return undefined;
  return semver.valid(r.replace(/^=+/, '')) ?? undefined;
}

/** `package.json`: the dependency sections, each entry located at its `"name": "range"` property. */
export function parsePackageJson(path: string, text: string): ParsedManifest {
  const root = parseLocatedJson(text);
  const dependencies: DeclaredDependency[] = [];
  for (const section of properties(root).filter((p) => (DEPENDENCY_SECTIONS as readonly string[]).includes(p.key))) {
    for (const dep of properties(section.value)) {
      const value = stringValue(dep.value);
      if (value === undefined) continue;
      const request = registryRequest(dep.key, value);
      if (!request) continue;
      // The value node spans the quotes; the range starts after the opening quote (and after `npm:name@`).
      const rangeStart = dep.value.start + 1 + request.rangeOffset;
      dependencies.push({
        ecosystem: 'npm',
        name: request.name,
        file: path,
        span: { start: dep.keyStart, end: dep.value.end },
        spec: request.range,
        specSpan: { start: rangeStart, end: rangeStart + request.range.length },
        pinned: exactNpmVersion(request.range),
        group: section.key,
        dev: section.key === 'devDependencies' || undefined,
      });
    }
  }
  return { dependencies, includes: [], problems: [] };
}
