import type updatesEn from './updates.en.ts';
import type { DeepStringMap } from './types.ts';

const updatesFr: DeepStringMap<typeof updatesEn> = {
  banner: {
    available: 'Partner Desk {{version}} est disponible (vous avez la {{running}}).',
    notes: 'Nouveautés',
    download: 'Télécharger',
    downloading: 'Téléchargement de la {{version}} : {{percent}} %',
    cancel: 'Annuler le téléchargement',
    downloaded:
      'Partner Desk {{version}} est prêt. Le redémarrage envoie d’abord (ou met en pause) la file de synchronisation, puis l’installe.',
    restart: 'Redémarrer pour installer',
    installing: 'Installation de la mise à jour…',
    refused: 'Mise à jour refusée : {{message}}',
    dismiss: 'Plus tard',
  },
  desk: {
    title: 'Mises à jour de ce poste',
    running: 'Version en service',
    channel: 'Canal',
    web: 'Les mises à jour sont installées par l’application de bureau. Cette page est servie par le serveur et montre toujours sa version.',
    checkNow: 'Rechercher des mises à jour',
    checking: 'Recherche…',
    upToDate: 'Aucune mise à jour n’est proposée pour ce poste.',
    lastCheck: 'Dernière recherche : {{time}}',
  },
  admin: {
    title: 'Mises à jour de bureau',
    description:
      'Versions publiées avec « npm run cli -- release publish ». Les postes les téléchargent depuis ce serveur et n’installent que ce qui est signé avec la clé de publication ci-dessous.',
    channel: 'Canal',
    channels: { stable: 'Stable', beta: 'Bêta' },
    policy: 'Ce que font les postes d’une mise à jour',
    policies: {
      automatic: 'Télécharger automatiquement, puis proposer le redémarrage',
      ask: 'Demander à l’utilisateur',
      never: 'Rien (mises à jour suspendues)',
    },
    pinned: 'Version épinglée',
    pinnedHint:
      'Les postes de ce canal passent exactement à cette version, plus ancienne ou plus récente. Vide : la dernière version publiée.',
    notPinned: 'La plus récente',
    save: 'Enregistrer',
    saving: 'Enregistrement…',
    saved: 'Enregistré et signé à nouveau : les postes le verront à leur prochaine recherche.',
    releaseKey: 'Clé publique de publication (config.json updates.releaseKey sur chaque poste)',
    noKey: 'Aucune version publiée : la clé est créée avec la première.',
    releases: 'Versions publiées',
    noReleases: 'Aucune version publiée sur ce canal.',
    cols: {
      version: 'Version',
      platform: 'Fichier de plateforme',
      rollout: 'Déploiement',
      served: 'Servie',
      published: 'Publiée',
    },
    servedYes: 'Servie',
    servedNo: '—',
    rolloutPercent: '{{percent}} %',
  },
};
export default updatesFr;
