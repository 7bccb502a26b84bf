import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { defaultConfig } from '../../../../server/src/engine/config';
import type { ScanInput } from '../../../../server/src/engine/engine';
import { verifyFix } from '../../../../server/src/engine/fixes';
import { applyEdits } from '../../../../server/src/engine/text';
import { OSV_FIXTURES } from '../../../helpers/osv-fixtures';
import { assertFixWorks, expectFindings, lines, sharedEngine } from '../../../helpers/scan';
import { createTempWorkspace } from '../../../helpers/temp-workspace';

const PYTHON = 'deps.vulnerable-python-package';
const NPM = 'deps.vulnerable-npm-package';
const config = { ...defaultConfig(), advisories: [OSV_FIXTURES] };

async function scan(input: ScanInput, ruleId: string) {
  const result = (await sharedEngine()).scan(input, config);
  return { result, findings: result.findings.filter((f) => f.ruleId === ruleId && !f.suppression) };
}

describe('deps.vulnerable-python-package', () => {
  const requirements = lines('fastapi==0.65.1', 'uvicorn[standard]==0.13.4', 'PyYAML==5.3.1  # config loader', 'requests>=2.25,<3');

  it('reports each vulnerable pin on its line with ids, worst severity, summary and fixed version, as A9', async () => {
    const [fastapi, pyyaml, requests] = await expectFindings(
      PYTHON,
      'dependencies',
      requirements,
      [
        { at: 'fastapi==0.65.1', covers: 'fastapi==0.65.1', message: ['GHSA-8h2j-cgx8-6xv7', 'CVE-2021-32677', 'fixed in 0.65.2'] },
        { at: 'PyYAML==5.3.1', covers: 'PyYAML==5.3.1', message: ['GHSA-8q59-q68h-6hv4 (CVE-2020-14343, critical 9.8)', '"Improper Input Validation in PyYAML"', 'fixed in 5.4'] },
        { at: 'requests>=2.25', message: ['requests 2.25 (the lowest version its range allows) has 2 known vulnerabilities', 'fixed in 2.32.2'] },
      ],
      config,
    );
    assert.deepEqual([fastapi.severity, pyyaml.severity, requests.severity], ['high', 'critical', 'medium']);
    assert.equal(pyyaml.category?.id, 'A9');
    assert.deepEqual(pyyaml.advisories, [{ id: 'GHSA-8q59-q68h-6hv4', aliases: ['CVE-2020-14343'], url: 'https://github.com/advisories/GHSA-8q59-q68h-6hv4' }]);
    assert.equal(requests.fix, undefined, 'a two-sided range is not rewritten by guess');
    assert.deepEqual([pyyaml.confidence, requests.confidence], ['high', 'medium'], 'a range floor is what may be installed, not what is');
  });

  it('offers a verified fix that raises the pin to the fixed version', async () => {
    const [, pyyaml] = await expectFindings(PYTHON, 'dependencies', requirements, [{ at: 'fastapi' }, { at: 'PyYAML' }, { at: 'requests' }], config);
    assert.equal(pyyaml.fix?.title, 'Upgrade PyYAML to 5.4 (==5.3.1 -> ==5.4)');
    const fixed = await assertFixWorks('dependencies', requirements, pyyaml, config);
    assert.match(fixed, /^PyYAML==5\.4 {2}# config loader$/m);
  });

  it('a # owasp-audit-ignore comment suppresses it, with its reason', async () => {
    const text = lines('# owasp-audit-ignore deps.vulnerable-python-package -- only used in the offline build', 'PyYAML==5.3.1', 'fastapi==0.65.1');
    const { result } = await scan({ path: 'requirements.txt', text, language: 'dependencies' }, PYTHON);
    const pyyaml = result.findings.find((f) => f.ruleId === PYTHON && f.message.startsWith('PyYAML'))!;
    assert.equal(pyyaml.suppression?.reason, 'only used in the offline build');
    assert.ok(!result.findings.find((f) => f.ruleId === PYTHON && f.message.startsWith('fastapi'))!.suppression);
  });

  it('stays silent without advisory data, and says nothing about safe versions', async () => {
    const empty = createTempWorkspace();
    try {
      const result = (await sharedEngine()).scan({ path: 'requirements.txt', text: requirements, language: 'dependencies' }, { ...defaultConfig(), advisories: [empty.root] });
      assert.deepEqual(result.findings.filter((f) => f.ruleId === PYTHON), []);
    } finally {
      empty.remove();
    }
    assert.deepEqual((await scan({ path: 'requirements.txt', text: lines('PyYAML==5.4', 'fastapi==0.65.2', 'uvicorn==0.13.4'), language: 'dependencies' }, PYTHON)).findings, []);
  });

  it('pyproject.toml with poetry.lock on disk: the transitive PyYAML is reported at uvicorn, naming the chain', async () => {
    const folder = join(__dirname, '../../../fixtures/deps/poetry-project');
    const text = readFileSync(join(folder, 'pyproject.toml'), 'utf8');
    const { findings } = await scan({ path: 'pyproject.toml', absolutePath: join(folder, 'pyproject.toml'), text, language: 'dependencies' }, PYTHON);
    const uvicorn = findings.find((f) => f.message.includes('uvicorn > pyyaml'));
    assert.ok(uvicorn, findings.map((f) => f.message).join('\n'));
    assert.equal(uvicorn.range.start.line, 7);
    assert.match(uvicorn.message, /^uvicorn pulls in pyyaml 5\.3\.1 \(uvicorn > pyyaml\), which has 1 known vulnerability: GHSA-8q59-q68h-6hv4/);
    assert.equal(uvicorn.fix, undefined);
  });
});

describe('deps.vulnerable-npm-package', () => {
  const manifest = '{\n  "dependencies": {\n    "jsonwebtoken": "8.5.1",\n    "mysql2": "^3.9.1",\n    "react": "18.2.0"\n  }\n}\n';

  it('reports package.json entries with a verified fix that keeps the range operator', async () => {
    const input: ScanInput = { path: 'package.json', text: manifest, language: 'dependencies' };
    const { result, findings } = await scan(input, NPM);
    assert.deepEqual(findings.map((f) => [f.range.start.line, f.severity, f.fix?.edits[0].newText]), [
      [2, 'medium', '9.0.0'],
      [3, 'critical', '^3.9.7'],
    ]);
    const engine = await sharedEngine();
    for (const f of findings) {
      assert.ok(verifyFix(engine, input, result, f, f.fix!, config), f.fix!.title);
      const after = await scan({ ...input, text: applyEdits(manifest, f.fix!.edits) }, NPM);
      assert.equal(after.findings.length, findings.length - 1);
    }
  });

  it('does not touch Python manifests, and a fix that would break the JSON is not verified', async () => {
    assert.deepEqual((await scan({ path: 'requirements.txt', text: 'jsonwebtoken==8.5.1\n', language: 'dependencies' }, NPM)).findings, []);
    const input: ScanInput = { path: 'package.json', text: manifest, language: 'dependencies' };
    const { result, findings } = await scan(input, NPM);
    const broken = { title: 'break it', edits: [{ start: findings[0].offsets.start, end: findings[0].offsets.end, newText: '"jsonwebtoken": ' }] };
    assert.ok(!verifyFix(await sharedEngine(), input, result, findings[0], broken, config));
  });

  it('an invalid package.json is a notice, not a crash', async () => {
    const { result } = await scan({ path: 'package.json', text: '{"dependencies": {', language: 'dependencies' }, NPM);
    assert.deepEqual(result.findings.filter((f) => f.ruleId === NPM), []);
    assert.ok(result.notices.some((n) => n.message.includes(NPM)));
  });

  describe('with a lockfile on disk', () => {
    const workspace = createTempWorkspace({
      'web/package.json': readFileSync(join(__dirname, '../../../fixtures/deps/npm-lock/package.json'), 'utf8'),
      'web/package-lock.json': readFileSync(join(__dirname, '../../../fixtures/deps/npm-lock/package-lock.json'), 'utf8'),
    });
    after(() => workspace.remove());

    it('reports installed versions and transitive packages at the direct dependency, naming the chain', async () => {
      const path = workspace.path('web/package.json');
      const { findings } = await scan({ path: 'web/package.json', absolutePath: path, text: readFileSync(path, 'utf8'), language: 'dependencies' }, NPM);
      assert.deepEqual(
        findings.map((f) => [f.range.start.line, f.advisories?.map((a) => a.id)]),
        [
          [5, ['GHSA-8cf7-32gw-wr33', 'GHSA-hjrf-2m68-5959', 'GHSA-c2qf-rxjj-qqgw']],
          [6, ['GHSA-4rch-2fh8-94vw', 'GHSA-fpw7-j2hg-69v5']],
          [9, ['GHSA-c2qf-rxjj-qqgw']],
        ],
      );
      assert.match(findings[0].message, /jsonwebtoken pulls in semver 5\.7\.1 \(jsonwebtoken > semver\)/);
      assert.match(findings[2].message, /^make-dir pulls in semver 6\.3\.0 \(make-dir > semver\).*fixed in semver 6\.3\.1$/);
    });
  });
});
