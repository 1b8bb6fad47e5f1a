import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IdaClient, IdaKycInput, IdaKycOutcome } from '../../main/core/ida/types.ts';

/**
 * A loopback HTTP stand-in for the ID service until the real one (branch `ida`) is merged: it takes
 * the e-KYC request's fields as JSON and answers from its enrolment list. It does not decrypt the
 * capture; it records the requests so tests can see what the desk sent.
 */
export interface IdaStandIn {
  client: IdaClient;
  /** Individual id → claims released on a match; an id listed in `noMatch` answers IDA-BIA-001. */
  enrolled: Map<string, Record<string, string>>;
  noMatch: Set<string>;
  apiKeyActive: boolean;
  requests: IdaKycInput[];
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function idaStandIn(): Promise<IdaStandIn> {
  const s: IdaStandIn = {
    enrolled: new Map(),
    noMatch: new Set(),
    apiKeyActive: true,
    requests: [],
    port: 0,
    client: {
      async kyc(input, signal) {
        try {
          const res = await fetch(`http://127.0.0.1:${s.port}/kyc`, {
            method: 'POST',
            body: JSON.stringify(input),
            headers: { 'content-type': 'application/json' },
            ...(signal ? { signal } : {}),
          });
          if (res.status >= 500)
            return {
              ok: false,
              code: 'PD_IDA_UNREACHABLE',
              message: `HTTP ${res.status}`,
              unreachable: true,
            };
          return (await res.json()) as IdaKycOutcome;
        } catch (e) {
          return { ok: false, code: 'PD_IDA_UNREACHABLE', message: String(e), unreachable: true };
        }
      },
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
    start: () => new Promise((resolve) => server.listen(s.port, '127.0.0.1', () => resolve())),
  };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const input = JSON.parse(body) as IdaKycInput;
      s.requests.push(input);
      const answer = (o: IdaKycOutcome) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(o));
      if (!s.apiKeyActive)
        return answer({
          ok: false,
          code: 'IDA-MPA-012',
          message: 'Partner is deactivated',
          unreachable: false,
        });
      const claims = s.enrolled.get(input.individualId);
      if (!claims)
        return answer({
          ok: false,
          code: 'IDA-MLC-018',
          message: 'UIN not available in database',
          unreachable: false,
        });
      if (s.noMatch.has(input.individualId) || input.biometrics.length === 0)
        return answer({
          ok: false,
          code: 'IDA-BIA-001',
          message: 'Biometric data did not match',
          unreachable: false,
        });
      answer({
        ok: true,
        transactionId: input.transactionId,
        authToken: 'token-1',
        claims,
        responseTime: new Date().toISOString(),
      });
    });
  });
  server.closeAllConnections?.();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  s.port = (server.address() as AddressInfo).port;
  return s;
}
