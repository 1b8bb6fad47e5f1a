/** The admin dashboard's charts: what expires in the next 90 days, and audit activity per day. */
const chartsEn = {
  expiry: {
    title: 'Expiring in the next {{days}} days',
    summary: 'In the next {{days}} days: {{list}}.',
    none: 'Nothing expires in the next {{days}} days.',
    caCertificates: 'CA certificates',
    partnerCertificates: 'Partner certificates',
    sbis: 'SBIs',
    ftmChips: 'FTM chips',
    apiKeys: 'API keys',
  },
  activity: {
    title: 'Activity in the last {{days}} days',
    summary: '{{success}} successful and {{failure}} refused actions in the last {{days}} days.',
    success: 'Successful',
    failure: 'Refused',
  },
  showTable: 'Show as a table',
  day: 'Day',
};

export default chartsEn;
