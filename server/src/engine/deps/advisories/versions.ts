import * as pep440 from '@renovatebot/pep440';
import semver from 'semver';
import { normalizePythonName } from '../python/pep508';
import type { Ecosystem } from '../types';

/** How an ecosystem orders its versions and names its packages. */
export interface VersionScheme {
  /** Whether the text is a version this ecosystem can order. */
  valid(version: string): boolean;
  /** Negative, zero or positive, as `a` is before, equal to or after `b`. Only called on valid versions. */
  compare(a: string, b: string): number;
  /** The key that identifies a package (`PyYAML` and `pyyaml` are one PyPI project; npm names are exact). */
  packageKey(name: string): string;
}

/** npm: Semantic Versioning 2.0 as node-semver implements it (pre-releases sort before their release). */
const npmScheme: VersionScheme = {
  valid: (v) => semver.valid(v) !== null,
  compare: (a, b) => semver.compare(a, b),
  packageKey: (name) => name,
};

/** PyPI: PEP 440 (epochs, pre/post/dev releases, local versions `1.0+ubuntu1` after `1.0`). */
const pypiScheme: VersionScheme = {
  valid: (v) => pep440.valid(v) !== null,
  compare: (a, b) => pep440.compare(a, b),
  packageKey: normalizePythonName,
};

export const VERSION_SCHEMES: Record<Ecosystem, VersionScheme> = { npm: npmScheme, PyPI: pypiScheme };

export function isEcosystem(value: string): value is Ecosystem {
  return value === 'npm' || value === 'PyPI';
}
