import assert from 'node:assert/strict';
import { relative, sep } from 'node:path';
import { describe, it } from 'node:test';
import { decodeSource } from '../../../server/src/audit/source-file';
import { listWorkspaceFiles } from '../../../server/src/audit/workspace';
import { dictEntries, dictValue, plistBoolean } from '../../../server/src/engine/analysis/plist';
import { attributeNamed, childrenNamed, parseXml, type XmlElement } from '../../../server/src/engine/analysis/xml-document';
import { detectLanguage } from '../../../server/src/engine/parse/languages';
import { lines, scanResult } from '../../helpers/scan';
import { createTempWorkspace } from '../../helpers/temp-workspace';

const slice = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

describe('XML documents (AndroidManifest.xml, Info.plist)', () => {
  it('only AndroidManifest.xml and Info.plist are the xml kind; other XML files are not scanned', () => {
    assert.equal(detectLanguage('/w/android/app/src/main/AndroidManifest.xml'), 'xml');
    assert.equal(detectLanguage('C:\\w\\ios\\ShopMobile\\Info.plist'), 'xml');
    assert.equal(detectLanguage('/w/android/app/src/main/res/layout/main.xml'), undefined);
    assert.equal(detectLanguage('/w/pom.xml', 'xml'), undefined);
    assert.equal(detectLanguage('/w/ios/ShopMobile/Other.plist'), undefined);
  });

  it('the workspace audit lists the manifests and Info.plist, not build output or other XML', async () => {
    const workspace = createTempWorkspace({
      'mobile/android/app/src/main/AndroidManifest.xml': '<manifest/>',
      'mobile/android/app/src/main/res/layout/main.xml': '<LinearLayout/>',
      'mobile/android/app/build/intermediates/merged_manifests/AndroidManifest.xml': '<manifest/>',
      'mobile/ios/ShopMobile/Info.plist': '<plist/>',
      'mobile/ios/Pods/Target Support Files/Info.plist': '<plist/>',
    });
    try {
      const files = (await listWorkspaceFiles(workspace.root)).map((f) => relative(workspace.root, f).split(sep).join('/'));
      assert.deepEqual(files, ['mobile/android/app/src/main/AndroidManifest.xml', 'mobile/ios/ShopMobile/Info.plist']);
    } finally {
      workspace.remove();
    }
  });

  it('gives elements, attributes (name and value), text and comments with offsets into the text', () => {
    const text = lines(
      '<?xml version="1.0" encoding="utf-8"?>',
      '<manifest xmlns:android="http://schemas.android.com/apk/res/android">',
      '  <!-- the app -->',
      '  <application',
      '      android:label="Shop &amp; Go"',
      "      android:icon='@mipmap/ic_launcher'>",
      '    <activity android:name=".Main"/>',
      '  </application>',
      '</manifest>',
    );
    const document = parseXml(text);
    assert.deepEqual(document.problems, []);
    const application = childrenNamed(document.root!, 'application')[0];
    assert.equal(slice(text, application.nameSpan), 'application');
    assert.ok(slice(text, application.startTag).startsWith('<application') && slice(text, application.startTag).endsWith("ic_launcher'>"));
    assert.ok(slice(text, application.span).endsWith('</application>'));
    const label = attributeNamed(application, 'android:label')!;
    assert.equal(label.value, 'Shop & Go');
    assert.equal(slice(text, label.span), 'android:label="Shop &amp; Go"');
    assert.equal(slice(text, label.nameSpan), 'android:label');
    assert.equal(slice(text, label.valueSpan), 'Shop &amp; Go');
    assert.equal(slice(text, attributeNamed(application, 'android:icon')!.valueSpan), '@mipmap/ic_launcher');
    assert.equal(slice(text, application.children[0].span), '<activity android:name=".Main"/>');
    assert.equal(document.comments.length, 1);
    assert.equal(slice(text, document.comments[0].span), '<!-- the app -->');
    assert.equal(slice(text, document.comments[0].nextStartTag!), slice(text, application.startTag));
  });

  it('keeps offsets right with a byte order mark and CRLF line ends', () => {
    const text = '\uFEFF<?xml version="1.0"?>\r\n<manifest>\r\n  <application\r\n    a:b="c" />\r\n</manifest>\r\n';
    const document = parseXml(text);
    assert.deepEqual(document.problems, []);
    const application = document.root!.children[0];
    assert.equal(slice(text, application.nameSpan), 'application');
    assert.equal(slice(text, application.attributes[0].span), 'a:b="c"');
  });

  it('reports malformed XML as a problem at the parser\'s line:column, and the scan as a notice, never a throw', async () => {
    for (const text of ['<manifest><application></manifest>', '<manifest', '<a x="1" x="2"/>', '', 'not xml at all', '<a/><b/>', '<a>&nbsp;</a>']) {
      const document = parseXml(text);
      assert.ok(document.problems.length > 0, `no problem for ${JSON.stringify(text)}`);
    }
    const document = parseXml(lines('<manifest>', '  <application>', '</manifest>'));
    assert.deepEqual([document.problems[0].line, document.problems[0].message], [3, 'unexpected close tag']);
    const result = await scanResult('xml', lines('<manifest>', '  <application>', '</manifest>'));
    assert.deepEqual(result.notices.map((n) => n.message), ['not well-formed XML at 3:11 (unexpected close tag); findings in this file may be incomplete']);
  });

  it('never resolves a DOCTYPE\'s entities: an XXE-shaped file is read as written, without a throw or a fetch', async () => {
    const text = lines(
      '<?xml version="1.0"?>',
      '<!DOCTYPE manifest [',
      '  <!ENTITY xxe SYSTEM "file:///etc/passwd">',
      '  <!ENTITY remote SYSTEM "http://127.0.0.1:9/evil.dtd">',
      '  <!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">',
      ']>',
      '<manifest xmlns:android="http://schemas.android.com/apk/res/android">',
      '  <application android:label="&xxe;" android:debuggable="true">&remote;&lol2;</application>',
      '</manifest>',
    );
    const document = parseXml(text);
    assert.deepEqual(document.problems, []);
    const application = document.root!.children[0];
    assert.equal(attributeNamed(application, 'android:label')!.value, '&xxe;');
    assert.equal(application.text, '&remote;&lol2;');
    const result = await scanResult('xml', text);
    assert.deepEqual(result.notices, []);
    assert.ok(result.findings.some((f) => f.ruleId === 'android.debuggable'));
  });

  it('a binary plist is a clear notice, in the scan and when read from disk', async () => {
    const result = await scanResult('xml', 'bplist00\u00d4\u0001\u0002');
    assert.deepEqual(result.findings, []);
    assert.match(result.notices[0].message, /binary property list.*plutil -convert xml1/);
    const read = decodeSource(Buffer.from([...Buffer.from('bplist00'), 0xd4, 0, 1, 2]), 1 << 20);
    assert.ok(!read.ok && /binary property list/.test(read.reason));
  });

  it('handles huge attribute values and deep nesting in linear time', () => {
    const huge = 'x'.repeat(2_000_000);
    const started = Date.now();
    const text = `<manifest><application a:label="${huge}" a:debuggable="true">${'<e>'.repeat(5000)}${'</e>'.repeat(5000)}</application></manifest>`;
    const application = parseXml(text).root!.children[0];
    assert.equal(attributeNamed(application, 'a:label')!.value.length, huge.length);
    assert.equal(slice(text, attributeNamed(application, 'a:debuggable')!.span), 'a:debuggable="true"');
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
  });

  it('reads plist dicts as key/value pairs with positions', () => {
    const text = lines(
      '<plist version="1.0">',
      '<dict>',
      '  <key>NSAppTransportSecurity</key>',
      '  <dict>',
      '    <key> NSAllowsArbitraryLoads </key>',
      '    <true/>',
      '    <key>dangling</key>',
      '  </dict>',
      '  <key>CFBundleName</key>',
      '  <string>Shop</string>',
      '</dict>',
      '</plist>',
    );
    const root = parseXml(text).root!.children[0];
    assert.deepEqual(dictEntries(root).map((e) => [e.key, e.value.name]), [['NSAppTransportSecurity', 'dict'], ['CFBundleName', 'string']]);
    const ats = dictValue(root, 'NSAppTransportSecurity') as XmlElement;
    const loads = dictValue(ats, 'NSAllowsArbitraryLoads');
    assert.equal(plistBoolean(loads), true);
    assert.equal(slice(text, loads!.span), '<true/>');
    assert.equal(dictValue(ats, 'dangling'), undefined);
    const name = dictValue(root, 'CFBundleName')!;
    assert.equal(name.text, 'Shop');
    assert.equal(slice(text, name.contentSpan), 'Shop');
    assert.equal(slice(text, dictEntries(root)[0].keyElement.contentSpan), 'NSAppTransportSecurity');
  });
});
