import type { Rule } from '../types';
import { reportVulnerablePackages } from './vulnerable-packages';

export const vulnerableNpmPackage: Rule = {
  meta: {
    id: 'deps.vulnerable-npm-package',
    title: 'npm package with a known vulnerability',
    family: 'dependencies',
    cwes: [1395, 937],
    severity: 'high',
    confidence: 'high',
    docs: {
      file: 'package.json',
      summary:
        'Finds npm packages with published advisories (OSV / GitHub Advisory Database) in `package.json` and in `package-lock.json` (v2/v3), `yarn.lock` (Yarn 1 and 2+) and `pnpm-lock.yaml`, matching versions by semver (pre-releases included). With a lockfile next to package.json the installed versions count, and a vulnerable transitive package is reported at the direct dependency that pulls it in, naming the chain. The message names the advisories, the worst severity (CVSS) and the lowest version that fixes them all; the quick fix raises the version range. Needs advisory data: `--advisories DIR`, `owasp-audit advisories update` or `--online`.',
      why: 'A published vulnerability comes with a public description, often a proof of concept, and scanners that look for it: a web or mobile app is as exposed as the weakest package it bundles or runs on its server.',
      vulnerable: '{\n  "dependencies": {\n    "jsonwebtoken": "8.5.1",\n    "next": "14.1.0"\n  }\n}\n',
      safe: '{\n  "dependencies": {\n    "jsonwebtoken": "9.0.0",\n    "next": "14.1.1"\n  }\n}\n',
      references: ['https://owasp.org/www-project-top-ten/2017/A9_2017-Using_Components_with_Known_Vulnerabilities', 'https://osv.dev/'],
    },
  },
  checkFile(context) {
    reportVulnerablePackages(context, 'npm');
  },
};
