/** Starting points for the in-app editor (pms.md §1.3 sample policies). */
export const SAMPLE_POLICIES = {
  Auth: {
    authTokenType: 'partner',
    allowedKycAttributes: [
      { attributeName: 'fullName' },
      { attributeName: 'dateOfBirth' },
      { attributeName: 'gender' },
    ],
    allowedAuthTypes: [
      { authType: 'otp', authSubType: '', mandatory: false },
      { authType: 'bio', authSubType: 'FINGER', mandatory: false },
    ],
  },
  DataShare: {
    dataSharePolicies: {
      typeOfShare: 'Data Share',
      validForInMinutes: '30',
      transactionsAllowed: '2',
      encryptionType: 'Partner Based',
      shareDomain: 'datashare.datashare',
      source: 'ID Repository',
    },
    shareableAttributes: [
      { attributeName: 'fullName', source: [{ attribute: 'fullName' }], encrypted: false },
      {
        attributeName: 'dateOfBirth',
        source: [{ attribute: 'dateOfBirth' }],
        encrypted: false,
        format: 'YYYY',
      },
    ],
  },
} as const;

export const POLICY_MAX_CHARS = 5120;

/** The policy text as the core stores it (compact JSON), or the parse problem. */
export function checkPolicyText(
  text: string,
): { ok: true; length: number } | { ok: false; message: string; length: number } {
  try {
    const parsed: unknown = JSON.parse(text);
    return { ok: true, length: JSON.stringify(parsed).length };
  } catch (error) {
    return {
      ok: false,
      message: error instanceof Error ? error.message : String(error),
      length: text.length,
    };
  }
}
