import type { Locale } from '../model/common.js';

type P = Record<string, string | number>;

const en = {
  welcome: (p: P) =>
    `sm-diagnostic — ${p.title}\n\n` +
    `About ${p.minutes} minutes: ${p.count} questions on how your organisation uses social media and\n` +
    `collaborative tools, principle by principle. Every question accepts "don't know" and "not applicable".\n` +
    `Each answer is saved as you go in ${p.draft}; Ctrl+C stops and keeps them (resume with --resume).\n` +
    `At the end you get a report on screen and in ${p.out}.\n`,
  currentFolder: () => 'the current folder',
  resumed: (p: P) => `Resuming ${p.draft}: ${p.done} of ${p.count} questions already answered.\n`,
  language: () => 'Language of the questionnaire / Langue du questionnaire',
  organisation: () => 'Name of the organisation',
  organisationRequired: () => 'Please give a name (it is used in the report and the file names).',
  role: () => 'Your role',
  roles: {
    direction: 'Top management',
    communication: 'Communication',
    marketing: 'Marketing',
    'community-manager': 'Community manager',
    it: 'IT',
    hr: 'Human resources',
    staff: 'Staff member',
    other: 'Other',
  } as Record<string, string>,
  contextIntro: () => 'First, a few questions about the organisation (they are not scored).',
  atLeastOne: () => 'Choose at least one.',
  header: (p: P) => `[${p.n}/${p.count}] ${p.principle} · level ${p.level} — ${p.levelTitle}`,
  dontKnow: () => "Don't know",
  notApplicable: () => 'Not applicable…',
  addNote: () => 'Add a note (evidence, context)…',
  editNote: (p: P) => `Change the note (“${p.note}”)…`,
  showHelp: () => 'Help on this question',
  back: () => '← Previous question',
  naReason: () => 'Why does it not apply?',
  naReasonRequired: () => 'Give a short reason, so the report can say why.',
  note: () => 'Note (Enter to leave empty)',
  noHelp: () => 'No help for this question.',
  numberHint: (p: P) => `a number from ${p.min} to ${p.max} (${p.unit}); ? don't know · na not applicable · h help · < back`,
  numberInvalid: (p: P) => `Expected a number from ${p.min} to ${p.max}, or ?, na, h, <.`,
  checkboxHint: () => 'Space to tick, Enter to confirm. Tick nothing for none.',
  specialAlone: () => 'Choose this one alone.',
  review: () => 'Review your answers: choose one to change it, or finish.',
  finish: () => '✔ Finish and see the report',
  yes: () => 'Yes',
  no: () => 'No',
  unanswered: () => '(unanswered)',
  wroteAnswers: (p: P) => `Answers saved in ${p.file}`,
  draftFound: (p: P) => `A draft for ${p.organisation} (${p.done} answers) is in ${p.draft}.`,
  resume: () => 'Resume it',
  startOver: () => 'Start a new diagnostic (the draft will be replaced)',
};

export type InterviewStrings = typeof en;

const fr: InterviewStrings = {
  welcome: (p: P) =>
    `sm-diagnostic — ${p.title}\n\n` +
    `Environ ${p.minutes} minutes : ${p.count} questions sur la façon dont votre organisation utilise les médias\n` +
    `sociaux et les outils collaboratifs, principe par principe. Chaque question accepte « je ne sais pas » et « sans objet ».\n` +
    `Chaque réponse est enregistrée au fur et à mesure dans ${p.draft} ; Ctrl+C arrête en les gardant (reprise avec --resume).\n` +
    `À la fin, vous obtenez un rapport à l'écran et dans ${p.out}.\n`,
  currentFolder: () => 'le dossier courant',
  resumed: (p: P) => `Reprise de ${p.draft} : ${p.done} question(s) sur ${p.count} déjà répondue(s).\n`,
  language: () => 'Langue du questionnaire / Language of the questionnaire',
  organisation: () => "Nom de l'organisation",
  organisationRequired: () => 'Donnez un nom (il sert dans le rapport et les noms de fichiers).',
  role: () => 'Votre fonction',
  roles: {
    direction: 'Direction',
    communication: 'Communication',
    marketing: 'Marketing',
    'community-manager': 'Community manager',
    it: 'Informatique',
    hr: 'Ressources humaines',
    staff: 'Collaborateur ou agent',
    other: 'Autre',
  },
  contextIntro: () => "D'abord, quelques questions sur l'organisation (elles ne sont pas notées).",
  atLeastOne: () => 'Choisissez-en au moins un.',
  header: (p: P) => `[${p.n}/${p.count}] ${p.principle} · niveau ${p.level} — ${p.levelTitle}`,
  dontKnow: () => 'Je ne sais pas',
  notApplicable: () => 'Sans objet…',
  addNote: () => 'Ajouter une note (preuve, contexte)…',
  editNote: (p: P) => `Modifier la note (« ${p.note} »)…`,
  showHelp: () => 'Aide sur cette question',
  back: () => '← Question précédente',
  naReason: () => 'Pourquoi est-ce sans objet ?',
  naReasonRequired: () => 'Donnez une courte raison, pour que le rapport puisse la citer.',
  note: () => 'Note (Entrée pour laisser vide)',
  noHelp: () => "Pas d'aide pour cette question.",
  numberHint: (p: P) =>
    `un nombre de ${p.min} à ${p.max} (${p.unit}) ; ? je ne sais pas · na sans objet · h aide · < retour`,
  numberInvalid: (p: P) => `Un nombre de ${p.min} à ${p.max} est attendu, ou ?, na, h, <.`,
  checkboxHint: () => 'Espace pour cocher, Entrée pour valider. Ne cochez rien pour « aucun ».',
  specialAlone: () => 'Choisissez celui-ci seul.',
  review: () => 'Relisez vos réponses : choisissez-en une pour la modifier, ou terminez.',
  finish: () => '✔ Terminer et voir le rapport',
  yes: () => 'Oui',
  no: () => 'Non',
  unanswered: () => '(sans réponse)',
  wroteAnswers: (p: P) => `Réponses enregistrées dans ${p.file}`,
  draftFound: (p: P) => `Un brouillon pour ${p.organisation} (${p.done} réponses) se trouve dans ${p.draft}.`,
  resume: () => 'Le reprendre',
  startOver: () => 'Commencer un nouveau diagnostic (le brouillon sera remplacé)',
};

export const INTERVIEW: Record<Locale, InterviewStrings> = { en, fr };
