// Developer aid: validates a questionnaire file and prints its coverage figures.
// Usage: npm run build && node scripts/questionnaire-stats.mjs questionnaires/sm-maturity/1.0.0.yaml
import '../dist/src/model/schemas.js';
import { loadQuestionnaireFile } from '../dist/src/io/load.js';
import { checkQuestionnaire } from '../dist/src/model/check-questionnaire.js';
import { say } from '../dist/src/i18n/index.js';

const file = process.argv[2] ?? 'questionnaires/sm-maturity/1.0.0.yaml';
let loaded;
try {
  loaded = loadQuestionnaireFile(file);
} catch (error) {
  if (typeof error.describe === 'function') {
    console.error(error.describe('en', 100));
    process.exit(2);
  }
  throw error;
}
const q = loaded.questionnaire;
for (const f of checkQuestionnaire(q)) console.log(`${f.severity} ${f.rule} ${f.path.join('.')}: ${say('en', f.message)}`);
const cells = [];
for (const l of q.levels)
  for (const p of q.principles) {
    const n = q.questions.filter((x) => x.principle === p.id && x.level === l.rank).length;
    const r = q.recommendations.filter((x) => x.cell.principle === p.id && x.cell.level === l.rank).length;
    cells.push(`${p.id}.${l.rank}: ${n} questions, ${r} recommendations`);
  }
console.log(cells.join('\n'));
const byAnswers = q.recommendations.filter((r) => r.when || r.variants?.length || r.trigger === 'answers');
console.log(
  `questions: ${q.questions.length}; recommendations: ${q.recommendations.length} (${byAnswers.length} chosen or worded by answers); contradictions: ${q.contradictions.length}; target rules: ${q.target.rules.length}`,
);
console.log(`types: ${JSON.stringify(q.questions.reduce((a, x) => ((a[x.type] = (a[x.type] ?? 0) + 1), a), {}))}`);
