import { parentPort } from 'node:worker_threads';
import { createTrustStore } from './trust-store.ts';
import { validateCertificatePath } from './validate.ts';
import type { FromPkiWorker, ToPkiWorker } from './worker.ts';

// Worker side of PkiWorkerPool: one request at a time, answered by id.
parentPort?.on('message', ({ id, request }: ToPkiWorker) => {
  let reply: FromPkiWorker;
  try {
    const trust = createTrustStore(request.trust);
    const { trust: _raw, ...rest } = request;
    reply = { id, verdict: validateCertificatePath({ ...rest, trust }) };
  } catch (e) {
    reply = { id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(reply);
});
