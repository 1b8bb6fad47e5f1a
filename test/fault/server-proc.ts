// A sync server process for the fault runs: the core as a server behind the loopback HTTP fixture.
// argv: <dataDir> <port> <epoch>; its clock is BASE_TIME + (Date.now() - epoch), the same across restarts.
import { openCore } from '../../main/core/index.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';
import { parseConfig } from '../../main/core/config.ts';
import { serveCore } from '../helpers/sync-http.ts';
import { BASE_TIME } from './random.ts';

async function main(): Promise<void> {
  const [dataDir, port, epoch] = process.argv.slice(2);
  const core = openCore({
    hardware: createHardwareHub,
    dataDir: dataDir!,
    publicUrl: 'http://127.0.0.1:9/',
    now: () => new Date(BASE_TIME + Date.now() - Number(epoch)),
    config: parseConfig({}),
    syncRole: 'server',
    log: () => undefined,
  });
  await serveCore(core, { port: Number(port) });
  process.stdout.write('ready\n');
}

void main();
