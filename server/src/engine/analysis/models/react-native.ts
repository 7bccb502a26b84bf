import type { InitialValue } from '../taint/facts';
import { REMOTE, REMOTE_STRING, type TypeScriptFrameworkModel } from './typescript-model';

const MESSAGE_EVENT = 'react-native-webview.messageEvent';
const NATIVE_MESSAGE = 'react-native-webview.nativeMessage';
/** Anyone can open the app with a link (another app, a web page, a QR code): its URL is attacker-controlled. */
const DEEP_LINK = REMOTE_STRING('deep link URL');
const LINKING_MODULES = ['react-native', 'expo-linking'];
const messageEvent: InitialValue = { object: MESSAGE_EVENT };

/**
 * React Native: deep links (`Linking` of react-native and expo-linking) and messages from the page inside a
 * `react-native-webview` WebView (remote, or compromised by what it loads). `route.params` of react-navigation is
 * not a source: most screens are opened by the app itself, with its own data.
 */
export const REACT_NATIVE_MODEL: TypeScriptFrameworkModel = {
  name: 'react-native',
  calls: {
    'react-native.Linking.getInitialURL': DEEP_LINK,
    'expo-linking.getInitialURL': DEEP_LINK,
    'expo-linking.useURL': DEEP_LINK,
    'expo-linking.useLinkingURL': DEEP_LINK,
    'expo-linking.Linking.getInitialURL': DEEP_LINK,
  },
  members: {
    [MESSAGE_EVENT]: { nativeEvent: { object: NATIVE_MESSAGE } },
    [NATIVE_MESSAGE]: { data: REMOTE('WebView message (event.nativeEvent.data)'), url: REMOTE_STRING('WebView page URL') },
  },
  handlers: [
    // `Linking.addEventListener('url', ({ url }) => ...)`: the event carries the link.
    { description: 'deep link handler', registrationMethods: ['addEventListener'], registrationReceivers: /^Linking$/, requires: LINKING_MODULES, parameters: [DEEP_LINK] },
    { description: 'WebView message handler', jsxAttributes: ['onMessage'], requires: ['react-native-webview'], parameters: [messageEvent] },
    { description: 'WebView message handler', firstParameterTypes: ['react-native-webview.WebViewMessageEvent'], parameters: [messageEvent] },
  ],
  sinks: [],
};
