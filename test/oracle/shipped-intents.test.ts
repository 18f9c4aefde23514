import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { compileLexicon } from '../../src/oracle/lexicon.js';
import { createOracle, MIN_SCORE } from '../../src/oracle/recommend.js';
import { scoreComponents, WEIGHTS } from '../../src/oracle/score.js';
import { understand } from '../../src/oracle/understand.js';

const knowledge = loadKnowledge(undefined, { snapshot: null });
const lexicon = compileLexicon(knowledge);
const capabilities = (q: string) => understand(lexicon, q).problem.capabilities;

/** Intent wording added to knowledge/capabilities.yaml in round 2: what users say instead of the term. */
describe('shipped knowledge: intent wording reaches its capability', () => {
  it.each([
    ['alert when a meter shows abnormal readings', 'anomaly-detection'],
    ['predict next month from the history', 'regression'],
    ['find shoppers that behave alike', 'clustering'],
    ['does the rewrite make the same system calls as the original binary', 'behavioral-equivalence'],
    ['move the whole repo over, step by step', 'migration-orchestration'],
    ['is this library well tested', 'coverage-gates'],
    ['clean up the bash wrappers of our services', 'shell-linting'],
    ['has this checkpoint been tampered with', 'artifact-signing'],
    ['route the suspicious logins to a reviewer', 'anomaly-detection'],
  ])('%s → %s', (q, capability) => {
    expect(capabilities(q)).toContain(capability);
  });

  it('keeps the goal of "verify it was not tampered with" instead of negating it', () => {
    expect(capabilities('verify the weights were not tampered with')).toContain('artifact-signing');
  });

  it('reads "the same way the old one did" as a behaviour comparison, but not every "same"', () => {
    expect(capabilities('does the new build touch the filesystem the same way the old one did')).toContain(
      'behavioral-equivalence',
    );
    expect(capabilities('the rewrite should behave the same as the original')).toContain(
      'behavioral-equivalence',
    );
    expect(capabilities('use the same model for every user')).not.toContain('behavioral-equivalence');
  });

  it('answers an exclusion with the other component', () => {
    const oracle = createOracle(knowledge);
    const r = oracle.answer('forget pacha and the registry, which component serves the model over http?');
    expect(r.primary?.component).toBe('realizar');
    expect(r.supporting.map((s) => s.component)).not.toContain('pacha');
  });
});

describe('shipped knowledge: a language named outside a migration', () => {
  const keywordPoints = (q: string, word: string) =>
    scoreComponents(lexicon, understand(lexicon, q))
      .find((s) => s.component === 'depyler')
      ?.reasons.find((r) => r.signal === 'keyword' && r.matched === word)?.points ?? 0;

  it('counts half a keyword, while other keywords keep their full weight', () => {
    expect(keywordPoints('our rust tool should open files like the python one', 'python')).toBeCloseTo(
      WEIGHTS.keyword / 2,
    );
    expect(keywordPoints('our rust tool should release the gil like the other one', 'gil')).toBeCloseTo(
      WEIGHTS.keyword,
    );
  });
});

describe('shipped knowledge: a field named alone', () => {
  it('is enough for an answer, ahead of a common profile word', () => {
    const answer = createOracle(knowledge).answer('we keep 3 PB of clickstream to study', true);
    expect(answer.primary?.component).toBe('trueno-db');
    const domain = answer.explain?.[0]?.reasons.find((r) => r.signal === 'domain');
    expect(domain?.points).toBeGreaterThanOrEqual(MIN_SCORE);
  });
});
