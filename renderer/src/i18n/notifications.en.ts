/** Expiry notifications (issue 17): the bell, its panel, the notifications page. Mounted under `notifications` in en.ts. */
const notificationsEn = {
  bell: 'Notifications',
  bellUnread: 'Notifications, unread: {{count}}',
  panelTitle: 'Latest notifications',
  panelEmpty: 'No active notifications.',
  viewAll: 'View all notifications',
  dismiss: 'Dismiss',
  dismissLabel: 'Dismiss: {{what}}',
  title: 'Notifications',
  description:
    'What expires soon, as MOSIP announces it: 30 and 15 days before, then every day from 10 days to the expiry day. Notifications are kept for 60 days.',
  empty: 'No notifications match.',
  columns: {
    created: 'Received',
    type: 'Kind',
    item: 'What expires',
    expires: 'Expiry date',
    status: 'Status',
    actions: 'Actions',
  },
  type: {
    ROOT_CERT_EXPIRY: 'Root CA certificate',
    INTERMEDIATE_CERT_EXPIRY: 'Intermediate CA certificate',
    PARTNER_CERT_EXPIRY: 'Partner certificate',
    FTM_CHIP_CERT_EXPIRY: 'FTM chip certificate',
    SBI_EXPIRY: 'SBI',
    API_KEY_EXPIRY: 'API key',
    WEEKLY_SUMMARY: 'Weekly summary',
  },
  status: { ACTIVE: 'Active', DISMISSED: 'Dismissed' },
  what: {
    ROOT_CERT_EXPIRY: 'Root CA certificate “{{name}}” ({{domain}})',
    INTERMEDIATE_CERT_EXPIRY: 'Intermediate CA certificate “{{name}}” ({{domain}})',
    PARTNER_CERT_EXPIRY: 'Partner certificate of {{partner}} ({{domain}})',
    FTM_CHIP_CERT_EXPIRY: 'Certificate of FTM chip {{name}} of {{partner}}',
    SBI_EXPIRY: 'SBI {{name}} of {{partner}}',
    API_KEY_EXPIRY: 'API key “{{name}}” of {{partner}}',
  },
  expiresOn: '{{what}} expires on {{date}}.',
  expiresToday: '{{what}} expires today.',
  weekly:
    'Expiring in the next 7 days: partner certificates {{certs}}, FTM chip certificates {{ftm}}, SBIs {{sbis}}, API keys {{keys}}.',
  weeklyNone: 'Nothing expires in the next 7 days.',
  renew: {
    ROOT_CERT_EXPIRY: 'Open the certificate',
    INTERMEDIATE_CERT_EXPIRY: 'Open the certificate',
    PARTNER_CERT_EXPIRY: 'Re-upload the certificate',
    FTM_CHIP_CERT_EXPIRY: 'Re-upload the chip certificate',
    SBI_EXPIRY: 'Open the SBI',
    API_KEY_EXPIRY: 'Renew the API key',
  },
  filters: {
    type: 'Kind',
    status: 'Status',
    itemName: 'Name contains',
    expiryDate: 'Expiry date',
  },
  mail: {
    title: 'E-mail delivery',
    summary: 'Waiting: {{pending}} · Retrying: {{retrying}} · Sent: {{sent}}',
    failing: '{{type}}: {{attempts}} attempts, next at {{next}} — {{error}}',
    retry: 'Retry now',
    retried: 'Sent {{sent}}, failed {{failed}}.',
  },
};

export default notificationsEn;
