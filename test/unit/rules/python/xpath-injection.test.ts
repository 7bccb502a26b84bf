import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.xpath-injection';
const APP = ['from lxml import etree', 'from fastapi import FastAPI', 'app = FastAPI()', 'doc = etree.parse("users.xml")', ''];

describe('py.xpath-injection', () => {
  it('reports request data in xpath() and etree.XPath', async () => {
    const text = lines(...APP, '@app.get("/u")', 'def u(name: str):', '    doc.xpath(f"//user[@name=\'{name}\']")', '    etree.XPath("//user[@id=" + name + "]")');
    const found = await expectFindings(RULE, 'python', text, [{ at: 'f"//user', message: ['xpath()'] }, { at: '"//user[@id="', message: ['lxml.etree.XPath()'] }]);
    assert.equal(found[0].category?.id, 'A1');
  });

  it('stays quiet on XPath variables and constant expressions', async () => {
    const text = lines(...APP, '@app.get("/u")', 'def u(name: str):', '    doc.xpath("//user[@name=$name]", name=name)', '    doc.xpath("//user")');
    await expectNoFindings(RULE, 'python', text);
  });
});
