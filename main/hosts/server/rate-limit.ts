import { createHash } from 'node:crypto';
import type { MethodName } from '../../contract/index.ts';
import type { ServerConfig } from '../../core/server-config.ts';

type Family = 'login' | 'registration' | 'passwordReset';

/** The public calls a password-guessing or account-creating script would hammer, and whose account each names. */
const LIMITED: Partial<
  Record<MethodName, { family: Family; accounts: (input: Record<string, unknown>) => unknown[] }>
> = {
  'auth.login': { family: 'login', accounts: (i) => [i.login] },
  'auth.register': { family: 'registration', accounts: (i) => [i.username, i.email] },
  'auth.requestPasswordReset': { family: 'passwordReset', accounts: (i) => [i.email] },
  // The reset link's token stands for the account: guessing tokens for one account is what this stops.
  'auth.resetPassword': {
    family: 'passwordReset',
    accounts: (i) => [typeof i.token === 'string' ? createHash('sha256').update(i.token).digest('hex') : undefined],
  },
};

/** How many distinct keys are remembered before the oldest are forgotten (bounds memory under a flood). */
const MAX_KEYS = 200_000;

/**
 * Sliding-window counters per client address and per account for sign-in, registration and
 * password reset. Refused attempts are not counted, so a client that waits gets in again.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limits: ServerConfig['rateLimits'],
    private readonly now: () => number,
  ) {}

  /** 0 when the call may go ahead (and it is counted), else the seconds to wait. */
  check(method: MethodName, ip: string, input: unknown): number {
    const rule = LIMITED[method];
    if (!rule) return 0;
    const limit = this.limits[rule.family];
    const fields = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
    const keys: Array<[string, number]> = [[`${rule.family}|ip|${ip}`, limit.perIp]];
    for (const account of rule.accounts(fields)) {
      if (typeof account === 'string' && account.trim())
        keys.push([`${rule.family}|account|${account.trim().toLowerCase().slice(0, 254)}`, limit.perAccount]);
    }
    const now = this.now();
    const windowMs = this.limits.windowSeconds * 1000;
    let wait = 0;
    for (const [key, max] of keys) {
      const recent = (this.hits.get(key) ?? []).filter((t) => t > now - windowMs);
      this.hits.set(key, recent);
      if (recent.length >= max) wait = Math.max(wait, Math.ceil((recent[0]! + windowMs - now) / 1000));
    }
    if (wait > 0) return Math.max(1, wait);
    for (const [key] of keys) this.hits.get(key)!.push(now);
    this.forgetOldest();
    return 0;
  }

  private forgetOldest(): void {
    if (this.hits.size <= MAX_KEYS) return;
    const cutoff = this.now() - this.limits.windowSeconds * 1000;
    for (const [key, times] of this.hits) if ((times.at(-1) ?? 0) <= cutoff) this.hits.delete(key);
    // Still full of live keys (a flood from many addresses): forget in insertion order.
    for (const key of this.hits.keys()) {
      if (this.hits.size <= MAX_KEYS) break;
      this.hits.delete(key);
    }
  }
}
