/** The package ecosystems the dependency audit reads, named as OSV names them. */
export type Ecosystem = 'PyPI' | 'npm';

/** A span of a manifest's text (UTF-16 offsets), e.g. a version string a fix rewrites. */
export interface TextSpan {
  start: number;
  end: number;
}

/** One dependency as a manifest or lockfile declares it. */
export interface DeclaredDependency {
  ecosystem: Ecosystem;
  /** As written (`PyYAML`, `@types/node`). */
  name: string;
  /** The file that declares it (as the caller named it). */
  file: string;
  /** The whole declaration (a requirement line, a `"name": "range"` property, a lockfile entry's key). */
  span: TextSpan;
  /** The version requirement as written: `==5.3.1`, `^14.1.0`, `>=2,<3`; empty when there is none. */
  spec: string;
  /** Where `spec` is in the text (a fix replaces it); absent when there is no spec to rewrite. */
  specSpan?: TextSpan;
  /** The exact version, when the declaration pins one (`==1.2.3`, `1.2.3` in package.json, a lockfile entry). */
  pinned?: string;
  /** Development-only (devDependencies, a dev group, `develop` in Pipfile.lock). */
  dev?: boolean;
  /** Python extras (`uvicorn[standard]`). */
  extras?: string[];
  /** A PEP 508 environment marker (`; python_version < "3.8"`). */
  marker?: string;
  /** The group or section it was found in (`dependencies`, `optional-dependencies.dev`, `tool.poetry.group.test`). */
  group?: string;
}

/** A file a manifest refers to (`-r other.txt`, `-c constraints.txt`), resolved against the manifest's folder. */
export interface ManifestInclude {
  kind: 'requirements' | 'constraints';
  /** As written. */
  target: string;
  /** Resolved path. */
  path: string;
  span: TextSpan;
}

export interface ManifestProblem {
  message: string;
  span: TextSpan;
}

export interface ParsedManifest {
  dependencies: DeclaredDependency[];
  includes: ManifestInclude[];
  problems: ManifestProblem[];
}

/** A package a lockfile says is installed, and how it got there. */
export interface InstalledPackage {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  /** The lockfile entry (its key or `name =` line). */
  span: TextSpan;
  /**
   * Package names from a direct dependency down to this one (`['jsonwebtoken', 'semver']`); one element for a
   * direct dependency; empty when the lockfile does not say who pulls it in.
   */
  chain: string[];
  dev?: boolean;
}
