/**
 * Push reminder routes (docs/reminders.md PN-1, PN-2, PN-5): the VAPID public key, a device's
 * subscription (added when the user turns reminders on, removed at sign-out) and the user's switch.
 */
import type { FastifyInstance } from 'fastify';
import {
  checkPreferencesBody,
  checkSubscriptionBody,
  checkUnsubscribeBody,
  PUSH_API_PATHS,
  type PushPreferences,
  type PushPublicKeyResponse,
  type PushUnsubscribeResponse,
} from '../../../src/shared/push';
import { ApiError } from '../errors';
import type { Notifications } from '../notifications/notifications';
import { requireAuth, type ServerContext } from './context';

export function registerPushRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  notifications: Notifications,
): void {
  app.get(PUSH_API_PATHS.publicKey, async (request): Promise<PushPublicKeyResponse> => {
    requireAuth(request);
    return { publicKey: notifications.publicKey };
  });

  app.post(PUSH_API_PATHS.subscriptions, async (request): Promise<PushPreferences> => {
    const { user } = requireAuth(request);
    const checked = checkSubscriptionBody(request.body);
    if (!checked.ok) throw new ApiError('bad_request', checked.message);
    const { endpoint, keys } = checked.value;
    // PN-2: one device, one row; a device signed in as someone else now is theirs.
    await ctx.storage.savePushSubscription({ endpoint, userId: user.id, ...keys, createdAt: ctx.now() });
    // The device shows whether reminders reach it: the switch may be off from another device.
    return { reminders: await ctx.storage.remindersOn(user.id) };
  });

  app.delete(PUSH_API_PATHS.subscriptions, async (request): Promise<PushUnsubscribeResponse> => {
    const { user } = requireAuth(request);
    const checked = checkUnsubscribeBody(request.body);
    if (!checked.ok) throw new ApiError('bad_request', checked.message);
    // Idempotent: a sign-out retried after a lost reply is no error. Only the user's own device.
    return { removed: await ctx.storage.deletePushSubscription(checked.value.endpoint, user.id) };
  });

  app.get(PUSH_API_PATHS.preferences, async (request): Promise<PushPreferences> => {
    const { user } = requireAuth(request);
    return { reminders: await ctx.storage.remindersOn(user.id) };
  });

  app.put(PUSH_API_PATHS.preferences, async (request): Promise<PushPreferences> => {
    const { user } = requireAuth(request);
    const checked = checkPreferencesBody(request.body);
    if (!checked.ok) throw new ApiError('bad_request', checked.message);
    await ctx.storage.setRemindersOn(user.id, checked.value.reminders);
    return checked.value;
  });
}
