/**
 * Does the answer fit the request (CTK ResponseMismatchValidator, sbi.md §4.4)? Item count,
 * purpose, transactionId echo, each segment requested and fitting the requested deviceSubId, no
 * segment the operator declared an exception, and the digital ID's type equal to bioType.
 */
import { subTypeFitsSubId } from '../wire/index.ts';
import type { AnyCaptureRequest, CaptureData, DigitalId } from '../wire/index.ts';
import { fail, pass, skip } from './types.ts';
import type { Check } from './types.ts';

export interface MismatchItem {
  subject: string;
  data: CaptureData | null;
  digitalId: DigitalId | null;
}

export function checkItemCount(request: AnyCaptureRequest, itemCount: number): Check {
  const wanted = request.bio.reduce((n, b) => n + Number(b.count), 0);
  return itemCount === wanted
    ? pass('response.count', 'mismatch')
    : fail('response.count', 'mismatch', 'SBI_RESPONSE_MISMATCH', `${itemCount} item(s) for a request of ${wanted}`, {
        expected: wanted,
        actual: itemCount,
      });
}

export function checkItemMismatch(request: AnyCaptureRequest, item: MismatchItem): Check[] {
  const s = item.subject;
  const names = [`${s}.purpose`, `${s}.transactionId`, `${s}.segment`, `${s}.digitalId.type`];
  const { data } = item;
  if (!data) return names.map((n) => skip(n, 'mismatch', 'no readable data'));
  const checks: Check[] = [];
  checks.push(
    data.purpose === request.purpose
      ? pass(names[0]!, 'mismatch')
      : fail(
          names[0]!,
          'mismatch',
          'SBI_RESPONSE_MISMATCH',
          `purpose ${data.purpose} for a ${request.purpose} request`,
          { expected: request.purpose, actual: data.purpose },
        ),
  );
  checks.push(
    data.transactionId === request.transactionId
      ? pass(names[1]!, 'mismatch')
      : fail(names[1]!, 'mismatch', 'SBI_RESPONSE_MISMATCH', 'transactionId is not the one requested', {
          expected: request.transactionId,
          actual: data.transactionId.slice(0, 60),
        }),
  );
  const bio = request.bio.find((b) => b.type === data.bioType);
  const exceptions: readonly string[] =
    bio && 'exception' in bio && Array.isArray(bio.exception) ? (bio.exception as string[]) : [];
  if (!bio)
    checks.push(
      fail(names[2]!, 'mismatch', 'SBI_RESPONSE_MISMATCH', `${data.bioType} was not requested`, {
        actual: data.bioType,
      }),
    );
  else if (!subTypeFitsSubId(data.bioType, bio.deviceSubId, data.bioSubType)) {
    checks.push(
      fail(
        names[2]!,
        'mismatch',
        'SBI_RESPONSE_MISMATCH',
        `${data.bioSubType ?? 'no bioSubType'} does not fit deviceSubId ${bio.deviceSubId}`,
        { deviceSubId: bio.deviceSubId, actual: data.bioSubType },
      ),
    );
  } else if (data.bioSubType !== null && exceptions.includes(data.bioSubType)) {
    checks.push(
      fail(names[2]!, 'mismatch', 'SBI_RESPONSE_MISMATCH', `${data.bioSubType} was declared an exception`, {
        actual: data.bioSubType,
      }),
    );
  } else checks.push(pass(names[2]!, 'mismatch'));
  if (!item.digitalId) checks.push(skip(names[3]!, 'mismatch', 'no readable digital ID'));
  else {
    checks.push(
      item.digitalId.type === data.bioType
        ? pass(names[3]!, 'mismatch')
        : fail(
            names[3]!,
            'mismatch',
            'SBI_RESPONSE_MISMATCH',
            `digital ID of a ${item.digitalId.type} device on a ${data.bioType} record`,
            { expected: data.bioType, actual: item.digitalId.type },
          ),
    );
  }
  return checks;
}
