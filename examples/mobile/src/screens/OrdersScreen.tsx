import React, { useEffect, useState } from 'react';
import { FlatList, Text, View } from 'react-native';
import { apiFetch } from '../api/client';

interface Order {
  id: number;
  status: string;
  total_cents: number;
}

export function OrdersScreen() {
  const [orders, setOrders] = useState<Order[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    apiFetch<Order[]>('/orders').then(setOrders, (e: Error) => setError(e.message));
  }, []);

  if (error) return <Text>{error}</Text>;
  return (
    <FlatList
      data={orders}
      keyExtractor={(o) => String(o.id)}
      renderItem={({ item }) => (
        <View style={{ padding: 16 }}>
          <Text>#{item.id} · {item.status} · {(item.total_cents / 100).toFixed(2)} €</Text>
        </View>
      )}
    />
  );
}
