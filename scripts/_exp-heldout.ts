import { loadCorpus } from '../src/core/corpus/load.js';
import { DEFAULT_TRAIN_OPTIONS, prepareTraining } from '../src/core/model/train.js';
import { Featurizer } from '../src/core/model/features.js';
const dir = process.argv[2] ?? 'faq-data';
const r = loadCorpus(dir);
if (!r.ok) { console.log(r.problems); process.exit(1); }
const f = new Featurizer(r.corpus);
const { heldOut, messages, outOfScope } = prepareTraining(r.corpus, DEFAULT_TRAIN_OPTIONS, f);
const kinds = new Map<string, { n: number; right: number }>();
heldOut.forEach((h) => {
  const m = messages.find((x) => x.text === h.text)!;
  const kind = m.group.startsWith('__') ? m.group.split('|')[0]! : (m.previous ? 'fresh-after' : m.original ? 'original' : 'variant');
  const k = kinds.get(kind) ?? { n: 0, right: 0 };
  k.n++; if (h.label === outOfScope ? h.summary.pOutOfScope > h.summary.p1 : h.best === h.label) k.right++;
  kinds.set(kind, k);
});
for (const [k, v] of kinds) console.log(k, v.n, (v.right / v.n).toFixed(2));
