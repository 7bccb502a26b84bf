import AsyncStorage from '@react-native-async-storage/async-storage';

// 10.0.2.2 is the host machine as seen from the Android emulator.
export const API_BASE_URL = __DEV__ ? 'http://10.0.2.2:8000' : 'http://api.shop.example.com';
export const HELP_CENTER_URL = 'https://help.shop.example.com';

export async function apiFetch<T>(path: string, init: RequestInit = {}): Promise<T> {
  const token = await AsyncStorage.getItem('accessToken');
  const res = await fetch(`${API_BASE_URL}${path}`, {
    ...init,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...init.headers,
    },
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} failed with ${res.status}`);
  return res.json() as Promise<T>;
}

export async function login(email: string, password: string): Promise<string> {
  const body = new URLSearchParams({ username: email, password }).toString();
  const res = await fetch(`${API_BASE_URL}/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
  if (!res.ok) throw new Error('wrong email or password');
  const { access_token } = (await res.json()) as { access_token: string };
  return access_token;
}
