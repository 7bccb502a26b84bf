import { javascriptNames } from '../../analysis/javascript-names';
import { callArguments, calleeName, callsNamed, constantString, namesRead } from '../../analysis/javascript-syntax';
import { isSensitiveName } from '../../analysis/sensitive-data';
import type { Rule } from '../types';

/** Storage that any script on the page (web) or anyone with the device backup (React Native) can read. */
const STORAGES: Record<string, string> = {
  'localStorage.setItem': 'localStorage',
  'window.localStorage.setItem': 'localStorage',
  'sessionStorage.setItem': 'sessionStorage',
  'window.sessionStorage.setItem': 'sessionStorage',
  '@react-native-async-storage/async-storage.setItem': 'AsyncStorage',
  '@react-native-async-storage/async-storage.AsyncStorage.setItem': 'AsyncStorage',
  'react-native.AsyncStorage.setItem': 'AsyncStorage',
};


const CALLS = callsNamed('setItem');
export const tsTokenInWebStorage: Rule = {
  meta: {
    id: 'ts.token-in-web-storage',
    title: 'Token or personal data in localStorage, sessionStorage or AsyncStorage',
    family: 'typescript',
    cwes: [922, 312],
    severity: 'medium',
    confidence: 'medium',
    docs: {
      summary:
        '`localStorage.setItem`, `sessionStorage.setItem` or React Native `AsyncStorage.setItem` whose key or value is a token, password, session or personal data (by name).',
      why:
        'Web storage is readable by every script on the origin, so one XSS steals the token. AsyncStorage is an unencrypted file that device backups and rooted phones expose. Keep web sessions in httpOnly cookies and mobile secrets in the Keychain/Keystore (expo-secure-store, react-native-keychain).',
      vulnerable:
        "import AsyncStorage from '@react-native-async-storage/async-storage';\n\nexport async function saveSession(accessToken: string) {\n  await AsyncStorage.setItem('accessToken', accessToken);\n}",
      safe:
        "import AsyncStorage from '@react-native-async-storage/async-storage';\nimport * as SecureStore from 'expo-secure-store';\n\nexport async function saveSession(accessToken: string) {\n  await SecureStore.setItemAsync('accessToken', accessToken);\n  await AsyncStorage.setItem('onboardingDone', 'true');\n}",
      references: ['https://cheatsheetseries.owasp.org/cheatsheets/HTML5_Security_Cheat_Sheet.html#local-storage', 'https://reactnative.dev/docs/security#storing-sensitive-info'],
    },
  },
  query: CALLS.query,
  check(match, context) {
    if (!CALLS.accepts(match)) return;
    const call = match.node('call')!;
    const names = context.analysis(javascriptNames);
    const storage = STORAGES[calleeName(call, names) ?? ''];
    if (!storage) return;
    const [key, value] = callArguments(call);
    if (!key || !value) return;
    const keyName = constantString(key, names);
    const sensitive = [...(keyName !== undefined ? [keyName] : namesRead(key)), ...namesRead(value)].find(isSensitiveName);
    if (!sensitive) return;
    const instead = storage === 'AsyncStorage' ? 'the Keychain/Keystore (expo-secure-store, react-native-keychain)' : 'an httpOnly, secure cookie set by the server';
    context.report({ node: call, message: `"${sensitive}" is stored in ${storage}, which is not a safe place for secrets or personal data; use ${instead}` });
  },
};
