import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.unsafe-deserialization';

describe('ts.unsafe-deserialization', () => {
  for (const language of ['typescript', 'tsx', 'javascript'] as const) {
    it(`reports node-serialize and funcster on non-constant data (${language})`, async () => {
      const text = lines("const serialize = require('node-serialize');", "const funcster = require('funcster');", 'const cart = serialize.unserialize(req.cookies.cart);', 'const job = funcster.deepDeserialize(message.body);');
      const [finding] = await expectFindings(RULE, language, text, [{ at: 'serialize.unserialize', message: ['node-serialize.unserialize', 'JSON.parse'] }, { at: 'funcster.deepDeserialize' }]);
      assert.deepEqual(finding.category, { edition: '2017', id: 'A8', name: 'Insecure Deserialization' });
    });
  }

  it('reports js-yaml load with a schema that revives functions', async () => {
    const text = lines(
      "import yaml from 'js-yaml';",
      "import jsTypes from 'js-yaml-js-types';",
      'const a = yaml.load(upload, { schema: yaml.DEFAULT_FULL_SCHEMA });',
      'const b = yaml.load(upload, { schema: yaml.DEFAULT_SCHEMA.extend(jsTypes.all) });',
    );
    await expectFindings(RULE, 'typescript', text, [{ at: 'yaml.DEFAULT_FULL_SCHEMA', message: ['!!js/function'] }, { at: 'yaml.DEFAULT_SCHEMA.extend' }]);
  });

  it('stays quiet on safe schemas, constants, JSON and other load functions', async () => {
    const text = lines(
      "import yaml from 'js-yaml';",
      "import serialize from 'node-serialize';",
      'yaml.load(upload);',
      'yaml.load(upload, { schema: yaml.JSON_SCHEMA });',
      "serialize.unserialize('{\"a\":1}');",
      'JSON.parse(req.cookies.cart);',
      'config.load(file, { schema: DEFAULT_FULL_SCHEMA });',
    );
    await expectNoFindings(RULE, 'typescript', text);
  });
});
