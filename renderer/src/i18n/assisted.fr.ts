import type assistedEn from './assisted.en.ts';
import type { DeepStringMap } from './types.ts';

const assistedFr: DeepStringMap<typeof assistedEn> = {
  title: 'Demandes assistées',
  description:
    'Authentifiez un demandeur avec le périphérique biométrique de ce poste, puis déposez sa demande pour lui.',
  new: 'Nouvelle demande assistée',
  newDescription: 'Le numéro d’identification du demandeur, le programme et son consentement.',
  idType: 'Type d’identifiant',
  individualId: 'Numéro d’identification (UIN ou VID)',
  program: 'Programme',
  chooseProgram: 'Choisissez un programme',
  consent:
    'Le demandeur consent à être authentifié par ses données biométriques et à partager ses informations avec ce programme.',
  open: 'Ouvrir',
  forApplicant: 'Demandeur {{id}}',
  states: {
    draft: 'Capture',
    waiting: 'En attente de connexion',
    authenticated: 'Authentifié',
    refused: 'Refusé',
    submitted: 'Déposée',
  },
  device: 'Périphérique d’authentification',
  noDevice: 'Aucun périphérique d’authentification trouvé sur ce poste.',
  rescan: 'Rechercher à nouveau',
  noPreview:
    'Un périphérique d’authentification n’affiche pas d’aperçu en direct (seuls les périphériques d’enregistrement diffusent) et chiffre l’échantillon pour le service d’identité : ce poste montre la qualité de chaque tentative, jamais l’image.',
  noDeviceFor: 'Aucun périphérique {{modality}} utilisable : branchez-en un ou relancez la recherche.',
  missingFingers: 'Doigts absents (exceptions)',
  fingers: {
    LeftThumb: 'Pouce gauche',
    LeftIndexFinger: 'Index gauche',
    LeftMiddleFinger: 'Majeur gauche',
    LeftRingFinger: 'Annulaire gauche',
    LeftLittleFinger: 'Auriculaire gauche',
    RightThumb: 'Pouce droit',
    RightIndexFinger: 'Index droit',
    RightMiddleFinger: 'Majeur droit',
    RightRingFinger: 'Annulaire droit',
    RightLittleFinger: 'Auriculaire droit',
  },
  modalities: { Finger: 'Empreinte digitale', Iris: 'Iris', Face: 'Visage' },
  threshold: 'seuil {{threshold}}',
  attemptsLeft: 'Essais restants : {{count}}',
  attempt: 'Essai {{n}} : qualité {{quality}} / {{threshold}}',
  passed: 'suffisante',
  belowThreshold: 'sous le seuil',
  capture: 'Capturer',
  retry: 'Capturer de nouveau',
  capturing: 'Capture…',
  capturingHint:
    'Capture en cours sur le périphérique ({{modality}}) : demandez au demandeur de ne pas bouger jusqu’à la fin.',
  qualityOf: 'Qualité de la tentative {{n}}',
  authenticate: 'Authentifier auprès du service d’identité',
  tryAgain: 'Réessayer maintenant',
  waiting:
    'En attente de connexion : le service d’identité est injoignable. La capture est conservée chiffrée jusqu’au {{until}} ; elle n’a pas été authentifiée.',
  restart: 'Capturer de nouveau',
  matched:
    'Le service d’identité a reconnu le demandeur. Ses informations consenties sont préremplies ; complétez le formulaire et déposez-le pour lui.',
  saveDraft: 'Enregistrer le brouillon',
  draftSaved: 'Brouillon enregistré.',
  submit: 'Déposer pour le demandeur',
  submittedAs: 'Déposée sous le numéro {{id}}.',
  cardCount: 'En attente de connexion ou à recapturer : {{n}}',
  assistedBy: 'Assistée par {{name}}',
};
export default assistedFr;
