import { dictEntries, dictValue, plistBoolean, plistRootDict } from '../../analysis/plist';
import type { XmlElement } from '../../analysis/xml-document';
import type { Report, Rule } from '../types';
import { plistExample } from './examples';

/** When one of these is present, iOS 10 and later ignore `NSAllowsArbitraryLoads` (Apple's ATS documentation). */
const OVERRIDING_KEYS = ['NSAllowsArbitraryLoadsInWebContent', 'NSAllowsArbitraryLoadsForMedia', 'NSAllowsLocalNetworking'];
/** Exceptions for the developer's own machine (React Native's Metro bundler): nothing leaves the device. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1']);

/** Turns `<true/>` into `<false/>`. */
function disable(value: XmlElement, key: string): Pick<Report, 'start' | 'end' | 'fix'> {
  return { start: value.span.start, end: value.span.end, fix: { title: `Set ${key} to false`, edits: [{ start: value.span.start, end: value.span.end, newText: '<false/>' }] } };
}

export const iosArbitraryLoads: Rule = {
  meta: {
    id: 'ios.arbitrary-loads',
    title: 'iOS App Transport Security turned off',
    family: 'mobile',
    cwes: [319],
    severity: 'medium',
    confidence: 'high',
    docs: {
      file: 'Info.plist',
      summary:
        'Finds `NSAllowsArbitraryLoads` set to true in the `NSAppTransportSecurity` dictionary of an XML Info.plist (low severity when a key that makes iOS 10+ ignore it is present), and, with low severity, `NSAllowsArbitraryLoadsInWebContent` and a domain exception with `NSExceptionAllowsInsecureHTTPLoads`. Exceptions for `localhost` (Metro) are not reported. Binary plists are not read.',
      why: 'App Transport Security makes every connection of the app use HTTPS with modern TLS. Turning it off lets the app talk plain HTTP, so anyone on the network reads and changes what it sends and receives: sign-in tokens, personal data, the JavaScript bundle it downloads.',
      vulnerable: plistExample(['<key>NSAllowsArbitraryLoads</key>', '<true/>']),
      safe: plistExample(['<key>NSAllowsArbitraryLoads</key>', '<false/>', '<key>NSAllowsLocalNetworking</key>', '<true/>']),
      references: [
        'https://developer.apple.com/documentation/bundleresources/information-property-list/nsapptransportsecurity',
        'https://developer.apple.com/documentation/security/preventing-insecure-network-connections',
        'https://cwe.mitre.org/data/definitions/319.html',
      ],
    },
  },
  checkFile(context) {
    const root = context.analysis(plistRootDict);
    const ats = root && dictValue(root, 'NSAppTransportSecurity');
    if (ats?.name !== 'dict') return;

    const arbitrary = dictValue(ats, 'NSAllowsArbitraryLoads');
    if (arbitrary && plistBoolean(arbitrary)) {
      const overriding = OVERRIDING_KEYS.find((key) => dictValue(ats, key));
      context.report({
        ...disable(arbitrary, 'NSAllowsArbitraryLoads'),
        message: overriding
          ? `NSAllowsArbitraryLoads turns App Transport Security off on iOS 9; iOS 10 and later ignore it because ${overriding} is set. Set it to false`
          : 'NSAllowsArbitraryLoads turns App Transport Security off: the app may load anything over plain HTTP. Set it to false and add exceptions only for the hosts that need them',
        ...(overriding ? { severity: 'low' as const } : {}),
      });
    }
    const webContent = dictValue(ats, 'NSAllowsArbitraryLoadsInWebContent');
    if (webContent && plistBoolean(webContent)) {
      context.report({
        ...disable(webContent, 'NSAllowsArbitraryLoadsInWebContent'),
        message: 'NSAllowsArbitraryLoadsInWebContent lets web views load any page over plain HTTP',
        severity: 'low',
      });
    }
    const domains = dictValue(ats, 'NSExceptionDomains');
    if (domains?.name !== 'dict') return;
    for (const { key: domain, value: exception } of dictEntries(domains)) {
      if (exception.name !== 'dict' || LOCAL_HOSTS.has(domain.toLowerCase())) continue;
      for (const key of ['NSExceptionAllowsInsecureHTTPLoads', 'NSTemporaryExceptionAllowsInsecureHTTPLoads']) {
        const insecure = dictValue(exception, key);
        if (!insecure || !plistBoolean(insecure)) continue;
        context.report({ ...disable(insecure, key), message: `${key} lets the app reach ${domain} over plain HTTP; serve it over HTTPS`, severity: 'low' });
      }
    }
  },
};
