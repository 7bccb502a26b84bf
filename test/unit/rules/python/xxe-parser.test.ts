import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.xxe-parser';

describe('py.xxe-parser', () => {
  it('reports lxml parsers that resolve entities or reach the network, and SAX external entities', async () => {
    const text = lines(
      'from lxml import etree',
      'import xml.sax',
      'from xml.sax.handler import feature_external_ges',
      'p1 = etree.XMLParser(resolve_entities=True)',
      'p2 = etree.XMLParser(no_network=False, load_dtd=True)',
      'parser = xml.sax.make_parser()',
      'parser.setFeature(feature_external_ges, True)',
    );
    const found = await expectFindings(RULE, 'python', text, [
      { at: 'resolve_entities=True', covers: 'resolve_entities=True' },
      { at: 'no_network=False' },
      { at: 'load_dtd=True' },
      { at: 'parser.setFeature' },
    ]);
    assert.ok(found.every((f) => f.category?.id === 'A4'));
  });

  it('stays quiet on the safe options and on turning the feature off', async () => {
    const text = lines(
      'from lxml import etree',
      'import xml.sax',
      'from xml.sax.handler import feature_external_ges',
      'p = etree.XMLParser(resolve_entities=False, no_network=True)',
      'parser = xml.sax.make_parser()',
      'parser.setFeature(feature_external_ges, False)',
    );
    await expectNoFindings(RULE, 'python', text);
  });
});
