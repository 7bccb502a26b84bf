import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectLanguage, FAMILY_OF, hasGrammar, isSupportedPath } from '../../../server/src/engine/parse/languages';

describe('file kinds without a grammar', () => {
  it('manifests, lockfiles and Dockerfiles are known by name, before their extension', () => {
    const kinds = ['requirements.txt', 'requirements/dev.txt', 'pyproject.toml', 'poetry.lock', 'Pipfile.lock', 'package.json', 'package-lock.json', 'yarn.lock', 'pnpm-lock.yaml'].map((p) => detectLanguage(`/w/${p}`));
    assert.deepEqual(new Set(kinds), new Set(['dependencies']));
    assert.equal(detectLanguage('/w/Dockerfile'), 'dockerfile');
    assert.equal(detectLanguage('/w/api/Dockerfile.prod'), 'dockerfile');
    assert.equal(detectLanguage('/w/tsconfig.json'), undefined);
    assert.equal(detectLanguage('/w/notes.txt'), undefined);
    assert.equal(detectLanguage('/w/values.yaml'), 'yaml');
    assert.ok(isSupportedPath('package.json'));
  });

  it('have their own families and no grammar', () => {
    assert.equal(FAMILY_OF.dependencies, 'dependencies');
    assert.ok(!hasGrammar('dependencies') && !hasGrammar('dockerfile') && hasGrammar('yaml'));
  });
});
