import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.token-in-web-storage';

describe('ts.token-in-web-storage', () => {
  for (const language of ['typescript', 'tsx', 'javascript'] as const) {
    it(`reports tokens and personal data in web storage (${language})`, async () => {
      const text = lines(
        "localStorage.setItem('accessToken', data.accessToken);",
        'window.sessionStorage.setItem(KEY, jwt);',
        "localStorage.setItem('profile', JSON.stringify({ email: user.email }));",
      );
      await expectFindings(RULE, language, text, [
        { at: "localStorage.setItem('accessToken'", message: ['accessToken', 'localStorage', 'httpOnly'] },
        { at: 'window.sessionStorage' },
        { at: "localStorage.setItem('profile'" },
      ]);
    });
  }

  it('reports React Native AsyncStorage, pointing to the Keychain', async () => {
    const text = lines("import AsyncStorage from '@react-native-async-storage/async-storage';", "const TOKEN_KEY = 'auth';", 'await AsyncStorage.setItem(TOKEN_KEY, token);');
    await expectFindings(RULE, 'tsx', text, [{ at: 'AsyncStorage.setItem', message: ['AsyncStorage', 'Keychain'] }]);
  });

  it('stays quiet on preferences, secure stores and flags about tokens', async () => {
    const text = lines(
      "import AsyncStorage from '@react-native-async-storage/async-storage';",
      "import * as SecureStore from 'expo-secure-store';",
      "localStorage.setItem('theme', theme);",
      "await AsyncStorage.setItem('onboardingDone', 'true');",
      "await SecureStore.setItemAsync('accessToken', token);",
      "localStorage.setItem('hasToken', String(isTokenValid));",
      'cache.setItem(token, value);',
    );
    await expectNoFindings(RULE, 'tsx', text);
  });
});
