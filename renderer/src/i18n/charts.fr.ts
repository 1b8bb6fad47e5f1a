import type chartsEn from './charts.en.ts';
import type { DeepStringMap } from './types.ts';

const chartsFr: DeepStringMap<typeof chartsEn> = {
  expiry: {
    title: 'Expirations dans les {{days}} prochains jours',
    summary: 'Dans les {{days}} prochains jours : {{list}}.',
    none: 'Rien n’expire dans les {{days}} prochains jours.',
    caCertificates: 'Certificats d’AC',
    partnerCertificates: 'Certificats de partenaire',
    sbis: 'SBI',
    ftmChips: 'Puces FTM',
    apiKeys: 'Clés d’API',
  },
  activity: {
    title: 'Activité des {{days}} derniers jours',
    summary: '{{success}} actions réussies et {{failure}} refusées au cours des {{days}} derniers jours.',
    success: 'Réussies',
    failure: 'Refusées',
  },
  showTable: 'Afficher sous forme de tableau',
  day: 'Jour',
};

export default chartsFr;
