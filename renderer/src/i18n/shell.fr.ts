import type shellEn from './shell.en.ts';
import type { DeepStringMap } from './types.ts';

const shellFr: DeepStringMap<typeof shellEn> = {
  navGroups: {
    partners: 'Partenaires et politiques',
    devices: 'Appareils',
    system: 'Système',
  },
  partnerCards: {
    policies: 'Demandez les politiques dont votre identifiant partenaire a besoin et suivez leur approbation',
    authServices: 'Générez des clés API et enregistrez des clients OIDC sous vos politiques approuvées',
    sbiDevice: 'Ajoutez vos interfaces biométriques sécurisées et leurs appareils, et suivez leur approbation',
    ftmChip: 'Ajoutez vos puces FTM et téléversez leurs certificats',
    partnerCertificate: 'Téléversez votre certificat partenaire et téléchargez la copie signée par MOSIP',
  },
  hardwareCard: {
    title: 'Périphériques et matériel',
    description:
      'Découvrez les appareils connectés, enregistrez-les d’après ce qu’ils déclarent, diffusez et lancez le banc de conformité',
  },
};

export default shellFr;
