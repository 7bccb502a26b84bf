import { taintSinkRule } from './taint-sink';

export const xxe = taintSinkRule({
  kind: 'xml',
  remoteOnly: true,
  meta: {
    id: 'py.xxe',
    title: 'Untrusted XML parsed with the standard library parsers',
    family: 'python',
    cwes: [611, 776],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        'Finds request data parsed by `xml.etree.ElementTree`, `xml.dom.minidom`, `xml.dom.pulldom`, `xml.sax` or `xmlrpc`, which expand entities; `defusedxml` offers the same functions without that.',
      why:
        'Entity expansion lets a few hundred bytes of XML grow to gigabytes in memory ("billion laughs"), and `xml.sax`/`pulldom` with external entities enabled read local files into the document.',
      vulnerable:
        'import xml.etree.ElementTree as ET\nfrom fastapi import FastAPI, Request\n\napp = FastAPI()\n\n@app.post("/import")\nasync def import_orders(request: Request):\n    root = ET.fromstring(await request.body())\n    return {"orders": len(root)}',
      safe:
        'import defusedxml.ElementTree as ET\nfrom fastapi import FastAPI, Request\n\napp = FastAPI()\n\n@app.post("/import")\nasync def import_orders(request: Request):\n    root = ET.fromstring(await request.body())\n    return {"orders": len(root)}',
      references: ['https://cwe.mitre.org/data/definitions/611.html', 'https://docs.python.org/3/library/xml.html#xml-vulnerabilities', 'https://pypi.org/project/defusedxml/'],
    },
  },
  message: (sink, hit) => `${sink} parses XML from ${hit.source} with entity expansion; use the same function from defusedxml`,
});
