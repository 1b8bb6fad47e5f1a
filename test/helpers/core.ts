import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../../main/core/index.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';
import type { Core } from '../../main/core/index.ts';
import { parseConfig } from '../../main/core/config.ts';
import type { Config } from '../../main/core/config.ts';
import type { Mailer } from '../../main/core/mail/mailer.ts';
import type { IdaClient } from '../../main/core/ida/types.ts';
import type { Input, MethodName, Output } from '../../main/contract/index.ts';

/** A controllable clock: tests move time instead of sleeping. */
export class TestClock {
  constructor(public current = new Date('2026-11-21T09:00:00.000Z')) {}
  now = (): Date => new Date(this.current.getTime());
  advance(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}

export interface TestCore {
  core: Core;
  clock: TestClock;
  dir: string;
  call<M extends MethodName>(method: M, input: Input<M>, session?: string | null): Promise<Output<M>>;
  fail<M extends MethodName>(
    method: M,
    input: Input<M> | Record<string, unknown>,
    session?: string | null,
  ): Promise<{
    code: string;
    message: string;
    fields?: Record<string, string>;
    params?: Record<string, string>;
  }>;
  count(sql: string, ...params: unknown[]): number;
  close(): void;
}

/** A fresh data directory with a real SQLite file per test. */
export function testCore(
  options: {
    config?: Partial<Record<keyof Config, unknown>>;
    mailer?: Mailer;
    syncRole?: 'server';
    clock?: TestClock;
    ida?: IdaClient;
  } = {},
): TestCore {
  const dir = mkdtempSync(join(tmpdir(), 'pd-test-'));
  const clock = options.clock ?? new TestClock();
  const core = openCore({
    hardware: createHardwareHub,
    dataDir: dir,
    publicUrl: 'http://127.0.0.1:9/',
    now: clock.now,
    config: parseConfig(options.config ?? {}),
    ...(options.mailer ? { mailer: options.mailer } : {}),
    ...(options.syncRole ? { syncRole: options.syncRole } : {}),
    ...(options.ida ? { ida: options.ida } : {}),
    log: () => undefined,
  });
  const tc: TestCore = {
    core,
    clock,
    dir,
    async call(method, input, session = null) {
      const r = await core.dispatch(method, session, input);
      if (!r.ok)
        throw new Error(`${method} failed: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.fields ?? {})}`);
      return r.result as never;
    },
    async fail(method, input, session = null) {
      const r = await core.dispatch(method, session, input);
      if (r.ok) throw new Error(`${method} unexpectedly succeeded`);
      return r.error;
    },
    count(sql, ...params) {
      return (core.db.reader.prepare(sql).get(...params) as { n: number }).n;
    },
    close() {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return tc;
}

export const ADMIN = {
  firstName: 'Ada',
  lastName: 'Admin',
  orgName: 'Registry Office',
  email: 'ada@registry.example',
  username: 'admin',
  password: 'Adm1n-Secret!',
  lang: 'en',
} as const;

export function partnerInput(n: number, over: Partial<Input<'auth.register'>> = {}): Input<'auth.register'> {
  return {
    firstName: 'Pat',
    lastName: `Partner${n}`,
    orgName: `Org ${n}`,
    partnerType: 'Auth_Partner',
    address: `${n} Main Street`,
    email: `pat${n}@org${n}.example`,
    phone: '+2250701020304',
    username: `partner-${n}`,
    password: 'Partn3r-Pass!',
    lang: 'en',
    ...over,
  };
}

export async function signIn(tc: TestCore, login: string, password: string): Promise<string> {
  return (await tc.call('auth.login', { login, password })).token;
}
