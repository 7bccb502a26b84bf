import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFixWorks, expectFindings, expectNoFindings, lines, scanSnippet } from '../../../helpers/scan';

const RULE = 'ios.arbitrary-loads';

const plist = (...transportSecurity: string[]) =>
  lines(
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
    '  <key>CFBundleName</key>',
    '  <string>ShopMobile</string>',
    '  <key>NSAppTransportSecurity</key>',
    '  <dict>',
    ...transportSecurity.map((l) => `    ${l}`),
    '  </dict>',
    '</dict>',
    '</plist>',
  );

describe(RULE, () => {
  it('reports NSAllowsArbitraryLoads true, as A3, with a fix that sets it to false', async () => {
    const text = plist('<key>NSAllowsArbitraryLoads</key>', '<true/>');
    const [finding] = await expectFindings(RULE, 'xml', text, [{ at: '<true/>', covers: '<true/>', message: ['turns App Transport Security off'] }]);
    assert.equal(finding.category?.id, 'A3');
    assert.equal(finding.severity, 'medium');
    assert.equal(await assertFixWorks('xml', text, finding), plist('<key>NSAllowsArbitraryLoads</key>', '<false/>'));
  });

  it('lowers the severity when iOS 10+ ignores the key, and for web content and insecure domain exceptions', async () => {
    const text = plist(
      '<key>NSAllowsArbitraryLoads</key>',
      '<true/>',
      '<key>NSAllowsArbitraryLoadsInWebContent</key>',
      '<true/>',
      '<key>NSExceptionDomains</key>',
      '<dict>',
      '  <key>localhost</key>',
      '  <dict>',
      '    <key>NSExceptionAllowsInsecureHTTPLoads</key>',
      '    <true/>',
      '  </dict>',
      '  <key>legacy.shop.example.com</key>',
      '  <dict>',
      '    <key>NSIncludesSubdomains</key>',
      '    <true/>',
      '    <key>NSExceptionAllowsInsecureHTTPLoads</key>',
      '    <true/>',
      '  </dict>',
      '</dict>',
    );
    const findings = await expectFindings(RULE, 'xml', text, [
      { at: '<true/>', message: ['iOS 10 and later ignore it because NSAllowsArbitraryLoadsInWebContent is set'] },
      { at: '<true/>', occurrence: 2, message: ['web views'] },
      { at: '<true/>', occurrence: 5, message: ['legacy.shop.example.com over plain HTTP'] },
    ]);
    assert.deepEqual(findings.map((f) => f.severity), ['low', 'low', 'low']);
  });

  it('accepts false, local networking, the Metro localhost exception, other keys and other dicts', async () => {
    await expectNoFindings(RULE, 'xml', plist('<key>NSAllowsArbitraryLoads</key>', '<false/>', '<key>NSAllowsLocalNetworking</key>', '<true/>'));
    await expectNoFindings(RULE, 'xml', plist('<key>NSExceptionDomains</key>', '<dict><key>localhost</key><dict><key>NSExceptionAllowsInsecureHTTPLoads</key><true/></dict></dict>'));
    await expectNoFindings(RULE, 'xml', plist('<key>NSExceptionDomains</key>', '<dict><key>api.shop.example.com</key><dict><key>NSIncludesSubdomains</key><true/></dict></dict>'));
    await expectNoFindings(RULE, 'xml', plist('<key>NSAllowsArbitraryLoads</key>', '<string>true</string>'));
    // The key outside NSAppTransportSecurity is not App Transport Security.
    await expectNoFindings(RULE, 'xml', lines('<plist version="1.0">', '<dict>', '  <key>NSAllowsArbitraryLoads</key>', '  <true/>', '</dict>', '</plist>'));
    await expectNoFindings(RULE, 'xml', lines('<manifest><dict><key>NSAppTransportSecurity</key><dict><key>NSAllowsArbitraryLoads</key><true/></dict></dict></manifest>'));
  });

  it('an XML comment on the line above the value suppresses it', async () => {
    const text = plist('<key>NSAllowsArbitraryLoads</key>', '<!-- owasp-audit-ignore ios.arbitrary-loads: kiosk build on a closed network -->', '<true/>');
    const [finding] = (await scanSnippet('xml', text)).filter((f) => f.ruleId === RULE);
    assert.equal(finding.suppression?.reason, 'kiosk build on a closed network');
  });
});
