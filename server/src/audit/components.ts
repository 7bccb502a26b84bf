/**
 * Which part of the user's system a file belongs to, from its path alone (relative to the workspace root): the audit
 * view and the report group findings by it. Shared by the server and the VS Code client, so it imports nothing.
 */
export type Component = 'backend' | 'web' | 'mobile' | 'infrastructure' | 'dependencies';

export const COMPONENTS: readonly Component[] = ['backend', 'web', 'mobile', 'infrastructure', 'dependencies'];

export const COMPONENT_LABELS: Record<Component, string> = {
  backend: 'Backend',
  web: 'Web',
  mobile: 'Mobile',
  infrastructure: 'Infrastructure',
  dependencies: 'Dependencies',
};

/** Manifests and lockfiles: what the system depends on, whatever folder they are in. */
const DEPENDENCY_FILES = /^(requirements[^/]*\.(txt|in)|pyproject\.toml|pipfile(\.lock)?|poetry\.lock|uv\.lock|package(-lock)?\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|podfile(\.lock)?|build\.gradle(\.kts)?)$/;
const INFRASTRUCTURE_FILES = /^(dockerfile|containerfile|docker-compose[^/]*\.ya?ml|compose\.ya?ml|[^/]*\.tf|chart\.yaml|kustomization\.ya?ml|values[^/]*\.ya?ml)$/;

/** Folder names that say what a subtree is; the first that matches (from the root down) wins. */
const FOLDER_COMPONENTS: [RegExp, Component][] = [
  [/^(\.github|\.gitlab|k8s|kubernetes|kube|helm|charts?|deploy(ment)?s?|infra(structure)?|terraform|cloudformation|cdk|ops|manifests|kustomize)$/, 'infrastructure'],
  [/^(mobile|android|ios|app-mobile|mobile-app|react-native|expo)$/, 'mobile'],
  [/^(web|frontend|front-end|client|ui|site|webapp|web-app|next|nextjs)$/, 'web'],
  [/^(backend|back-end|server|api|services?)$/, 'backend'],
];

/**
 * The component of `relativePath` (forward or back slashes). Dependency manifests first, then infrastructure files,
 * then the nearest-to-root folder that names a component, then the file: Android manifests and iOS Info.plist are
 * mobile, Python backend, TypeScript and JavaScript web, YAML infrastructure.
 */
export function componentOf(relativePath: string): Component {
  const segments = relativePath.toLowerCase().split(/[\\/]+/).filter((s) => s && s !== '.');
  const name = segments[segments.length - 1] ?? '';
  if (DEPENDENCY_FILES.test(name)) return 'dependencies';
  if (INFRASTRUCTURE_FILES.test(name)) return 'infrastructure';
  for (const folder of segments.slice(0, -1)) {
    const match = FOLDER_COMPONENTS.find(([pattern]) => pattern.test(folder));
    if (match) return match[1];
  }
  if (name === 'androidmanifest.xml' || name === 'info.plist') return 'mobile';
  if (/\.(ya?ml|tf)$/.test(name)) return 'infrastructure';
  if (/\.pyi?$/.test(name)) return 'backend';
  return 'web';
}
