import { createServer } from 'node:http';
import type { Server, IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { AppError } from '../../../main/contract/index.ts';
import { DeskSyncClient } from '../../../main/sync/client.ts';
import { HttpSyncTransport } from '../../../main/sync/http-transport.ts';
import { ADMIN } from '../../helpers/core.ts';
import { joinDesk } from '../../helpers/sync.ts';
import { syncWorld } from '../../helpers/sync-fixtures.ts';
import type { SyncWorld } from '../../helpers/sync-fixtures.ts';

/** A server that takes every call and never answers: the round in flight waits on it. */
async function silentServer(): Promise<{
  url: string;
  server: Server;
  arrived: Promise<IncomingMessage>;
  cut: Promise<void>;
}> {
  let onArrive!: (req: IncomingMessage) => void;
  let onCut!: () => void;
  const arrived = new Promise<IncomingMessage>((ok) => (onArrive = ok));
  const cut = new Promise<void>((ok) => (onCut = ok));
  const server = createServer((req) => {
    req.socket.on('close', onCut);
    onArrive(req);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    arrived,
    cut,
  };
}

let w: SyncWorld | null = null;
let silent: Server | null = null;
afterEach(() => {
  silent?.closeAllConnections();
  silent?.close();
  w?.server.close();
});

it('stopping the sync client cuts the call in flight at once, and the round ends without touching the closed database', async () => {
  w = await syncWorld();
  const desk = await joinDesk(w.server.core, ADMIN.username, ADMIN.password);
  await desk.client.stop();
  const s = await silentServer();
  silent = s.server;
  // The same desk, now talking over HTTP to a server that never answers.
  const client = new DeskSyncClient(desk.tc.core, {
    transport: () => new HttpSyncTransport({ serverUrl: s.url, fingerprint: null }),
  });
  desk.tc.core.setDeskSync(client);
  const round = client.syncNow();
  const outcome = round.then(
    () => null,
    (err: unknown) => err,
  );
  const req = await s.arrived;
  expect(req.url).toBe('/api/call/sync.pull');

  // What a host's close() does: stop the client, then close the core right away, in the same tick.
  const stopped = client.stop();
  desk.tc.close();

  await s.cut;
  const err = await outcome;
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('PD_SYNC_013');
  await expect(stopped).resolves.toBeUndefined();
  // A stopped client does not sync again, and says why rather than failing on the closed file.
  await expect(client.syncNow()).rejects.toMatchObject({ code: 'PD_SYNC_013' });
});
