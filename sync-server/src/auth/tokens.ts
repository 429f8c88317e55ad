/** Bearer tokens: 32 random bytes handed to the device once, stored only as a SHA-256 hash. */
import { createHash, randomBytes } from 'node:crypto';
import type { Storage, StoredToken, StoredUser } from '../storage/types';

export const DEFAULT_TOKEN_TTL_MS = 30 * 86_400_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function issueToken(
  storage: Storage,
  userId: string,
  now: Date,
  ttlMs: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMs);
  await storage.saveToken({
    tokenHash: hashToken(token),
    userId,
    createdAt: now,
    expiresAt,
    revokedAt: null,
  });
  return { token, expiresAt };
}

export function isTokenUsable(token: StoredToken | undefined, now: Date): token is StoredToken {
  return token !== undefined && token.revokedAt === null && token.expiresAt.getTime() > now.getTime();
}

/** The user behind a bearer token, or undefined when it is unknown, expired or revoked. */
export async function userForToken(
  storage: Storage,
  token: string,
  now: Date,
): Promise<{ user: StoredUser; tokenHash: string } | undefined> {
  const tokenHash = hashToken(token);
  const stored = await storage.getToken(tokenHash);
  if (!isTokenUsable(stored, now)) return undefined;
  const user = await storage.getUserById(stored.userId);
  // Deactivation revokes every token (PE-5); this also stops one issued by a sign-in that raced it.
  if (!user || user.deactivatedAt) return undefined;
  return { user, tokenHash };
}

/** The token of an `Authorization: Bearer <token>` header, if well formed. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header ?? '');
  return match?.[1];
}
