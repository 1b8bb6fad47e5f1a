import type { DeepStringMap } from './types.ts';
import type notificationsEn from './notifications.en.ts';

const notificationsFr: DeepStringMap<typeof notificationsEn> = {
  bell: 'Notifications',
  bellUnread: 'Notifications, non lues : {{count}}',
  panelTitle: 'Dernières notifications',
  panelEmpty: 'Aucune notification active.',
  viewAll: 'Voir toutes les notifications',
  dismiss: 'Ignorer',
  dismissLabel: 'Ignorer : {{what}}',
  title: 'Notifications',
  description:
    'Ce qui expire bientôt, annoncé comme le fait MOSIP : 30 et 15 jours avant, puis chaque jour de 10 jours jusqu’au jour d’expiration. Les notifications sont conservées 60 jours.',
  empty: 'Aucune notification ne correspond.',
  columns: {
    created: 'Reçue le',
    type: 'Type',
    item: 'Élément qui expire',
    expires: 'Date d’expiration',
    status: 'Statut',
    actions: 'Actions',
  },
  type: {
    ROOT_CERT_EXPIRY: 'Certificat d’AC racine',
    INTERMEDIATE_CERT_EXPIRY: 'Certificat d’AC intermédiaire',
    PARTNER_CERT_EXPIRY: 'Certificat de partenaire',
    FTM_CHIP_CERT_EXPIRY: 'Certificat de puce FTM',
    SBI_EXPIRY: 'SBI',
    API_KEY_EXPIRY: 'Clé d’API',
    WEEKLY_SUMMARY: 'Récapitulatif hebdomadaire',
  },
  status: { ACTIVE: 'Active', DISMISSED: 'Ignorée' },
  what: {
    ROOT_CERT_EXPIRY: 'Le certificat d’AC racine « {{name}} » ({{domain}})',
    INTERMEDIATE_CERT_EXPIRY: 'Le certificat d’AC intermédiaire « {{name}} » ({{domain}})',
    PARTNER_CERT_EXPIRY: 'Le certificat de partenaire de {{partner}} ({{domain}})',
    FTM_CHIP_CERT_EXPIRY: 'Le certificat de la puce FTM {{name}} de {{partner}}',
    SBI_EXPIRY: 'Le SBI {{name}} de {{partner}}',
    API_KEY_EXPIRY: 'La clé d’API « {{name}} » de {{partner}}',
  },
  expiresOn: '{{what}} expire le {{date}}.',
  expiresToday: '{{what}} expire aujourd’hui.',
  weekly:
    'Expirent dans les 7 prochains jours : certificats de partenaire {{certs}}, certificats de puce FTM {{ftm}}, SBI {{sbis}}, clés d’API {{keys}}.',
  weeklyNone: 'Rien n’expire dans les 7 prochains jours.',
  renew: {
    ROOT_CERT_EXPIRY: 'Ouvrir le certificat',
    INTERMEDIATE_CERT_EXPIRY: 'Ouvrir le certificat',
    PARTNER_CERT_EXPIRY: 'Téléverser à nouveau le certificat',
    FTM_CHIP_CERT_EXPIRY: 'Téléverser à nouveau le certificat de la puce',
    SBI_EXPIRY: 'Ouvrir le SBI',
    API_KEY_EXPIRY: 'Renouveler la clé d’API',
  },
  filters: {
    type: 'Type',
    status: 'Statut',
    itemName: 'Le nom contient',
    expiryDate: 'Date d’expiration',
  },
  mail: {
    title: 'Envoi des courriels',
    summary: 'En attente : {{pending}} · Nouvel essai : {{retrying}} · Envoyés : {{sent}}',
    failing: '{{type}} : {{attempts}} tentatives, prochaine le {{next}} — {{error}}',
    retry: 'Réessayer maintenant',
    retried: 'Envoyés : {{sent}}, en échec : {{failed}}.',
  },
};

export default notificationsFr;
