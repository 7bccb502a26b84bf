import { taintSinkRule } from './taint-sink';

export const xpathInjection = taintSinkRule({
  kind: 'xpath',
  remoteOnly: true,
  meta: {
    id: 'py.xpath-injection',
    title: 'XPath expression built from untrusted data',
    family: 'python',
    cwes: [643],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary: 'Finds request data in lxml `xpath()` expressions and `etree.XPath(...)`; pass values as XPath variables (`tree.xpath("//user[@name=$name]", name=value)`) instead.',
      why: 'Quotes in the data end the literal and the rest becomes XPath: `\' or \'1\'=\'1` selects every node, which bypasses checks and reads parts of the document the query was meant to hide.',
      vulnerable:
        'from lxml import etree\nfrom fastapi import FastAPI\n\napp = FastAPI()\nusers = etree.parse("users.xml")\n\n@app.get("/user")\ndef user(name: str):\n    return users.xpath(f"//user[@name=\'{name}\']")',
      safe:
        'from lxml import etree\nfrom fastapi import FastAPI\n\napp = FastAPI()\nusers = etree.parse("users.xml")\n\n@app.get("/user")\ndef user(name: str):\n    return users.xpath("//user[@name=$name]", name=name)',
      references: ['https://cwe.mitre.org/data/definitions/643.html', 'https://owasp.org/www-community/attacks/XPATH_Injection'],
    },
  },
  message: (sink, hit) => `an XPath expression built from ${hit.source} reaches ${sink}; pass the value as an XPath variable ($name) instead`,
});
