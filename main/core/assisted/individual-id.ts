import { AppError } from '../../contract/index.ts';

/** Verhoeff's dihedral-group tables, as MOSIP's kernel id validators use for UIN and VID. */
const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

export function verhoeffValid(digits: string): boolean {
  let c = 0;
  [...digits].reverse().forEach((ch, i) => (c = D[c]![P[i % 8]![Number(ch)]!]!));
  return c === 0;
}

/** The Verhoeff check digit to append to `digits` (demo identities and tests make valid ids with it). */
export function verhoeffDigit(digits: string): string {
  for (let d = 0; d <= 9; d++) if (verhoeffValid(digits + d)) return String(d);
  throw new Error('unreachable');
}

const LENGTH = { UIN: 10, VID: 16 } as const;

/**
 * MOSIP's UIN (10 digits) and VID (16 digits): digits only, not starting with 0 or 1, and the last
 * digit Verhoeff's check digit — a mistyped digit or two swapped neighbours are caught at the desk.
 */
export function checkIndividualId(type: 'UIN' | 'VID', value: string): string {
  const v = value.replace(/\s+/g, '');
  const ok = v.length === LENGTH[type] && /^[2-9]\d+$/.test(v) && verhoeffValid(v);
  if (!ok)
    throw new AppError('PD_ASR_005', `This is not a valid ${type}.`, { individualId: 'PD_ASR_005' }, { idType: type });
  return v;
}
