import { createFaqEngine, loadCorpus } from '../src/core/index.js';
for (const dir of process.argv.slice(2)) {
  const r = loadCorpus(dir); if (!r.ok) throw new Error('bad');
  const t = performance.now(); const e = createFaqEngine(r.corpus); 
  console.log(dir, ((performance.now() - t) / 1000).toFixed(2), 's', e.model.report.messages, 'msgs');
}
