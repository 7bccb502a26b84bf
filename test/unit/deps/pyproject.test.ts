import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parsePipfileLock, parsePoetryLock } from '../../../server/src/engine/deps/python/lockfiles';
import { parsePyproject, poetryPin } from '../../../server/src/engine/deps/python/pyproject';
import { spanLine, spanText } from '../../helpers/text-spans';

const PEP621 = `[project]
name = "shop-api"
dependencies = [
    "fastapi==0.65.1",
    "uvicorn[standard]==0.13.4",
    'requests>=2.25',
]

[project.optional-dependencies]
dev = ["pytest==7.4.4", "httpx==0.26.0"]
mysql = [
  "PyMySQL==1.0.2; python_version >= '3.8'",
]

[dependency-groups]
lint = ["ruff==0.4.0"]
`;

const FIXTURES = join(__dirname, '../../fixtures/deps/poetry-project');
const POETRY_PYPROJECT = readFileSync(join(FIXTURES, 'pyproject.toml'), 'utf8');
const POETRY_LOCK = readFileSync(join(FIXTURES, 'poetry.lock'), 'utf8');

describe('pyproject.toml', () => {
  it('reads PEP 621 dependencies, optional dependencies and dependency groups, each on its own line', () => {
    const deps = parsePyproject('/p/pyproject.toml', PEP621).dependencies;
    assert.deepEqual(
      deps.map((d) => [d.name, d.spec, d.pinned, d.group, d.dev ?? false, spanLine(PEP621, d.span)]),
      [
        ['fastapi', '==0.65.1', '0.65.1', 'dependencies', false, 4],
        ['uvicorn', '==0.13.4', '0.13.4', 'dependencies', false, 5],
        ['requests', '>=2.25', undefined, 'dependencies', false, 6],
        ['pytest', '==7.4.4', '7.4.4', 'project.optional-dependencies.dev', true, 10],
        ['httpx', '==0.26.0', '0.26.0', 'project.optional-dependencies.dev', true, 10],
        ['PyMySQL', '==1.0.2', '1.0.2', 'project.optional-dependencies.mysql', false, 12],
        ['ruff', '==0.4.0', '0.4.0', 'dependency-groups.lint', true, 16],
      ],
    );
    assert.equal(spanText(PEP621, deps[1].specSpan), '==0.13.4');
    assert.equal(spanText(PEP621, deps[4].span), 'httpx==0.26.0', 'the second item of a one-line list');
    assert.equal(deps[5].marker, "python_version >= '3.8'");
  });

  it('reads Poetry dependencies: strings, inline tables, sub-tables and groups; python itself is not a package', () => {
    const deps = parsePyproject('/p/pyproject.toml', POETRY_PYPROJECT).dependencies;
    assert.deepEqual(
      deps.map((d) => [d.name, d.spec, d.pinned, d.dev ?? false, spanLine(POETRY_PYPROJECT, d.span), spanText(POETRY_PYPROJECT, d.specSpan)]),
      [
        ['fastapi', '0.65.1', '0.65.1', false, 7, '0.65.1'],
        ['uvicorn', '^0.13.4', undefined, false, 8, '^0.13.4'],
        ['PyJWT', '==1.7.1', '1.7.1', false, 9, '==1.7.1'],
        ['requests', '~2.25.1', undefined, false, 12, '~2.25.1'],
        ['pytest', '^7.4', undefined, true, 16, '^7.4'],
      ],
    );
    assert.deepEqual(deps[1].extras, ['standard']);
  });

  it('pins a Poetry constraint only when it names one version', () => {
    assert.equal(poetryPin('1.2.3'), '1.2.3');
    assert.equal(poetryPin('==1.2.3'), '1.2.3');
    assert.equal(poetryPin('^1.2.3'), undefined);
    assert.equal(poetryPin('1.2.*'), undefined);
    assert.equal(poetryPin('>=1.2,<2'), undefined);
  });

  it('throws on invalid TOML rather than reading half a file', () => {
    assert.throws(() => parsePyproject('/p/pyproject.toml', '[project\ndependencies = ['));
  });
});

describe('Python lockfiles', () => {
  it('poetry.lock: versions, dev groups and the chain from a direct dependency', () => {
    const packages = parsePoetryLock(POETRY_LOCK, ['fastapi', 'uvicorn', 'pytest']);
    const byName = Object.fromEntries(packages.map((p) => [p.name, p]));
    assert.deepEqual(byName.pyyaml.chain, ['uvicorn', 'pyyaml']);
    assert.equal(byName.pyyaml.version, '5.3.1');
    assert.deepEqual(byName.starlette.chain, ['fastapi', 'starlette']);
    assert.deepEqual(byName.fastapi.chain, ['fastapi']);
    assert.equal(byName.pytest.dev, true);
    assert.equal(spanText(POETRY_LOCK, byName.pyyaml.span), 'name = "pyyaml"');
  });

  it('Pipfile.lock: default and develop sections with == versions', () => {
    const text = JSON.stringify(
      {
        _meta: { hash: { sha256: '0' }, 'pipfile-spec': 6 },
        default: { pyyaml: { hashes: [], version: '==5.3.1' }, 'git-pkg': { git: 'https://example.com/x.git' } },
        develop: { pytest: { version: '==7.4.4' } },
      },
      null,
      4,
    );
    const packages = parsePipfileLock(text);
    assert.deepEqual(
      packages.map((p) => [p.name, p.version, p.dev ?? false, spanText(text, p.span)]),
      [
        ['pyyaml', '5.3.1', false, '"pyyaml"'],
        ['pytest', '7.4.4', true, '"pytest"'],
      ],
    );
  });
});
