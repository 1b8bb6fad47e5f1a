/** The app's frame: header groups, dashboard cards as a partner reads them, and their badges in words. */
const shellEn = {
  navGroups: {
    partners: 'Partners & policies',
    devices: 'Devices',
    system: 'System',
  },
  /** A partner's cards say what the partner does there (the admin's say what the admin reviews). */
  partnerCards: {
    policies: 'Request the policies your partner id needs and follow their approval',
    authServices: 'Generate API keys and register OIDC clients under your approved policies',
    sbiDevice: 'Add your secure biometric interfaces and their devices, and follow their approval',
    ftmChip: 'Add your FTM chips and upload their certificates',
    partnerCertificate: 'Upload your partner certificate and download the MOSIP-signed copy',
  },
  hardwareCard: {
    title: 'Devices & hardware',
    description: 'Discover connected devices, onboard them from what they report, stream and run the compliance bench',
  },
};

export default shellEn;
