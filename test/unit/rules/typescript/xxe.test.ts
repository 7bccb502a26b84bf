import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFixWorks, expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.xxe';

describe('ts.xxe', () => {
  for (const language of ['typescript', 'tsx', 'javascript'] as const) {
    it(`reports noent and dtdload in libxmljs options and removes them (${language})`, async () => {
      const text = lines("const libxml = require('libxmljs2');", 'const doc = libxml.parseXmlString(body, { noent: true, dtdload: true, noblanks: true });');
      const [noent] = await expectFindings(RULE, language, text, [{ at: 'noent', covers: 'noent: true', message: ['XXE'] }, { at: 'dtdload' }]);
      assert.deepEqual(noent.category, { edition: '2017', id: 'A4', name: 'XML External Entities (XXE)' });
      assert.equal(await assertFixWorks(language, text, noent), text.replace('noent: true, ', ''));
    });
  }

  it('stays quiet on safe options and other parsers', async () => {
    const text = lines(
      "import libxmljs from 'libxmljs';",
      "import { XMLParser } from 'fast-xml-parser';",
      'libxmljs.parseXml(xml, { noent: false, noblanks: true });',
      'libxmljs.parseXml(xml);',
      'other.parseXml(xml, { noent: true });',
      'new XMLParser({ processEntities: true }).parse(xml);',
    );
    await expectNoFindings(RULE, 'typescript', text);
  });
});
