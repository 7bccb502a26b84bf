/** Projects and source files the CLI tests scan. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './run-cli';

/**
 * test/fixtures/cli/vulnerable-app: a command injection (api/commands.py:5), a yaml.load with a verified fix
 * (api/settings.py:5), a suppressed yaml.load (api/settings.py:10), a privileged container in an otherwise hardened
 * Deployment (deploy/api.yaml:13) and a sanitized dangerouslySetInnerHTML (web/Bio.tsx, no finding).
 */
export const VULNERABLE_APP = join(REPO_ROOT, 'test', 'fixtures', 'cli', 'vulnerable-app');

/** One high finding (py.yaml-load) at line 5, column 12, with a verified fix. */
export const YAML_LOAD_PY = 'import yaml\n\n\ndef read(body):\n    return yaml.load(body, Loader=yaml.Loader)\n';

/** Safe look-alike of YAML_LOAD_PY: no finding. */
export const SAFE_PY = 'import yaml\n\n\ndef read(body):\n    return yaml.safe_load(body)\n';

/**
 * The fixture's Deployment, hardened against every k8s rule, without `privileged: true` and without `runAsNonRoot`:
 * one medium finding (k8s.run-as-non-root) at line 10, column 11.
 */
export const ROOT_DEPLOYMENT_YAML = readFileSync(join(VULNERABLE_APP, 'deploy', 'api.yaml'), 'utf8')
  .replace('            privileged: true\n', '')
  .replace('            runAsNonRoot: true\n', '');
