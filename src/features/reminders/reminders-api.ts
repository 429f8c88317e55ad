/**
 * The push reminder API (docs/reminders.md PN-1, PN-2, PN-5): server calls, not replicated data,
 * so they need the network.
 */
import { apiBaseUrl } from '../../session/FieldbookProvider';
import {
  PUSH_API_PATHS,
  type PushPreferences,
  type PushPublicKeyResponse,
  type PushSubscriptionBody,
  type PushUnsubscribeResponse,
} from '../../shared/push';
import { ApiClient } from '../../sync/api-client';

const client = (token: string) => new ApiClient({ baseUrl: apiBaseUrl(), token });

export async function publicKey(token: string): Promise<string> {
  return (await client(token).request<PushPublicKeyResponse>(PUSH_API_PATHS.publicKey)).publicKey;
}

export function saveSubscription(
  token: string,
  subscription: PushSubscriptionBody,
): Promise<PushPreferences> {
  return client(token).request(PUSH_API_PATHS.subscriptions, { method: 'POST', body: subscription });
}

export function deleteSubscription(token: string, endpoint: string): Promise<PushUnsubscribeResponse> {
  return client(token).request(PUSH_API_PATHS.subscriptions, { method: 'DELETE', body: { endpoint } });
}

export function preferences(token: string): Promise<PushPreferences> {
  return client(token).request(PUSH_API_PATHS.preferences);
}

export function setPreferences(token: string, reminders: boolean): Promise<PushPreferences> {
  return client(token).request(PUSH_API_PATHS.preferences, { method: 'PUT', body: { reminders } });
}
