import type syncEn from './sync.en.ts';
import type { DeepStringMap } from './types.ts';

const syncFr: DeepStringMap<typeof syncEn> = {
  state: {
    online: 'En ligne',
    offline: 'Hors ligne',
    signInNeeded: 'Connexion requise',
    frozen: 'Gelé',
    syncing: 'Synchronisation…',
  },
  bar: {
    label: 'Synchronisation avec le serveur',
    pending: 'En attente : {{count}}',
    conflicts: 'Refusées : {{count}}',
    lastSync: 'Dernière synchronisation : {{time}}',
    never: 'Pas encore synchronisé',
    syncNow: 'Synchroniser',
    cancel: 'Annuler',
    signIn: 'Se connecter au serveur',
    queue: 'File de synchronisation',
    freezesIn: 'Les modifications s’arrêtent dans {{time}} si ce poste ne se synchronise pas',
    frozen:
      'Ce poste n’est pas synchronisé depuis {{days}} jours : les modifications sont refusées jusqu’à la synchronisation.',
    countdown: '{{days}} j {{hours}} h {{minutes}} min',
    paused: 'La synchronisation est en pause. Appuyez sur « Synchroniser » pour reprendre.',
    firstSync: 'Première synchronisation complète',
    pull: 'Téléchargement',
    push: 'Envoi',
    progress: '{{done}} sur {{total}}',
    progressUnknown: 'démarrage…',
    lastError: 'Dernière tentative : {{message}}',
  },
  signIn: {
    title: 'Se connecter au serveur',
    description:
      'Le serveur a fermé la session de ce poste. Saisissez votre mot de passe du serveur pour synchroniser à nouveau ; en attendant, ce poste continue de fonctionner hors ligne.',
    password: 'Mot de passe du serveur',
    submit: 'Se connecter et synchroniser',
    submitting: 'Connexion…',
    close: 'Fermer',
  },
  queue: {
    title: 'File de synchronisation',
    description:
      'Chaque modification faite sur ce poste, telle que le serveur l’a décidée. Une modification refusée est annulée ici ; la raison du serveur explique pourquoi.',
    status: 'Statut',
    empty: 'Aucune modification faite sur ce poste pour l’instant.',
    cols: {
      seq: 'N°',
      change: 'Modification',
      status: 'Statut',
      verdict: 'Réponse du serveur',
      time: 'Faite sur ce poste',
      serverTime: 'Décidée par le serveur',
      object: 'Objet',
    },
    statuses: { pending: 'En attente', applied: 'Appliquée', conflict: 'Refusée' },
    waiting: 'En attente d’envoi',
    appliedOk: 'Appliquée comme faite ici',
    notHere: 'Non appliquée ici pour l’instant : {{message}}',
    open: 'Ouvrir',
    total_zero: '{{count}} modifications',
    total_one: '{{count}} modification',
    total_two: '{{count}} modifications',
    total_few: '{{count}} modifications',
    total_many: '{{count}} modifications',
    total_other: '{{count}} modifications',
  },
  join: {
    title: 'Rejoindre un serveur',
    description:
      'Ce poste est vide. Rejoignez le serveur Partner Desk de votre déploiement : vos données viennent du serveur, vous vous connectez avec votre compte du serveur et vous pouvez ensuite travailler hors ligne.',
    serverUrl: 'Adresse du serveur',
    serverUrlHint:
      'https://… telle que votre administrateur l’a donnée (http:// seulement pour un serveur sur cette machine).',
    fingerprint: 'Empreinte du certificat du serveur (SHA-256)',
    fingerprintHint:
      'Les 64 chiffres hexadécimaux que le serveur affiche au démarrage ; les deux-points sont acceptés. Ce poste ne parle qu’au serveur qui a ce certificat.',
    login: 'Votre identifiant ou e-mail sur le serveur',
    password: 'Votre mot de passe sur le serveur',
    deskName: 'Nom de ce poste',
    deskNameHint: 'Le nom sous lequel le serveur liste ce poste (par exemple « Portable du bureau d’enregistrement »).',
    submit: 'Rejoindre le serveur',
    joining: 'Connexion au serveur…',
    cancel: 'Annuler',
    cancelled: 'Annulé : ce poste est de nouveau vide et pourra rejoindre le serveur plus tard.',
    progress: 'Téléchargement des données du serveur : {{done}} sur {{total}}',
    progressUnknown: 'Connexion au serveur…',
    codesTitle: 'Ce que signifient les erreurs de synchronisation',
    explain: 'Que faire',
  },
  codes: {
    PD_SYNC_001:
      'Le serveur ne connaît pas ce poste pour votre compte (il a été supprimé, ou la clé du poste est fausse). Rejoignez à nouveau depuis un poste vide.',
    PD_SYNC_002:
      'Il manque au serveur des modifications antérieures de ce poste (il a été restauré depuis une sauvegarde). Le poste les renvoie de lui-même.',
    PD_SYNC_003:
      'Des modifications envoyées n’appartiennent pas à ce poste ou à son utilisateur. Seul l’utilisateur qui a relié le poste peut y faire des modifications.',
    PD_SYNC_004:
      'Cette modification ne se fait que sur le serveur (par exemple le réglage du gel ou les racines de test) ; faites-la là-bas.',
    PD_SYNC_005:
      'Sur un poste relié, c’est le serveur qui le fait (inscription, tâches planifiées, certificat signé par MOSIP). Synchronisez le poste pour obtenir le résultat.',
    PD_SYNC_006:
      'Le poste est resté sans synchronisation plus longtemps que l’administrateur ne le permet. Connectez-vous au réseau et appuyez sur « Synchroniser » ; les modifications refonctionnent après la synchronisation.',
    PD_SYNC_007:
      'Le serveur n’a pas répondu (réseau coupé, serveur arrêté, adresse ou port erronés). Rien n’est perdu : les modifications attendent dans la file et partent au retour du serveur.',
    PD_SYNC_008:
      'Le certificat du serveur n’est pas celui dont vous avez saisi l’empreinte, ou un serveur distant a été donné sans https ni empreinte. Vérifiez l’empreinte avec votre administrateur ; ne rejoignez jamais un serveur que vous ne pouvez pas vérifier.',
    PD_SYNC_009:
      'Ce poste n’est relié à aucun serveur, ou ce Partner Desk ne peut pas en rejoindre (le serveur lui-même, ou une page du serveur dans un navigateur).',
    PD_SYNC_010:
      'Seul un poste neuf et vide peut rejoindre un serveur : celui-ci a déjà un administrateur ou des données. Utilisez un nouveau dossier de données.',
    PD_SYNC_011: 'L’adresse répond, mais ce n’est pas un serveur Partner Desk qui sert des postes. Vérifiez l’adresse.',
    PD_SYNC_012:
      'Le serveur a été restauré à un état antérieur. Le poste télécharge tout à nouveau ; les modifications en attente sont renvoyées.',
    PD_SYNC_013:
      'La synchronisation a été annulée sur ce poste. Rien n’est perdu ; « Synchroniser » reprend là où elle s’est arrêtée.',
  },
  settings: {
    title: 'Paramètres',
    description: 'Paramètres de ce déploiement.',
    syncTitle: 'Synchronisation des postes',
    freezeDays: 'Jours sans synchronisation permis à un poste',
    freezeHint:
      '0 signifie jamais. Au-delà de ce nombre de jours sans synchronisation complète, un poste refuse les nouvelles modifications jusqu’à sa synchronisation (le gel du client d’enregistrement).',
    save: 'Enregistrer',
    saving: 'Enregistrement…',
    saved: 'Enregistré : les postes l’appliquent à leur prochaine synchronisation.',
    onDesk:
      'Ce poste est relié à un serveur : le gel se règle sur le serveur. Voici la valeur de sa dernière synchronisation.',
  },
  apiKey: {
    offline:
      'Ce poste est relié à un serveur : la clé ne fonctionne qu’une fois acceptée par le serveur. D’ici là, les services d’authentification la refusent.',
    pending_zero:
      'Elle n’a pas encore atteint le serveur : {{count}} modifications attendent d’être envoyées (voir la file de synchronisation).',
    pending_one:
      'Elle n’a pas encore atteint le serveur : {{count}} modification attend d’être envoyée (voir la file de synchronisation).',
    pending_two:
      'Elle n’a pas encore atteint le serveur : {{count}} modifications attendent d’être envoyées (voir la file de synchronisation).',
    pending_few:
      'Elle n’a pas encore atteint le serveur : {{count}} modifications attendent d’être envoyées (voir la file de synchronisation).',
    pending_many:
      'Elle n’a pas encore atteint le serveur : {{count}} modifications attendent d’être envoyées (voir la file de synchronisation).',
    pending_other:
      'Elle n’a pas encore atteint le serveur : {{count}} modifications attendent d’être envoyées (voir la file de synchronisation).',
  },
};

export default syncFr;
