import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/contract/index.ts';
import { checkSubmission, fieldsOf } from '../../main/core/portal/formio.ts';
import { APPLICATION_FORM, GOOD_ANSWERS } from '../helpers/portal-forms.ts';

const fields = fieldsOf(structuredClone(APPLICATION_FORM) as unknown as Record<string, unknown>);

function problems(data: Record<string, unknown>, partial = false): Record<string, string> | 'ok' {
  try {
    checkSubmission(fields, data, partial);
    return 'ok';
  } catch (err) {
    if (err instanceof AppError && err.code === 'PD_SSP_005') return err.fields ?? {};
    throw err;
  }
}

function schemaError(schema: unknown): { code: string; fields?: Record<string, string> } | 'ok' {
  try {
    fieldsOf(schema as Record<string, unknown>);
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, ...(err.fields ? { fields: err.fields } : {}) };
    throw err;
  }
}

describe('Form.io schema: what the server can enforce', () => {
  it('reads inputs inside panels and columns, skips buttons', () => {
    expect(fields.map((f) => f.key)).toEqual([
      'name',
      'email',
      'phone',
      'nationalId',
      'householdSize',
      'region',
      'hasDisability',
      'disabilityDetails',
    ]);
    expect(fields.find((f) => f.key === 'region')!.values).toEqual(['north', 'south']);
  });

  it('refuses what would need JavaScript, remote data, unknown types, duplicate keys and bad patterns (PD_SSP_009)', () => {
    const one = (c: Record<string, unknown>) => schemaError({ components: [c] });
    expect(one({ type: 'textfield', key: 'a', validate: { custom: 'valid = input.length > 2' } })).toEqual({
      code: 'PD_SSP_009',
      fields: { a: 'PD_SSP_009' },
    });
    expect(one({ type: 'textfield', key: 'a', calculateValue: 'value = 1' })).toMatchObject({
      code: 'PD_SSP_009',
    });
    expect(one({ type: 'textfield', key: 'a', conditional: { json: { '==': [1, 1] } } })).toMatchObject({
      code: 'PD_SSP_009',
    });
    expect(one({ type: 'select', key: 'a', dataSrc: 'url', data: { url: 'https://x' } })).toMatchObject({
      code: 'PD_SSP_009',
    });
    expect(one({ type: 'file', key: 'a' })).toMatchObject({ code: 'PD_SSP_009' });
    expect(one({ type: 'textfield', key: 'a', validate: { pattern: '(' } })).toMatchObject({
      code: 'PD_SSP_009',
    });
    expect(one({ type: 'textfield', key: 'has space' })).toMatchObject({ code: 'PD_SSP_009' });
    expect(
      schemaError({
        components: [
          { type: 'textfield', key: 'a' },
          { type: 'panel', components: [{ type: 'number', key: 'a' }] },
        ],
      }),
    ).toMatchObject({ code: 'PD_SSP_009' });
    expect(schemaError({ title: 'no components' })).toMatchObject({ code: 'PD_SSP_009' });
    expect(one({ type: 'textfield', key: 'a', conditional: { show: true, when: 'missing', eq: 'x' } })).toMatchObject({
      code: 'PD_SSP_009',
    });
  });
});

describe('a submission checked against its form', () => {
  it('accepts good answers and the button value', () => {
    expect(problems({ ...GOOD_ANSWERS, submit: true })).toBe('ok');
    expect(checkSubmission(fields, { ...GOOD_ANSWERS, submit: true }, false)).toEqual(GOOD_ANSWERS);
  });

  it('names each failing field with its rule', () => {
    expect(problems({})).toEqual({
      name: 'required',
      nationalId: 'required',
      householdSize: 'required',
      region: 'required',
    });
    expect(problems({ ...GOOD_ANSWERS, name: 'x'.repeat(81) })).toEqual({ name: 'maxLength' });
    expect(problems({ ...GOOD_ANSWERS, nationalId: '12345' })).toEqual({ nationalId: 'pattern' });
    expect(problems({ ...GOOD_ANSWERS, nationalId: 5012345674 })).toEqual({ nationalId: 'type' });
    expect(problems({ ...GOOD_ANSWERS, email: 'not-an-address' })).toEqual({ email: 'email' });
    expect(problems({ ...GOOD_ANSWERS, householdSize: 0 })).toEqual({ householdSize: 'min' });
    expect(problems({ ...GOOD_ANSWERS, householdSize: '4' })).toEqual({ householdSize: 'type' });
    expect(problems({ ...GOOD_ANSWERS, region: 'east' })).toEqual({ region: 'select' });
    expect(problems({ ...GOOD_ANSWERS, hasDisability: 'yes' })).toEqual({ hasDisability: 'type' });
    expect(problems({ ...GOOD_ANSWERS, extra: 'smuggled' })).toEqual({ extra: 'unknown' });
  });

  it('requires a conditional field only when it is shown, and drops it when hidden', () => {
    expect(problems({ ...GOOD_ANSWERS, hasDisability: true })).toEqual({
      disabilityDetails: 'required',
    });
    expect(problems({ ...GOOD_ANSWERS, hasDisability: true, disabilityDetails: 'Uses a wheelchair' })).toBe('ok');
    expect(checkSubmission(fields, { ...GOOD_ANSWERS, disabilityDetails: 'hidden' }, false)).not.toHaveProperty(
      'disabilityDetails',
    );
  });

  it('checks a draft for types and lengths only', () => {
    expect(problems({ name: 'Am' }, true)).toBe('ok');
    expect(problems({ nationalId: '12' }, true)).toBe('ok');
    expect(problems({ householdSize: 'four' }, true)).toEqual({ householdSize: 'type' });
    expect(problems({ name: 'x'.repeat(81) }, true)).toEqual({ name: 'maxLength' });
  });
});
