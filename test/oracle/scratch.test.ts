import { resolve } from 'node:path';
import { it } from 'vitest';
import { loadOracleQuestions } from '../../bench/oracle/question-set.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { createOracle } from '../../src/oracle/recommend.js';
import { STACK_FIXTURE } from './stack-fixture.js';

it('x', () => {
  const oracle = createOracle(process.env.STANDIN ? STACK_FIXTURE : loadKnowledge());
  const qs = loadOracleQuestions(resolve(import.meta.dirname, '../../bench/oracle/questions.yaml')).filter(
    (q) => q.split === (process.env.SPLIT ?? 'dev'),
  );
  let t1 = 0;
  let t3 = 0;
  const out: string[] = [];
  for (const q of qs) {
    const r = oracle.answer(q.q, true);
    const ranked = (r.explain ?? []).map((s) => s.component);
    const good = new Set([q.expect, ...q.also]);
    const h1 = r.primary !== null && good.has(r.primary.component);
    const h3 = ranked.slice(0, 3).some((c) => good.has(c));
    t1 += h1 ? 1 : 0;
    t3 += h3 ? 1 : 0;
    if (!h1)
      out.push(
        `MISS "${q.q}" want ${q.expect} got ${(r.explain ?? [])
          .slice(0, 3)
          .map((s) => `${s.component}:${s.score}`)
          .join(' ')}`,
      );
    if (!h1 && process.env.WHY)
      for (const s of (r.explain ?? []).slice(0, 2))
        out.push(
          `   ${s.component}: ${s.reasons.map((x) => `${x.signal}(${x.matched})=${x.points.toFixed(2)}`).join(' ')}`,
        );
  }
  console.log(out.join('\n'));
  console.log(`top1 ${t1}/${qs.length} top3 ${t3}/${qs.length}`);
});
