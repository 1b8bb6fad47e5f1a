/**
 * A Form.io form as OpenG2P's builder writes one (panels, columns, validate blocks, select data
 * values, a submit button), used by the portal tests and the demo.
 */
export const APPLICATION_FORM = {
  display: 'form',
  components: [
    {
      type: 'panel',
      key: 'applicant',
      title: 'Applicant',
      components: [
        {
          type: 'textfield',
          key: 'name',
          label: 'Full name',
          input: true,
          validate: { required: true, maxLength: 80 },
        },
        {
          type: 'columns',
          key: 'cols',
          columns: [
            { components: [{ type: 'email', key: 'email', label: 'E-mail', input: true }] },
            {
              components: [
                {
                  type: 'phoneNumber',
                  key: 'phone',
                  label: 'Phone',
                  input: true,
                  validate: { pattern: '\\+?[0-9 ]{6,20}' },
                },
              ],
            },
          ],
        },
        {
          type: 'textfield',
          key: 'nationalId',
          label: 'National ID',
          input: true,
          validate: { required: true, pattern: '[0-9]{10}' },
        },
      ],
    },
    {
      type: 'number',
      key: 'householdSize',
      label: 'People in the household',
      input: true,
      validate: { required: true, min: 1, max: 30 },
    },
    {
      type: 'select',
      key: 'region',
      label: 'Region',
      input: true,
      data: {
        values: [
          { label: 'North', value: 'north' },
          { label: 'South', value: 'south' },
        ],
      },
      validate: { required: true },
    },
    {
      type: 'checkbox',
      key: 'hasDisability',
      label: 'A member lives with a disability',
      input: true,
    },
    {
      type: 'textarea',
      key: 'disabilityDetails',
      label: 'Details',
      input: true,
      conditional: { show: true, when: 'hasDisability', eq: 'true' },
      validate: { required: true, minLength: 5 },
    },
    { type: 'button', key: 'submit', label: 'Submit', input: true, action: 'submit' },
  ],
} as const;

export const GOOD_ANSWERS = {
  name: 'Amina Diallo',
  email: 'amina.diallo@example.org',
  nationalId: '5012345674',
  householdSize: 4,
  region: 'north',
  hasDisability: false,
};
