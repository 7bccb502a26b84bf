import type { Container } from '../../analysis/kubernetes';
import { describeContainer, helmTemplates, kubernetes, mayBeTemplated, settingsUnknown } from '../../analysis/kubernetes';
import { entry, get, scalar, type YamlMap } from '../../analysis/yaml-model';
import type { Fix } from '../../findings';
import type { Rule, SourceFile } from '../types';

export const runAsNonRoot: Rule = {
  meta: {
    id: 'k8s.run-as-non-root',
    title: 'Container may run as root',
    family: 'yaml',
    cwes: [250],
    severity: 'medium',
    confidence: 'high',
    docs: {
      summary:
        'Finds containers that neither they nor their pod require to run as a non-root user (`runAsNonRoot: true`, or a non-zero `runAsUser`).',
      why:
        'Most images run as root unless told otherwise. Root inside the container makes a container escape, a writable host mount or a kernel bug far more damaging, and the restricted Pod Security Standard rejects it.',
      vulnerable: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: registry.example.com/api:1.4.2\n',
      safe: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: api\n      image: registry.example.com/api:1.4.2\n',
      references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
    },
  },
  checkFile(context) {
    const templates = context.analysis(helmTemplates);
    for (const container of context.analysis(kubernetes).containers) {
      const user = runAsUser(container);
      if (user === 'non-root') continue;
      // A Kustomize patch or a Helm template may set it where this file does not show (explicit root still counts).
      const elsewhere = settingsUnknown(context.file, templates, container) || mayBeTemplated(context.file, templates, container.podSpec);
      if (user === 'unknown' && elsewhere) continue;
      const at = entry(container.map, 'name')?.pair ?? container.map.node;
      context.report({
        node: at,
        message:
          user === 'root'
            ? `${describeContainer(container)} runs as root (runAsUser: 0); run it as a non-zero user and set runAsNonRoot: true`
            : `${describeContainer(container)} may run as root; set securityContext.runAsNonRoot: true (on the container or the pod)`,
        // With runAsUser: 0, adding runAsNonRoot would only stop the pod from starting: no one-step fix.
        fix: user === 'root' ? undefined : runAsNonRootFix(context.file, container.map),
      });
    }
  },
};

/** The container's own setting wins over the pod's, field by field, as the kubelet applies them. */
function runAsUser(container: Container): 'non-root' | 'root' | 'unknown' {
  const own = get(container.map, 'securityContext');
  const pod = get(container.podSpec, 'securityContext');
  const setting = (key: string) => scalar(get(own, key)) ?? scalar(get(pod, key));
  const user = setting('runAsUser');
  if (user === '0') return 'root';
  if (user !== undefined && /^\d+$/.test(user)) return 'non-root';
  return setting('runAsNonRoot') === 'true' ? 'non-root' : 'unknown';
}

/** Sets or adds `runAsNonRoot: true` in the container's block-style securityContext, keeping its indentation. */
function runAsNonRootFix(file: SourceFile, container: YamlMap): Fix | undefined {
  const title = 'Set securityContext.runAsNonRoot: true';
  const contextEntry = entry(container, 'securityContext');
  const context = contextEntry?.value;
  const existing = entry(context, 'runAsNonRoot')?.value;
  if (existing?.kind === 'scalar') {
    return { title, edits: [{ start: existing.node.startIndex, end: existing.node.endIndex, newText: 'true' }] };
  }
  if (context?.kind === 'map' && context.block && context.entries.length > 0) {
    return { title, edits: [insertLineBefore(context.entries[0].pair, 'runAsNonRoot: true')] };
  }
  if (contextEntry && !context) {
    // `securityContext:` with no value (its settings commented out, say): fill it rather than add a duplicate key.
    const indent = ' '.repeat(contextEntry.pair.startPosition.column);
    return { title, edits: [{ start: contextEntry.pair.endIndex, end: contextEntry.pair.endIndex, newText: `\n${indent}  runAsNonRoot: true` }] };
  }
  if (!contextEntry && container.block && container.entries.length > 0) {
    const first = container.entries[0].pair;
    const indent = ' '.repeat(first.startPosition.column);
    const last = container.entries[container.entries.length - 1].pair;
    const lineEnd = file.lines.lineStart(last.endPosition.row + 1);
    const atEnd = lineEnd <= last.endIndex;
    const text = `securityContext:\n${indent}  runAsNonRoot: true`;
    return atEnd
      ? { title, edits: [{ start: file.text.length, end: file.text.length, newText: `\n${indent}${text}\n` }] }
      : { title, edits: [{ start: lineEnd, end: lineEnd, newText: `${indent}${text}\n` }] };
  }
  return undefined;
}

/** A new line with `text` at the indentation of `sibling`, just above it. */
function insertLineBefore(sibling: { startIndex: number; startPosition: { column: number } }, text: string) {
  const indent = ' '.repeat(sibling.startPosition.column);
  return { start: sibling.startIndex, end: sibling.startIndex, newText: `${text}\n${indent}` };
}
