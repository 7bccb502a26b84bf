import type { NativeStackScreenProps } from '@react-navigation/native-stack';
import React, { useEffect, useState } from 'react';
import { Text, View } from 'react-native';
import { apiFetch } from '../api/client';
import type { RootStackParamList } from '../navigation/types';

type Props = NativeStackScreenProps<RootStackParamList, 'OrderDetail'>;

interface OrderDetail {
  id: number;
  status: string;
  total_cents: number;
  created_at: string;
}

export function OrderDetailScreen({ route }: Props) {
  const [order, setOrder] = useState<OrderDetail | null>(null);

  useEffect(() => {
    apiFetch<OrderDetail>(`/orders/${encodeURIComponent(route.params.orderId)}`).then(setOrder, () => setOrder(null));
  }, [route.params.orderId]);

  if (!order) return <Text>Loading…</Text>;
  return (
    <View style={{ padding: 16, gap: 8 }}>
      <Text>Order #{order.id}</Text>
      <Text>Status: {order.status}</Text>
      <Text>Total: {(order.total_cents / 100).toFixed(2)} €</Text>
      <Text>Placed: {new Date(order.created_at).toLocaleDateString()}</Text>
    </View>
  );
}
