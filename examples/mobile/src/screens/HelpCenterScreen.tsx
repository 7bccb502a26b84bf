import AsyncStorage from '@react-native-async-storage/async-storage';
import type { NativeStackScreenProps } from '@react-navigation/native-stack';
import React, { useRef } from 'react';
import { Linking } from 'react-native';
import { WebView, type WebViewMessageEvent } from 'react-native-webview';
import { HELP_CENTER_URL } from '../api/client';
import type { RootStackParamList } from '../navigation/types';

type Props = NativeStackScreenProps<RootStackParamList, 'HelpCenter'>;

interface BridgeMessage {
  type: 'getToken' | 'openUrl' | 'close';
  url?: string;
}

export function HelpCenterScreen({ navigation, route }: Props) {
  const webView = useRef<WebView>(null);
  const startUrl = route.params?.url ?? HELP_CENTER_URL;

  // The help center pages use the bridge to open chat with the signed-in customer's session.
  async function onMessage(event: WebViewMessageEvent) {
    const message = JSON.parse(event.nativeEvent.data) as BridgeMessage;
    switch (message.type) {
      case 'getToken': {
        const token = await AsyncStorage.getItem('accessToken');
        webView.current?.injectJavaScript(`window.onShopToken(${JSON.stringify(token)}); true;`);
        break;
      }
      case 'openUrl':
        if (message.url) await Linking.openURL(message.url);
        break;
      case 'close':
        navigation.goBack();
        break;
    }
  }

  return (
    <WebView
      ref={webView}
      source={{ uri: startUrl }}
      originWhitelist={['*']}
      javaScriptEnabled
      onMessage={onMessage}
    />
  );
}
