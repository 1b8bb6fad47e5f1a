import { z } from 'zod';
import { method } from '../spec.ts';
import { PageQuery, Text, Timestamp, pageOf, PAGING_ERRORS } from '../common.ts';

export const AuditRecord = z.object({
  eventId: z.string(),
  module: z.string(),
  action: z.string(),
  actor: z.string(),
  refType: z.string().nullable(),
  refId: z.string().nullable(),
  result: z.enum(['success', 'failure']),
  errorCode: z.string().nullable(),
  time: Timestamp,
});

export const AUDIT_SORT_FIELDS = ['time', 'module', 'action', 'actor', 'result'] as const;

export const auditMethods = {
  'audit.list': method({
    kind: 'query',
    access: ['PARTNER_ADMIN'],
    input: PageQuery.extend({
      module: Text({ max: 64 }).optional(),
      action: Text({ max: 64 }).optional(),
      actor: Text({ max: 64 }).optional(),
      result: z.enum(['success', 'failure']).optional(),
      /** ISO 8601 UTC bounds of the record time. */
      from: Text({ max: 64 }).optional(),
      to: Text({ max: 64 }).optional(),
    }).strict(),
    output: pageOf(AuditRecord),
    errors: PAGING_ERRORS,
  }),
};
