import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseConfig } from '../../main/core/config.ts';
import { testServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await testServer({ insecure: true, config: { server: { eventSocketsPerIp: 2 } } });
});
afterAll(() => s.close());

const open = () => new WebSocket(`ws://127.0.0.1:${s.host.port}/api/events`, ['partner-desk']);
const outcome = (ws: WebSocket) =>
  new Promise<string>((resolve) => {
    ws.once('open', () => resolve('open'));
    ws.once('error', (err) => resolve(err.message));
  });
const closed = (ws: WebSocket) =>
  new Promise<void>((resolve) => (ws.readyState === ws.CLOSED ? resolve() : ws.once('close', () => resolve())));

describe('server host: event sockets per client address (server.eventSocketsPerIp)', () => {
  it('admits as many sockets per address as configured, refuses the next with 403, and admits one again when a socket closes', async () => {
    const first = [open(), open()];
    expect(await Promise.all(first.map(outcome))).toEqual(['open', 'open']);
    const third = open();
    expect(await outcome(third)).toMatch(/403/);
    first[0]!.close();
    await closed(first[0]!);
    const again = open();
    expect(await outcome(again)).toBe('open');
    for (const ws of [first[1]!, again]) ws.close();
    await Promise.all([closed(first[1]!), closed(again)]);
  });

  it('refuses a setting that is not a positive whole number, and defaults to 32', () => {
    for (const bad of [0, -1, 1.5, '64', 100_001])
      expect(() => parseConfig({ server: { eventSocketsPerIp: bad } })).toThrow();
    expect(parseConfig({}).server.eventSocketsPerIp).toBe(32);
  });
});
