import { NavigationContainer } from '@react-navigation/native';
import { createNativeStackNavigator } from '@react-navigation/native-stack';
import React from 'react';
import { linking } from './src/navigation/linking';
import type { RootStackParamList } from './src/navigation/types';
import { HelpCenterScreen } from './src/screens/HelpCenterScreen';
import { LoginScreen } from './src/screens/LoginScreen';
import { OrderDetailScreen } from './src/screens/OrderDetailScreen';
import { OrdersScreen } from './src/screens/OrdersScreen';

const Stack = createNativeStackNavigator<RootStackParamList>();

export default function App() {
  return (
    <NavigationContainer linking={linking}>
      <Stack.Navigator initialRouteName="Login">
        <Stack.Screen name="Login" component={LoginScreen} options={{ title: 'Sign in' }} />
        <Stack.Screen name="Orders" component={OrdersScreen} options={{ title: 'Your orders' }} />
        <Stack.Screen name="OrderDetail" component={OrderDetailScreen} options={{ title: 'Order' }} />
        <Stack.Screen name="HelpCenter" component={HelpCenterScreen} options={{ title: 'Help' }} />
      </Stack.Navigator>
    </NavigationContainer>
  );
}
