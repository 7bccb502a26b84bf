import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.xxe';

describe('py.xxe', () => {
  it('reports request data parsed by the standard library XML parsers', async () => {
    const text = lines(
      'import xml.etree.ElementTree as ET',
      'from xml.dom import minidom',
      'from flask import request',
      'def upload():',
      '    ET.fromstring(request.data)',
      '    minidom.parseString(request.get_data())',
    );
    await expectFindings(RULE, 'python', text, [
      { at: 'request.data', message: ['xml.etree.ElementTree.fromstring()', 'defusedxml'] },
      { at: 'request.get_data()', message: ['xml.dom.minidom.parseString()'] },
    ]);
  });

  it('stays quiet on defusedxml and on files the service ships', async () => {
    const text = lines(
      'import xml.etree.ElementTree as ET',
      'import defusedxml.ElementTree as DET',
      'from flask import request',
      'def upload():',
      '    DET.fromstring(request.data)',
      '    ET.parse("config/mapping.xml")',
    );
    await expectNoFindings(RULE, 'python', text);
  });
});
