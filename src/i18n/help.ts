import type { Locale } from '../model/common.js';

/** The words of `--help`, in both languages. */
const en = {
  usage: 'Usage',
  options: 'Options',
  commands: 'Commands',
  examples: 'Examples',
  arguments: 'Arguments',
  program:
    'Diagnoses how far an organisation has integrated social media and 2.0 usages\n(vision, governance, value, resources, technology, legal) and says what to do next.',
  version: 'print the version',
  help: 'show this help',
  helpCommand: 'show the help of a command',
  run: 'interview on a terminal, or score an answers file (--answers); write the report',
  list: 'list the questionnaires and versions available',
  schema: 'print the JSON Schema of a questionnaire, an answers file or a result',
  schemaKind: 'questionnaire | answers | result',
  answers: 'answers file to score (YAML or JSON)',
  questionnaire: 'questionnaire: ID, ID@VERSION or a file (default: the one the answers name)',
  lang: 'language of the report and messages: fr | en (default: the answers file, then LANG)',
  out: 'folder for the report files (default: the current folder)',
  format: 'report formats, comma-separated: md, json (default: md,json)',
  target: 'target level 1-3, instead of the one the questionnaire chooses from the context',
  strict: 'fail (exit 2) when a question is unanswered',
  force: 'overwrite existing report files',
  json: 'print the JSON result on stdout (machine output; no files unless -o is given)',
  resume: 'continue an interrupted interview from its draft (default: sm-diagnostic-draft.yaml in the output folder)',
  quiet: 'print nothing but errors',
  noColor: 'no colours (also NO_COLOR=1)',
  debug: 'show stack traces on internal errors',
  exitCodes: 'Exit codes: 0 success · 1 findings · 2 usage or input error · 130 interrupted',
  runExamples: [
    ['sm-diagnostic', 'answer the questionnaire in the terminal'],
    ['sm-diagnostic run --answers mairie.yaml -o reports', 'score an answers file, write reports/…md and .json'],
    ['sm-diagnostic run --answers mairie.yaml --json | jq .overall', 'the result as JSON on stdout'],
    ['sm-diagnostic run --answers mairie.yaml --lang en --target 3', 'report in English, aiming at level 3'],
  ],
  listExamples: [['sm-diagnostic list --json', 'the questionnaires as JSON']],
  schemaExamples: [['sm-diagnostic schema answers > answers.schema.json', 'the JSON Schema of answers files']],
};

export type HelpStrings = typeof en;

const fr: HelpStrings = {
  usage: 'Utilisation',
  options: 'Options',
  commands: 'Commandes',
  examples: 'Exemples',
  arguments: 'Arguments',
  program:
    "Mesure jusqu'où une organisation a intégré les médias sociaux et les usages 2.0\n(vision, gouvernance, valeur, ressources, technologie, droit) et dit quoi faire ensuite.",
  version: 'affiche la version',
  help: "affiche cette aide",
  helpCommand: "affiche l'aide d'une commande",
  run: 'entretien dans le terminal, ou note un fichier de réponses (--answers) ; écrit le rapport',
  list: 'liste les questionnaires et versions disponibles',
  schema: "affiche le schéma JSON d'un questionnaire, d'un fichier de réponses ou d'un résultat",
  schemaKind: 'questionnaire | answers | result',
  answers: 'fichier de réponses à noter (YAML ou JSON)',
  questionnaire: 'questionnaire : ID, ID@VERSION ou un fichier (par défaut : celui que nomment les réponses)',
  lang: 'langue du rapport et des messages : fr | en (par défaut : le fichier de réponses, puis LANG)',
  out: 'dossier des fichiers du rapport (par défaut : le dossier courant)',
  format: 'formats du rapport, séparés par des virgules : md, json (par défaut : md,json)',
  target: 'niveau visé 1-3, au lieu de celui que le questionnaire choisit selon le contexte',
  strict: 'échoue (code 2) si une question est sans réponse',
  force: 'remplace les fichiers de rapport existants',
  json: 'affiche le résultat JSON sur la sortie standard (sans fichier, sauf avec -o)',
  resume: "reprend un entretien interrompu depuis son brouillon (par défaut : sm-diagnostic-draft.yaml dans le dossier de sortie)",
  quiet: "n'affiche que les erreurs",
  noColor: 'sans couleurs (aussi NO_COLOR=1)',
  debug: 'affiche la pile d’appels des erreurs internes',
  exitCodes: "Codes de sortie : 0 succès · 1 constats · 2 erreur d'utilisation ou de fichier · 130 interrompu",
  runExamples: [
    ['sm-diagnostic', 'répondre au questionnaire dans le terminal'],
    ['sm-diagnostic run --answers mairie.yaml -o rapports', 'noter un fichier de réponses, écrire rapports/…md et .json'],
    ['sm-diagnostic run --answers mairie.yaml --json | jq .overall', 'le résultat en JSON sur la sortie standard'],
    ['sm-diagnostic run --answers mairie.yaml --lang en --target 3', 'rapport en anglais, en visant le niveau 3'],
  ],
  listExamples: [['sm-diagnostic list --json', 'les questionnaires en JSON']],
  schemaExamples: [['sm-diagnostic schema answers > answers.schema.json', 'le schéma JSON des fichiers de réponses']],
};

export const HELP: Record<Locale, HelpStrings> = { en, fr };
