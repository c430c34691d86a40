import type { Catalogue } from './en.js';

type P = Record<string, string | number>;
const s = (p: P, k: string) => String(p[k] ?? '');

export const fr: Catalogue = {
  'file.not-found': () => `fichier introuvable`,
  'file.is-directory': () => `c'est un dossier ; un fichier est attendu`,
  'file.unreadable': (p: P) => `impossible de lire ce fichier (${s(p, 'reason')})`,
  'file.too-large': (p: P) => `fichier trop volumineux (${s(p, 'size')}) ; la limite est de ${s(p, 'limit')}`,
  'file.empty': () => `le fichier est vide`,
  'file.binary': () => `ce fichier semble binaire, pas du texte ; un fichier YAML ou JSON est attendu`,
  'file.utf16': () => `le fichier est encodé en UTF-16 ; enregistrez-le en UTF-8`,
  'file.not-utf8': () => `le fichier n'est pas un texte UTF-8 valide ; enregistrez-le en UTF-8`,
  'file.unknown-extension': (p: P) =>
    `format de ${s(p, 'file')} inconnu ; extensions attendues : .yaml, .yml ou .json`,

  'yaml.syntax': (p: P) => `YAML invalide : ${s(p, 'detail')}`,
  'yaml.duplicate-key': (p: P) =>
    `clé en double${p.key ? ` « ${s(p, 'key')} »` : ''} : chaque clé ne peut apparaître qu'une fois`,
  'yaml.alias': () => `les alias et ancres YAML (& et *) ne sont pas acceptés ; écrivez la valeur en entier`,
  'yaml.merge': () => `les clés de fusion YAML (<<) ne sont pas acceptées ; écrivez les clés en entier`,
  'yaml.tag': (p: P) => `l'étiquette YAML ${s(p, 'tag')} n'est pas acceptée`,
  'yaml.too-deep': () => `le document est imbriqué trop profondément`,
  'yaml.not-mapping': () => `une liste de clés et de valeurs est attendue en haut du fichier`,
  'yaml.bad-indent': () => `YAML invalide : mauvaise indentation`,
  'yaml.tab-indent': () => `YAML invalide : une tabulation sert d'indentation ; utilisez des espaces`,
  'yaml.missing-char': () => `YAML invalide : un guillemet, un crochet ou une accolade fermante manque`,
  'yaml.unexpected': () => `YAML invalide : caractère inattendu ici`,
  'yaml.implicit-key': () => `YAML invalide : une clé doit tenir sur une ligne ; vérifiez l'indentation et le « : » après la clé`,
  'yaml.scalar-start': () => `YAML invalide : une valeur ne peut pas commencer par ce caractère ; mettez-la entre guillemets`,
  'yaml.escape': () => `YAML invalide : séquence d'échappement invalide entre guillemets`,
  'yaml.multiple-docs': () => `un seul document par fichier est accepté (un second « --- » a été trouvé)`,
  'json.syntax': (p: P) => `JSON invalide : ${s(p, 'detail')}`,

  'schema.required': (p: P) => `« ${s(p, 'key')} » manquant`,
  'schema.type': (p: P) => `${s(p, 'expected')} attendu, trouvé ${s(p, 'found')}`,
  'schema.unknown-key': (p: P) =>
    `clé inconnue « ${s(p, 'key')} »${p.expected ? ` (attendu : ${s(p, 'expected')})` : ''}`,
  'schema.too-small': (p: P) => `valeur trop petite : au moins ${s(p, 'min')} attendu`,
  'schema.too-big': (p: P) => `valeur trop grande : au plus ${s(p, 'max')} attendu`,
  'schema.too-short': (p: P) => `trop court : au moins ${s(p, 'min')} élément(s) ou caractère(s) attendu(s)`,
  'schema.too-long': (p: P) => `trop long : au plus ${s(p, 'max')} élément(s) ou caractère(s) attendu(s)`,
  'schema.format': (p: P) => `valeur invalide${p.found ? ` ${s(p, 'found')}` : ''} : ${s(p, 'expected')} attendu`,
  'schema.enum': (p: P) => `valeur invalide ${s(p, 'found')} : attendu l'une de ${s(p, 'expected')}`,
  'format.id': () => 'un identifiant en minuscules, chiffres, « - » et « . » (ex. vision.objectives)',
  'format.semver': () => 'une version MAJEURE.MINEURE.CORRECTIF (ex. 1.0.0)',
  'format.questionnaire-ref': () => "l'identifiant et la version d'un questionnaire (ex. sm-maturity@1.0.0)",
  'format.date': () => 'une date AAAA-MM-JJ (ex. 2026-11-23)',
  'schema.integer': () => `un nombre entier est attendu`,
  'schema.answer-entry': () =>
    `réponse invalide : attendu une valeur, « unknown », { value: …, note: … } ou { na: "raison" }`,
  'schema.condition': () =>
    `condition invalide : attendu { answer: id, … }, { context: id, … }, all, any ou not`,
  'schema.invalid': () => `valeur invalide`,
  'type.string': () => 'un texte',
  'type.number': () => 'un nombre',
  'type.boolean': () => 'true ou false',
  'type.object': () => 'une liste clé: valeur',
  'type.array': () => 'une liste',
  'type.null': () => 'rien',
  'type.undefined': () => 'rien',

  'answers.unknown-question': (p: P) =>
    `identifiant de question inconnu « ${s(p, 'id')} »${p.hint ? ` ; vouliez-vous dire « ${s(p, 'hint')} » ?` : ''} (voir ${s(p, 'questionnaire')})`,
  'answers.scale-value': (p: P) =>
    `${s(p, 'value')} est hors échelle pour « ${s(p, 'id')} » : attendu l'une des valeurs ${s(p, 'expected')}, ou unknown`,
  'answers.number-range': (p: P) =>
    `${s(p, 'value')} est hors limites pour « ${s(p, 'id')} » : attendu un nombre de ${s(p, 'min')} à ${s(p, 'max')} (${s(p, 'unit')})`,
  'answers.option': (p: P) =>
    `« ${s(p, 'value')} » n'est pas une option de « ${s(p, 'id')} » : attendu l'une de ${s(p, 'expected')}`,
  'answers.type': (p: P) => `type de réponse inattendu pour « ${s(p, 'id')} » : attendu ${s(p, 'expected')}`,
  'answers.duplicate-option': (p: P) => `l'option « ${s(p, 'value')} » est donnée deux fois`,
  'answers.exclusive-option': (p: P) => `l'option « ${s(p, 'value')} » ne peut pas être combinée avec d'autres`,
  'answers.unknown-context': (p: P) =>
    `clé de contexte inconnue « ${s(p, 'id')} » (attendu : ${s(p, 'expected')})`,
  'answers.context-option': (p: P) =>
    `« ${s(p, 'value')} » n'est pas une option du contexte « ${s(p, 'id')} » : attendu l'une de ${s(p, 'expected')}`,
  'answers.context-single': (p: P) => `le contexte « ${s(p, 'id')} » prend une seule option, pas une liste`,
  'answers.date': (p: P) => `${s(p, 'value')} n'est pas une date réelle (AAAA-MM-JJ)`,
  'answers.other-questionnaire': (p: P) =>
    `ce fichier de réponses est pour le questionnaire « ${s(p, 'found')} », pas « ${s(p, 'expected')} »`,
  'answers.unknown-version': (p: P) =>
    `le questionnaire ${s(p, 'id')} n'a pas de version ${s(p, 'version')} ici (disponibles : ${s(p, 'available')})`,
  'answers.unanswered-strict': (p: P) =>
    `${s(p, 'count')} question(s) sans réponse avec --strict : ${s(p, 'ids')}`,
  'answers.kind.scale': (p: P) => `un nombre entier parmi ${s(p, 'expected')}`,
  'answers.kind.single': (p: P) => `une option parmi ${s(p, 'expected')}`,
  'answers.kind.multiple': (p: P) => `une liste d'options parmi ${s(p, 'expected')}`,
  'answers.kind.number': (p: P) => `un nombre de ${s(p, 'min')} à ${s(p, 'max')}`,
  'answers.kind.boolean': () => `oui ou non (true ou false)`,

  'questionnaire.not-found': (p: P) =>
    `aucun questionnaire « ${s(p, 'ref')} » (disponibles : ${s(p, 'available')})`,
  'questionnaire.duplicate-id': (p: P) => `l'identifiant « ${s(p, 'id')} » est utilisé plusieurs fois`,
  'questionnaire.unknown-ref': (p: P) => `« ${s(p, 'id')} » ne désigne aucun(e) ${s(p, 'kind')} de ce questionnaire`,
  'kind.principle': () => 'principe',
  'kind.level': () => 'niveau',
  'kind.source': () => 'source',
  'kind.objective': () => 'option de la question de contexte « objectives »',
  'kind.scale': () => 'échelle',
  'kind.role': () => 'rôle',
  'kind.context': () => 'question de contexte',
  'kind.question': () => 'question',
  'q.level-ranks': (p: P) => `les rangs des niveaux doivent aller de 1 à ${s(p, 'count')} sans trou (trouvé ${s(p, 'found')})`,
  'q.exclusive-single': () => `« exclusive » ne s'applique qu'aux questions à choix multiple`,
  'q.number-range': (p: P) => `max (${s(p, 'max')}) doit être supérieur à min (${s(p, 'min')})`,
  'q.number-scoring': () => `scoring.from et scoring.to doivent être différents`,
  'q.trigger-needs-when': () => `une recommandation avec trigger « answers » a besoin d'une condition « when »`,
  'q.cell-questions': (p: P) => `la cellule ${s(p, 'cell')} a ${s(p, 'count')} question(s) ; 2 à 4 attendues`,
  'q.cell-recommendations': (p: P) => `la cellule ${s(p, 'cell')} n'a aucune recommandation`,
  'q.reserved-option': (p: P) => `« ${s(p, 'id')} » est réservé à « je ne sais pas » et « sans objet »`,
  'q.cond-not-option': (p: P) => `${s(p, 'value')} n'est pas une option de « ${s(p, 'id')} »`,
  'q.cond-context-single': (p: P) => `le contexte « ${s(p, 'id')} » prend une seule option : utilisez is ou in`,
  'q.cond-context-multiple': (p: P) => `le contexte « ${s(p, 'id')} » prend plusieurs options : utilisez includes ou includesAny`,
  'q.cond-numbers': (p: P) => `« ${s(p, 'id')} » prend des nombres, pas ${s(p, 'value')}`,
  'q.cond-not-multiple': (p: P) => `« ${s(p, 'id')} » n'est pas à choix multiple : includes ne s'applique pas`,
  'q.cond-single': (p: P) => `« ${s(p, 'id')} » est à choix unique : utilisez is ou in`,
  'q.cond-multiple': (p: P) => `« ${s(p, 'id')} » est à choix multiple : utilisez includes`,
  'q.cond-boolean': (p: P) => `« ${s(p, 'id')} » est une question oui/non : utilisez is: true ou is: false`,
  'q.condition-never-true': () => `cette condition ne peut jamais être vraie`,
  'q.recommendation-never-applies': () => `cette recommandation ne peut jamais s'appliquer : sa condition ne peut jamais être vraie`,
  'q.variant-never-applies': () => `cette variante ne peut jamais être choisie : sa condition ne peut jamais être vraie`,
  'q.contradiction-never-true': () => `cette règle de contradiction ne peut jamais se déclencher : sa condition ne peut jamais être vraie`,
  'q.target-rule-unreachable': () => `cette règle de cible ne correspond à aucun contexte possible`,
  'q.target-rule-shadowed': (p: P) => `cette règle de cible ne s'applique jamais : la règle « ${s(p, 'rule')} » placée avant couvre tous ses contextes`,
  'q.schema-line': (p: P) => `la première ligne doit être : ${s(p, 'expected')}`,
  'q.file-name': (p: P) => `le nom du fichier doit être la version : ${s(p, 'expected')}`,
  'q.folder-name': (p: P) => `le nom du dossier doit être l'identifiant du questionnaire : ${s(p, 'expected')}`,
  'q.scale-values': (p: P) => `l'échelle « ${s(p, 'id')} » doit lister des entiers croissants sans trou (trouvé ${s(p, 'found')})`,
  'q.positive-weight': () => `un poids doit être un nombre positif`,
  'questionnaire.missing-text': (p: P) => `texte ${s(p, 'locale')} manquant`,

  'cli.unknown-option': (p: P) => `option inconnue ${s(p, 'option')} ; voir --help`,
  'cli.unknown-command': (p: P) => `commande inconnue « ${s(p, 'command')} » ; voir --help`,
  'cli.missing-argument': (p: P) => `argument ${s(p, 'name')} manquant ; voir --help`,
  'cli.option-argument': (p: P) => `l'option ${s(p, 'option')} attend une valeur ; voir --help`,
  'cli.excess-arguments': () => `trop d'arguments ; voir --help`,
  'cli.invalid-value': (p: P) =>
    `valeur invalide pour ${s(p, 'option')} : « ${s(p, 'value')} » ; attendu ${s(p, 'expected')}`,
  'cli.usage': (p: P) => `${s(p, 'detail')}`,
  'cli.no-terminal': () =>
    `aucun terminal pour poser les questions ; donnez un fichier de réponses : sm-diagnostic run --answers FICHIER`,
  'cli.interview-unavailable': () =>
    `l'entretien interactif n'est pas disponible dans cette version ; donnez un fichier de réponses : sm-diagnostic run --answers FICHIER`,
  'cli.exists': (p: P) => `${s(p, 'file')} existe déjà ; utilisez --force pour le remplacer`,
  'cli.write-failed': (p: P) => `impossible d'écrire ${s(p, 'file')} (${s(p, 'reason')})`,
  'cli.wrote': (p: P) => `écrit : ${s(p, 'file')}`,
  'cli.unanswered': (p: P) =>
    `${s(p, 'count')} question(s) sans réponse, comptée(s) comme « je ne sais pas » : ${s(p, 'ids')}`,
  'cli.hidden-answered': (p: P) =>
    `${s(p, 'count')} réponse(s) ignorée(s) car le contexte masque leur question : ${s(p, 'ids')}`,
  'cli.internal': (p: P) =>
    `erreur interne : ${s(p, 'detail')} (relancez avec --debug pour le détail, et signalez-la)`,
  'interview.interrupted': (p: P) =>
    `interrompu ; vos réponses sont gardées dans ${s(p, 'draft')}\nreprise : sm-diagnostic run --resume ${s(p, 'draft')}`,
  'interview.draft-other': (p: P) =>
    `${s(p, 'draft')} a été fait pour le questionnaire ${s(p, 'found')} ; cet entretien pose ${s(p, 'expected')}. Notez le brouillon avec run --answers ${s(p, 'draft')}, ou commencez un nouveau diagnostic`,
  'interview.no-draft': (p: P) => `aucun brouillon à reprendre dans ${s(p, 'draft')} ; lancez sans --resume`,
  'cli.error': () => 'erreur',
  'cli.interrupted': () => 'interrompu',
};
