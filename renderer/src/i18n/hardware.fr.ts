import type hardwareEn from './hardware.en.ts';
import type { DeepStringMap } from './types.ts';

const hardwareFr: DeepStringMap<typeof hardwareEn> = {
  nav: { hardware: 'Périphériques et matériel' },
  title: 'Périphériques et matériel',
  description:
    'Les périphériques branchés sur cette machine, les services SBI sur 127.0.0.1 et les puces FTM. Les listes suivent les branchements et débranchements.',
  scanAgain: 'Analyser à nouveau',
  scanning: 'Analyse…',
  links: { virtual: 'SBI virtuel' },
  status: {
    Ready: 'Prêt',
    Busy: 'Occupé',
    'Not Ready': 'Pas prêt',
    'Not Registered': 'Non enregistré',
  },
  checks: { pass: 'Réussi', fail: 'Échoué', skip: 'Ignoré', none: 'Aucun contrôle.', code: 'Code' },
  usb: {
    title: 'Périphériques USB',
    none: 'Pas d’accès USB sur cette machine',
    empty: 'Aucun périphérique USB trouvé.',
    unknown: 'Périphérique inconnu',
    cols: {
      name: 'Périphérique',
      modality: 'Modalité',
      ids: 'Fabricant:Produit',
      maker: 'Fabricant / produit',
      serial: 'Numéro de série',
    },
    modality: { Finger: 'Empreinte digitale', Iris: 'Iris', Face: 'Visage', FTM: 'Puce FTM' },
  },
  sbi: {
    title: 'Périphériques SBI',
    scanned: 'Ports {{from}}–{{to}} sur 127.0.0.1, analysés le {{time}}.',
    empty:
      'Aucun SBI n’a répondu sur les ports {{from}}–{{to}}. Démarrez le service du périphérique ou le SBI virtuel, puis analysez à nouveau.',
    problems: 'Ports qui ont répondu, mais pas comme un SBI : {{n}}',
    cols: {
      port: 'Port',
      deviceId: 'ID du périphérique',
      deviceCode: 'deviceCode',
      serialNo: 'serialNo (ID numérique)',
      type: 'Type / sous-type',
      status: 'État',
      certification: 'Certification',
      purpose: 'Usage',
      verified: 'Vérifié',
      actions: 'Actions',
    },
    verified: 'Vérifié',
    notVerified: 'Non vérifié',
    unsigned: 'Non signé',
    deviceError: 'Erreur {{code}} :',
    needsReadyShort: 'Doit être prêt',
    advice: {
      Busy: 'Le périphérique est occupé par une autre application. Attendez, ou fermez cette application, puis analysez à nouveau.',
      'Not Ready':
        'Le périphérique n’est pas prêt : il est peut-être débranché, en préchauffage ou en panne. Vérifiez-le, puis analysez à nouveau.',
      'Not Registered':
        'Le périphérique n’a pas encore de certificat de périphérique délivré par son serveur de gestion : ce qu’il annonce n’est pas signé et ne prouve rien. Enregistrez-le auprès du serveur de gestion du fournisseur, puis analysez à nouveau.',
      needsReady: 'L’intégration, le banc de conformité et la vue en direct demandent un périphérique prêt.',
    },
    finding: 'Constat',
    findings: {
      SBI_DEVICE_CODE_DIFFERS:
        'Le deviceCode {{deviceCode}} diffère du serialNo {{serialNo}} de l’ID numérique ; la spécification les veut égaux.',
      SBI_SERIAL_NO_RULE:
        'Le serialNo {{serialNo}} enfreint la règle de la spécification : au moins 12 lettres ou chiffres.',
    },
    details: 'Contrôles',
    hideDetails: 'Masquer les contrôles',
    actions: { onboard: 'Intégrer', live: 'Vue en direct', bench: 'Banc de conformité' },
  },
  chips: {
    title: 'Puces FTM',
    empty: 'Aucune puce FTM trouvée.',
    virtual: 'Virtuelle',
    onboard: 'Intégrer la puce',
  },
  prefill: {
    note: 'Pré-rempli depuis le périphérique {{deviceId}} sur le port {{port}}. Vérifiez les valeurs avant d’envoyer.',
  },
  onboard: {
    title: 'Intégrer un périphérique',
    description:
      'Le périphérique est lu et ses informations signées sont vérifiées. Enregistrez-le avec les valeurs qu’il annonce.',
    partner: 'ID partenaire',
    reading: 'Lecture du périphérique…',
    readAgain: 'Relire',
    noDevice: 'Aucun périphérique choisi. Ouvrez cette page depuis la liste des périphériques.',
    device: 'Ce que le périphérique annonce',
    verifiedOk:
      'Les informations du périphérique sont signées par une clé de périphérique de confiance et sont à jour.',
    verifiedBad:
      'Les informations du périphérique n’ont pas pu être vérifiées. Les valeurs ci-dessous viennent d’un périphérique non vérifié : voir les contrôles.',
    unsigned:
      'Les informations du périphérique ne sont pas signées (le périphérique n’est pas enregistré) : rien ci-dessous n’est vérifié.',
    facts: {
      serviceVersion: 'Version du service',
      specVersion: 'Versions de la spécification',
      deviceCode: 'deviceCode',
      serial: 'serialNo (ID numérique)',
      provider: 'Fournisseur du périphérique',
    },
    checks: 'Contrôles de vérification',
    mismatches: {
      title: 'Périphérique et registre',
      nearest:
        'Cet appareil n’est pas encore enregistré. La marque et le modèle sont comparés à votre dernier appareil enregistré du même type : {{make}} {{model}}.',
      none: 'Le registre concorde avec le périphérique.',
      field: 'Champ',
      device: 'Selon le périphérique',
      registry: 'Selon le registre',
      missing: 'Non enregistré',
    },
    registered: 'Ce périphérique est déjà enregistré sous {{id}}.',
    viewRegistered: 'Voir le périphérique',
    prefill: {
      title: 'Valeurs pour l’enregistrement',
      sbiVersion: 'Version du SBI',
      devices: 'Périphériques',
    },
    addSbi: 'Ajouter le SBI avec ces valeurs',
    addDevices: 'Ajouter les périphériques avec ces valeurs',
    chooseSbi: 'SBI auquel rattacher les périphériques',
    sbiOption: 'SBI {{version}} ({{id}})',
    noLiveSbi:
      'Aucun SBI approuvé de ce partenaire ne peut encore recevoir de périphériques : ajoutez d’abord le SBI et attendez son approbation.',
  },
  live: {
    title: 'Vue en direct',
    description: 'Flux en direct du périphérique {{deviceId}} sur le port {{port}}, affiché à l’arrivée des images.',
    starting: 'Démarrage du flux…',
    live: 'En direct',
    stopped: 'Arrêté',
    failed: 'Le flux n’a pas pu démarrer.',
    frames: 'Images reçues : {{n}}',
    subId: 'Sous-périphérique',
    stop: 'Arrêter',
    restart: 'Redémarrer',
    waiting: 'En attente de la première image…',
    alt: 'Image en direct du périphérique {{deviceId}}',
  },
  bench: {
    title: 'Banc de conformité SBI',
    description:
      'Exécute les cas de test de conformité qui s’appliquent au périphérique et à l’usage, et rapporte chaque contrôle avec sa raison.',
    device: 'Périphérique',
    chooseDevice: 'Choisir un périphérique',
    purpose: 'Usage',
    choosePurpose: 'Choisir un usage',
    purposes: { Registration: 'Enrôlement', Auth: 'Authentification' },
    noDevice: 'Aucun périphérique SBI trouvé. Analysez à nouveau depuis l’écran du matériel.',
    autoPrompts: 'Laisser le banc agir lui-même sur le périphérique virtuel',
    autoPromptsHint:
      'Pour le SBI virtuel uniquement : là où un testeur changerait l’état du périphérique ou renouvellerait sa clé, le banc le fait par l’interface d’administration du périphérique, sans vous le demander.',
    cases: {
      title: 'Cas applicables : {{n}}',
      show: 'Afficher les cas',
      empty: 'Aucun cas ne s’applique à ce périphérique et à cet usage.',
      needsYou: 'Vous demande d’agir',
      wait: 'Attend {{seconds}} s',
    },
    run: {
      title: 'Exécution',
      start: 'Lancer le banc',
      cancel: 'Annuler l’exécution',
      count: '{{done}} cas sur {{total}}',
      cancelledNote: 'L’exécution a été annulée. Le rapport contient les cas terminés.',
    },
    state: {
      running: 'En cours',
      prompt: 'Vous attend',
      done: 'Terminé',
      cancelled: 'Annulé',
      failed: 'Échoué',
    },
    prompt: {
      title: 'Votre action est nécessaire',
      howVirtual:
        'Sur le SBI virtuel : Périphériques et matériel › SBI virtuel offre ces commandes (l’état de chaque appareil, Renouveler les clés, le délai de réponse). Ou laissez cette fenêtre le faire sur l’appareil pour vous.',
      howReal:
        'Sur un appareil réel : utilisez ses propres commandes ou l’outil de son fabricant. Le banc vérifie les réponses de l’appareil après Terminé.',
      actForMe: 'Le faire sur l’appareil virtuel',
      help: 'Le banc attend que vous l’ayez fait. « Fait » poursuit le cas ; « Ignorer » le marque comme ignoré.',
      done: 'Fait',
      skip: 'Ignorer',
      action: {
        setStatus: 'Mettez le périphérique {{deviceId}} dans l’état « {{status}} », puis choisissez Fait.',
        rotateKeys: 'Renouvelez la clé de signature du périphérique {{deviceId}}, puis choisissez Fait.',
        withholdInput:
          'Ne présentez rien au périphérique {{deviceId}} : sa capture doit attendre tout le délai ({{seconds}} s). Choisissez Fait quand vous êtes prêt.',
        restoreStatus: 'Remettez le périphérique {{deviceId}} dans l’état « {{status}} », puis choisissez Fait.',
        restore: 'Le périphérique {{deviceId}} peut de nouveau capturer normalement ; choisissez Fait.',
      },
    },
    results: {
      title: 'Résultats',
      summary: 'Réussis : {{pass}} · Échoués : {{fail}} · Ignorés : {{skip}}',
      empty: 'Aucun cas n’est encore terminé.',
      checkCount: 'Contrôles : {{n}}, échoués : {{failed}}',
      expand: 'Afficher les contrôles',
      collapse: 'Masquer les contrôles',
    },
    export: { json: 'Exporter en JSON', html: 'Rapport imprimable' },
  },
  ftm: {
    title: 'Intégrer une puce FTM',
    description:
      'Le certificat de la puce est lu par HID, la puce prouve qu’elle détient la clé en signant un défi aléatoire neuf, et le certificat est téléversé pour l’une de vos puces FTM.',
    chip: 'Puce sur cette machine',
    chooseChip: 'Choisir une puce',
    noChips: 'Aucune puce FTM trouvée. Branchez la puce, ou démarrez le SBI virtuel qui apporte une puce virtuelle.',
    entry: 'Votre fiche de puce FTM',
    chooseEntry: 'Choisir la fiche pour laquelle téléverser le certificat',
    entryOption: '{{make}} {{model}} — {{status}}',
    noEntry: 'Aucune de vos puces FTM ne peut recevoir de certificat pour l’instant.',
    read: 'Lire la puce',
    reading: 'Lecture de la puce…',
    readingTitle: 'Ce que la puce annonce',
    serial: 'Numéro de série',
    firmware: 'Micrologiciel',
    differs: 'La puce annonce {{chipMake}} {{chipModel}}, la fiche choisie est {{make}} {{model}}.',
    possession: 'Preuve de possession',
    possessionHelp:
      'La puce a signé un défi aléatoire neuf ; la signature a été vérifiée avec la clé publique de son certificat.',
    trust: 'Confiance de la chaîne',
    trustHelp: 'La chaîne de certificats a été vérifiée avec le magasin de confiance FTM.',
    verified: 'vérifiée',
    failed: 'échouée',
    chain: 'Chaîne de certificats',
    notAfter: 'Valide jusqu’au',
    upload: 'Téléverser ce certificat',
    blocked:
      'Le certificat peut être téléversé quand la possession et la confiance de la chaîne sont toutes deux vérifiées.',
    success: 'Le certificat de la puce est téléversé pour {{make}} {{model}}.',
    viewList: 'Aller aux puces FTM',
  },
  virtual: {
    title: 'SBI virtuel',
    description:
      'Un service SBI simulé, avec des périphériques et une puce FTM qui parlent les vrais protocoles, pour les démonstrations, la formation et les tests.',
    service: 'Service',
    running: 'En marche sur 127.0.0.1:{{port}}',
    stopped: 'Arrêté',
    start: 'Démarrer',
    stop: 'Arrêter',
    notRunning: 'Démarrez le SBI virtuel pour utiliser ses périphériques.',
    delay: 'Délai de réponse (ms)',
    apply: 'Appliquer',
    fault: 'Injection de défauts',
    faultHelp:
      'Pour la formation : les périphériques répondent avec ce défaut, et l’intégration et le banc montrent comment il est détecté.',
    faults: {
      none: 'Aucun défaut',
      'bad-signature': 'Signature invalide',
      'wrong-hash': 'Chaîne de hachage fausse',
      'millisecond-timestamps': 'Horodatages avec millisecondes',
      'early-timeout': 'Abandonne avant le délai',
      'wrong-count': 'Mauvais nombre de biométries',
    },
    devices: 'Périphériques',
    cols: {
      device: 'Périphérique',
      type: 'Type / usage',
      status: 'État',
      quality: 'Score de qualité',
      keys: 'Clés',
    },
    rotate: 'Renouveler les clés',
    rotateAll: 'Renouveler les clés de tous les périphériques',
    trust: {
      title: 'Magasin de confiance',
      trusted: 'Les racines des périphériques virtuels sont dans le magasin de confiance (domaines DEVICE et FTM).',
      notTrusted:
        'Les racines des périphériques virtuels ne sont pas encore de confiance : les périphériques virtuels échouent aux contrôles de confiance d’ici là.',
      action: 'Faire confiance aux racines des périphériques virtuels',
      confirmWarning:
        'Ce sont des racines de test. Leurs clés privées sont conservées dans le dossier de données de ce poste : quiconque peut le lire pourrait émettre des certificats de périphérique et FTM acceptés par le magasin de confiance. Ne leur faites confiance que sur une installation de test ou de démonstration.',
      confirm: 'Faire confiance aux racines de test sur cette installation',
      done: 'Ajoutées : {{added}} · Déjà présentes : {{present}}',
    },
  },
};

export default hardwareFr;
