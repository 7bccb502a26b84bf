import type { Rule } from '../types';
import { reportVulnerablePackages } from './vulnerable-packages';

export const vulnerablePythonPackage: Rule = {
  meta: {
    id: 'deps.vulnerable-python-package',
    title: 'Python package with a known vulnerability',
    family: 'dependencies',
    cwes: [1395, 937],
    severity: 'high',
    confidence: 'high',
    docs: {
      file: 'requirements.txt',
      summary:
        'Finds PyPI packages with published advisories (OSV / GitHub Advisory Database) in `requirements*.txt` (following `-r` and `-c`), `pyproject.toml` (PEP 621 and Poetry), `poetry.lock` and `Pipfile.lock`, matching versions by PEP 440. With a lockfile next to the manifest the locked versions count, and a vulnerable transitive package is reported at the direct dependency that pulls it in. The message names the advisories, the worst severity (CVSS) and the lowest version that fixes them all; the quick fix raises the pin. Needs advisory data: `--advisories DIR`, `owasp-audit advisories update` or `--online`.',
      why: 'A published vulnerability comes with a public description, often a proof of concept, and scanners that look for it: the application is as exposed as the weakest component it loads, whatever its own code does.',
      vulnerable: 'fastapi==0.65.1\nPyYAML==5.3.1\n',
      safe: 'fastapi==0.65.2\nPyYAML==5.4\n',
      references: ['https://owasp.org/www-project-top-ten/2017/A9_2017-Using_Components_with_Known_Vulnerabilities', 'https://osv.dev/'],
    },
  },
  checkFile(context) {
    reportVulnerablePackages(context, 'PyPI');
  },
};
