/** The small workspace the real-editor tests open: one Python finding with a verified fix, one Kubernetes finding. */

/** py.yaml-load (A8) at line 4, column 12, with the verified fix "Use yaml.safe_load()". */
export const PYTHON_SOURCE = 'import yaml\n\ndef load(body):\n    return yaml.load(body, Loader=yaml.Loader)\n';
export const YAML_LOAD_MESSAGE = 'yaml.load() with Loader=yaml.Loader can construct arbitrary Python objects';
export const QUICK_FIX_TITLE = 'Use yaml.safe_load()';

/** k8s.privileged-container (A6) at line 10, column 9; other Kubernetes rules may report more. */
export const K8S_SOURCE = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: web',
  'spec:',
  '  containers:',
  '    - name: web',
  '      image: nginx:1.27',
  '      securityContext:',
  '        privileged: true',
  '        runAsNonRoot: true',
  '',
].join('\n');

export const AUDIT_COMMAND = 'OWASP Audit: Audit Workspace';
