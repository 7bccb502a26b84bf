import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { normalizePythonName, parseRequirement, pinnedVersion } from '../../../server/src/engine/deps/python/pep508';
import { isRequirementsFile, parseRequirements, readRequirementsTree } from '../../../server/src/engine/deps/python/requirements';
import { spanLine, spanText } from '../../helpers/text-spans';

const ROOT = join('/', 'project');
const file = (name: string) => join(ROOT, name);

describe('PEP 508 requirement strings', () => {
  it('reads name, extras, specifier and marker with offsets', () => {
    const text = 'uvicorn[standard, watch] >=0.13,<1 ; python_version >= "3.8"';
    const req = parseRequirement(text)!;
    assert.equal(req.name, 'uvicorn');
    assert.deepEqual(req.extras, ['standard', 'watch']);
    assert.equal(req.spec, '>=0.13,<1');
    assert.equal(text.slice(req.specStart, req.specEnd), '>=0.13,<1');
    assert.equal(req.marker, 'python_version >= "3.8"');
  });

  it('reads the legacy parenthesized form and direct references', () => {
    const legacy = parseRequirement('requests (==2.25.1)')!;
    assert.equal(legacy.spec, '==2.25.1');
    const direct = parseRequirement('pkg @ https://example.com/pkg-1.0.tar.gz')!;
    assert.equal(direct.url, 'https://example.com/pkg-1.0.tar.gz');
    assert.equal(direct.spec, '');
  });

  it('pins only exact, non-wildcard specifiers', () => {
    assert.equal(pinnedVersion('==5.3.1'), '5.3.1');
    assert.equal(pinnedVersion('===5.3.1'), '5.3.1');
    assert.equal(pinnedVersion('==5.3.*'), undefined);
    assert.equal(pinnedVersion('>=5.3.1'), undefined);
    assert.equal(pinnedVersion('==5.3.1,!=5.3.2'), undefined);
  });

  it('normalizes names the PEP 503 way', () => {
    assert.equal(normalizePythonName('PyYAML'), 'pyyaml');
    assert.equal(normalizePythonName('python_multipart'), 'python-multipart');
    assert.equal(normalizePythonName('Zope.Interface'), 'zope-interface');
  });
});

describe('requirements.txt', () => {
  it('recognizes requirement file names', () => {
    for (const name of ['requirements.txt', 'requirements-dev.txt', 'dev-requirements.txt', 'requirements/base.txt', 'constraints.txt']) {
      assert.ok(isRequirementsFile(file(name)), name);
    }
    assert.ok(!isRequirementsFile(file('notes.txt')));
  });

  it('reads pins, ranges, extras and markers, located on their lines', () => {
    const text = [
      '# backend',
      'fastapi==0.65.1',
      'uvicorn[standard]==0.13.4  # server',
      'requests>=2.25,<3',
      "pywin32==306 ; sys_platform == 'win32'",
      '',
    ].join('\n');
    const { dependencies, problems } = parseRequirements(file('requirements.txt'), text);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      dependencies.map((d) => [d.name, d.spec, d.pinned, spanLine(text, d.span)]),
      [
        ['fastapi', '==0.65.1', '0.65.1', 2],
        ['uvicorn', '==0.13.4', '0.13.4', 3],
        ['requests', '>=2.25,<3', undefined, 4],
        ['pywin32', '==306', '306', 5],
      ],
    );
    assert.deepEqual(dependencies[1].extras, ['standard']);
    assert.equal(dependencies[3].marker, "sys_platform == 'win32'");
    assert.equal(spanText(text, dependencies[1].specSpan), '==0.13.4');
    assert.equal(spanText(text, dependencies[1].span), 'uvicorn[standard]==0.13.4', 'the comment is not part of it');
  });

  it('joins continuation lines and keeps offsets in the original text', () => {
    const text = 'PyYAML\\\n    ==5.3.1 \\\n    --hash=sha256:abc\nrequests==2.25.1\n';
    const { dependencies } = parseRequirements(file('requirements.txt'), text);
    assert.deepEqual(
      dependencies.map((d) => [d.name, d.pinned]),
      [
        ['PyYAML', '5.3.1'],
        ['requests', '2.25.1'],
      ],
    );
    assert.equal(spanText(text, dependencies[0].specSpan), '==5.3.1', 'the spec span points into the second physical line');
    assert.equal(spanLine(text, dependencies[1].span), 4);
  });

  it('skips options, URLs, local paths and editable installs, and lists includes resolved against the file', () => {
    const text = [
      '--index-url https://pypi.org/simple',
      '-r base.txt',
      '--constraint=../constraints.txt',
      '-e .',
      './vendor/pkg',
      'git+https://github.com/org/repo.git#egg=repo',
      'https://example.com/pkg.whl',
      'six',
    ].join('\n');
    const parsed = parseRequirements(file('reqs/requirements.txt'), text);
    assert.deepEqual(parsed.dependencies.map((d) => [d.name, d.spec]), [['six', '']]);
    assert.deepEqual(
      parsed.includes.map((i) => [i.kind, i.target, i.path]),
      [
        ['requirements', 'base.txt', file('reqs/base.txt')],
        ['constraints', '../constraints.txt', file('constraints.txt')],
      ],
    );
    assert.equal(spanText(text, parsed.includes[0].span), '-r base.txt');
  });

  it('reports a line that is not a requirement instead of guessing', () => {
    const { dependencies, problems } = parseRequirements(file('requirements.txt'), 'flask ^2.0\n');
    assert.deepEqual(dependencies, []);
    assert.equal(problems.length, 1);
  });

  it('follows -r and -c includes, keeps constraints apart and stops at cycles and missing files', () => {
    const files: Record<string, string> = {
      [file('requirements-dev.txt')]: '-r requirements.txt\n-c constraints.txt\npytest==7.4.4\n-r missing.txt\n',
      [file('requirements.txt')]: 'requests\n-r requirements-dev.txt\n',
      [file('constraints.txt')]: 'requests==2.25.1\n',
    };
    const tree = readRequirementsTree(file('requirements-dev.txt'), files[file('requirements-dev.txt')], (p) => files[p]);
    assert.deepEqual(tree.requirements.map((d) => [d.name, d.file]), [
      ['pytest', file('requirements-dev.txt')],
      ['requests', file('requirements.txt')],
    ]);
    assert.deepEqual(tree.constraints.map((d) => [d.name, d.pinned]), [['requests', '2.25.1']]);
    assert.deepEqual(tree.problems.map((p) => p.include.target).sort(), ['missing.txt', 'requirements-dev.txt']);
  });
});
