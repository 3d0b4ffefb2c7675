#!/usr/bin/env node
/*
 * What the symptom check's lists cost a turn, from the action to the text: `triage.list`
 * (symptoms, then conditions) and a "• Fever\n• Cough" list said back (`bulletList`), each
 * emitted by the build's own action or helper and rendered by its `renderEvents` through its
 * translator, in Bengali, Hindi and English, as the router does at every such turn.
 *
 *   npm run build && node bench/experiments/triage-lists-render.js dist-before dist
 *
 * Prints CPU ns per list (action and rendering) for each build, the median of 7 rounds; builds alternate.
 */
'use strict';
const path = require('node:path');

const builds = process.argv.slice(2);
if (!builds.length) builds.push('dist');
const ROUNDS = 7;
const PASSES = 20000;

function load(build) {
  const root = path.resolve(build);
  const req = (p) => require(path.join(root, p));
  const { loadConfig } = req('src/config');
  const { createTranslator } = req('src/i18n/translator');
  const { localesDir } = req('src/paths');
  const { createTriage } = req('src/triage');
  const { listAction, bulletList } = req('src/triage/answer-actions');
  const { renderEvents } = req('src/router/render');
  const config = loadConfig({ DATA_DIR: '/tmp', LOG_LEVEL: 'silent' });
  const translator = createTranslator(localesDir);
  const t = (key, lng, params) => translator.t(key, lng, params);
  const triage = createTriage(config.triage);
  const list = listAction(triage);
  const said = [];
  const ctx = (which) => ({ session: { stack: [], lang: 'bn', vars: {}, turns: 0 }, input: null, args: { list: which }, services: {}, set() {}, emit: (e) => said.push(e), setLanguage() {} });
  const labels = ['triage.symptom.fever', 'triage.symptom.cough', 'triage.symptom.headache'];
  return (lang) => {
    said.length = 0;
    list(ctx('symptoms'));
    list(ctx('conditions'));
    said.push({ type: 'msg_created', msg: { key: 'triage.understood', params: { list: bulletList(labels) } } });
    return renderEvents(said, lang, t);
  };
}

const runs = builds.map(load);
// Every build must say the same texts, or the figures compare different work.
for (const lang of ['bn', 'hi', 'en']) {
  const texts = runs.map((run) => JSON.stringify(run(lang)));
  if (texts.some((x) => x !== texts[0])) throw new Error(`the builds render the lists differently in ${lang}`);
}
const ns = builds.map(() => []);
let sink = 0;
for (let round = 0; round < ROUNDS; round++) {
  runs.forEach((run, b) => {
    const start = process.cpuUsage();
    for (let i = 0; i < PASSES; i++) for (const lang of ['bn', 'hi', 'en']) sink += run(lang).length;
    const used = process.cpuUsage(start);
    ns[b].push(((used.user + used.system) * 1000) / (PASSES * 3 * 3));
  });
}
builds.forEach((build, b) => {
  const sorted = [...ns[b]].sort((x, y) => x - y);
  console.log(`${build}: ${sorted[3].toFixed(0)} ns CPU per list (rounds ${sorted[0].toFixed(0)} to ${sorted[sorted.length - 1].toFixed(0)})`);
});
if (sink < 0) console.log(sink);
