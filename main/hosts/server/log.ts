import type { CoreDeps } from '../../core/deps.ts';

export type Level = 'info' | 'warn' | 'error';

/** Fields a log line may carry: request metadata only — never bodies, headers, tokens or query strings. */
export interface LogFields {
  method?: string;
  path?: string;
  call?: string;
  status?: number;
  ms?: number;
  code?: string;
  ip?: string;
  [key: string]: unknown;
}

export type JsonLog = (level: Level, msg: string, fields?: LogFields) => void;

/** One JSON object per line (time, level, msg, then the fields), for journald, Docker or a log shipper. */
export function jsonLog(write: (line: string) => void = (line) => process.stdout.write(line)): JsonLog {
  return (level, msg, fields = {}) => {
    write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
  };
}

/** The core's log through the same stream; errors keep their name and message, not their payloads. */
export function coreLog(log: JsonLog): CoreDeps['log'] {
  return (level, message, detail) => {
    const fields: LogFields = {};
    if (detail instanceof Error) fields.error = { name: detail.name, message: detail.message, stack: detail.stack };
    else if (detail !== undefined && detail !== '') fields.detail = detail;
    log(level, message, fields);
  };
}
