/**
 * The server process of the sync benchmarks: the product's server host (`startServerHost`) on
 * loopback over a core opened as a sync server, as `npm run server -- --insecure-loopback` runs it,
 * plus a line protocol on stdin for the benchmark: `mem` answers the process's memory on stdout
 * (after a full GC when node runs with --expose-gc), `stop` closes the host gracefully.
 * argv: <dataDir> <uiDir>. Request log lines go to stdout as the real server's do.
 */
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { openCore } from '../../main/core/index.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';
import { jsonLog, coreLog } from '../../main/hosts/server/log.ts';
import { startServerHost } from '../../main/hosts/server/server.ts';

const [dataDir, ui] = process.argv.slice(2);
const log = jsonLog();
const t0 = performance.now();
// Opening an existing database as a server logs its rows in the change log (becomeServer).
const core = openCore({
  hardware: createHardwareHub,
  dataDir: dataDir!,
  publicUrl: 'http://127.0.0.1/',
  syncRole: 'server',
  log: coreLog(log),
});
const openMs = performance.now() - t0;
const host = await startServerHost({
  core,
  port: 0,
  bind: '127.0.0.1',
  tls: null,
  hostNames: ['127.0.0.1', 'localhost'],
  rendererDir: ui!,
  log,
});
log('info', 'listening', { port: host.port, openMs: Math.round(openMs) });

const gc = (globalThis as { gc?: () => void }).gc;
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'mem') {
    gc?.();
    const m = process.memoryUsage();
    log('info', 'mem', {
      rss: m.rss,
      heapUsed: m.heapUsed,
      heapTotal: m.heapTotal,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
      gc: gc !== undefined,
    });
  } else if (line === 'stop') {
    void host.close().then(() => process.exit(0));
  }
});
