import type { LinkingOptions } from '@react-navigation/native';
import type { RootStackParamList } from './types';

/**
 * shop://orders/42 and https://shop.example.com/orders/42 open the order;
 * shop://help?url=... opens a help article in the in-app browser.
 */
export const linking: LinkingOptions<RootStackParamList> = {
  prefixes: ['shop://', 'https://shop.example.com'],
  config: {
    screens: {
      Login: 'login',
      Orders: 'orders',
      OrderDetail: {
        path: 'orders/:orderId',
        parse: { orderId: (id: string) => id.replace(/[^0-9]/g, '') },
      },
      HelpCenter: {
        path: 'help',
        parse: { url: (url: string) => decodeURIComponent(url) },
      },
    },
  },
};
