import { z } from 'zod';

/** One family of public calls (sign-in, registration, password reset): attempts allowed per window. */
const Limit = z
  .object({
    perIp: z.number().int().min(1).max(100_000),
    perAccount: z.number().int().min(1).max(100_000),
  })
  .strict();

export const RATE_LIMIT_DEFAULTS = {
  windowSeconds: 60,
  // Above what a person types, far below what a password-guessing script needs; the core's
  // lockout (5 wrong passwords) still applies on top of these.
  login: { perIp: 30, perAccount: 10 },
  registration: { perIp: 10, perAccount: 3 },
  passwordReset: { perIp: 10, perAccount: 3 },
};

/**
 * The server host's section of config.json (`npm run server`): the names it answers to (and
 * that its TLS certificate carries), an optional certificate of the deployment's own, rate limits.
 */
export const ServerConfigSchema = z
  .object({
    hostNames: z
      .array(
        z
          .string()
          .trim()
          .min(1)
          .max(253)
          .regex(/^[A-Za-z0-9.:-]+$/, 'a DNS name or an IP address'),
      )
      .max(32)
      .default([]),
    tls: z
      .object({ certFile: z.string().min(1), keyFile: z.string().min(1) })
      .strict()
      .optional(),
    rateLimits: z
      .object({
        windowSeconds: z.number().int().min(1).max(86_400).default(RATE_LIMIT_DEFAULTS.windowSeconds),
        login: Limit.default(RATE_LIMIT_DEFAULTS.login),
        registration: Limit.default(RATE_LIMIT_DEFAULTS.registration),
        passwordReset: Limit.default(RATE_LIMIT_DEFAULTS.passwordReset),
      })
      .strict()
      .default(RATE_LIMIT_DEFAULTS),
    /** How long SIGTERM waits for requests in flight before closing their connections. */
    shutdownGraceSeconds: z.number().int().min(1).max(600).default(30),
    /** Event sockets one client address may hold; desks behind one NAT address each hold one. */
    eventSocketsPerIp: z.number().int().min(1).max(100_000).default(32),
  })
  .strict();

export const SERVER_CONFIG_DEFAULTS = {
  hostNames: [],
  rateLimits: RATE_LIMIT_DEFAULTS,
  shutdownGraceSeconds: 30,
  eventSocketsPerIp: 32,
};

export type ServerConfig = z.output<typeof ServerConfigSchema>;
