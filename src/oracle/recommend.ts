/**
 * The recommender: understands a question, scores every component, and assembles the answer of the
 * DESIGN.md §3 contract. `createOracle` compiles the knowledge base once; each question then costs a
 * tokenization, a phrase scan and a 20-document BM25 pass. Citations come from an injected CiteFn so
 * this layer stays independent of retrieval.
 */
import type { Knowledge } from '../knowledge/schema.js';
import {
  pickExample,
  pickSupporting,
  primaryConfidence,
  publishedAs,
  rationaleFor,
  relatedQuestions,
  relevantCapabilities,
} from './assemble.js';
import { adviseCompute } from './compute.js';
import { compileLexicon, type Lexicon, type SoftMatching } from './lexicon.js';
import { scoreComponents } from './score.js';
import type { StemCache } from './stem-cache.js';
import type { CiteFn, ComponentScore, Recommendation } from './types.js';
import { type Understanding, understand } from './understand.js';

/** Below this score nothing in the stack is relevant enough to recommend. */
export const MIN_SCORE = 1;

export interface RecommendOptions {
  /** Finds spec passages for the answer; without it `citations` is empty. */
  readonly cite?: CiteFn;
  /** Include every component's score and reasons as `explain`. */
  readonly explain?: boolean;
}

/** A recommender over one knowledge base. */
export interface Oracle {
  /** The answer without citations, computed synchronously (what benchmarks and graph-only callers use). */
  answer(question: string, explain?: boolean): Recommendation;
  /** The full answer, with citations when a CiteFn is given. */
  recommend(question: string, options?: RecommendOptions): Promise<Recommendation>;
}

/**
 * Probability the learned model must give its best component before words a question shares with the
 * components' texts count as evidence that it is about the stack (0.15-0.2 tie on the older sets and the
 * dev halves). The model gives every question to some component, but spreads a question about something
 * else thinly: "how to resolve a merge conflict in package-lock.json" reaches 0.11.
 */
export const AGREEMENT = 0.15;

/**
 * Closeness in meaning (described.ts) and the learned model can order the components of a question about
 * the stack, not make a question about something else one: "who won the football match last night" is a
 * little close to searching with filters, and the model gives every question to some component. Some
 * component must reach MIN_SCORE on evidence of other kinds, counted before penalties (a penalty orders
 * components, it does not make a question less about the stack). Words shared with a component's texts
 * ("every", "laptop", "recipe") count only when the learned reading is about the stack (AGREEMENT); neither
 * they nor a described situation count when the question names a field outside the stack (outside.ts: "the
 * router", "a kubernetes pod"). A task named (a capability, a replaced tool, a language, a component, a
 * field of the stack) always counts.
 */
function onTopic(scores: readonly ComponentScore[], u: Understanding): boolean {
  const inside = u.outside.length === 0;
  // Without a learned model (it is optional) there is no second reading to agree with.
  const agrees = u.learned.length === 0 || (u.learned[0]?.probability ?? 0) >= AGREEMENT;
  const counts = (signal: string) => {
    if (signal === 'meaning' || signal === 'learned') return false;
    if (signal === 'profile') return inside && agrees;
    return signal !== 'situation' || inside;
  };
  return scores.some(
    (s) => s.reasons.reduce((sum, r) => sum + (counts(r.signal) ? Math.max(0, r.points) : 0), 0) >= MIN_SCORE,
  );
}

function answer(lexicon: Lexicon, question: string, explain: boolean): Recommendation {
  const knowledge = lexicon.knowledge;
  const u = understand(lexicon, question);
  const scores = scoreComponents(lexicon, u);
  const top = scores[0];
  const component = knowledge.components.find((c) => c.name === top?.component);
  const trace = explain ? { explain: scores } : {};
  if (top === undefined || component === undefined || top.score < MIN_SCORE || !onTopic(scores, u)) {
    return {
      query: question,
      problem: u.problem,
      primary: null,
      supporting: [],
      compute: null,
      integrations: [],
      citations: [],
      example: null,
      related: [],
      ...trace,
    };
  }
  const confidence = primaryConfidence(top.score, scores[1]?.score ?? 0);
  // Replacements of the libraries a conversion mentions are wanted as supporting components.
  const replacements = u.problem.migration
    ? u.problem.tools.flatMap((t) => lexicon.toolReplacers.get(t) ?? [])
    : [];
  const { picks, steps } = pickSupporting(
    knowledge,
    scores,
    component.name,
    confidence,
    [...u.problem.components, ...replacements],
    u.excluded,
  );
  const words = new Set(u.terms.keys());
  const example = pickExample(knowledge.recipes, lexicon.recipeStems, component.name, words);
  const runnerUp = scores[1]?.component ?? null;
  // A question that names no domain is about the domain of the primary's capability its words describe
  // ("count events per user" is analytics, not trueno-db's vector search), else the primary's main one.
  const described = u.situations.find((m) => component.capabilities.includes(m.capability))?.capability;
  const describedDomain = knowledge.capabilities.find((c) => c.id === described)?.domain;
  const main = describedDomain === undefined ? component.domains.slice(0, 1) : [describedDomain];
  const problem = u.problem.domains.length > 0 ? u.problem : { ...u.problem, domains: main };
  return {
    query: question,
    problem,
    primary: {
      component: component.name,
      confidence,
      rationale: rationaleFor(component, top),
      capabilities: relevantCapabilities(lexicon.capabilityStems, component, u.problem.capabilities, words),
      ...publishedAs(component),
    },
    supporting: picks,
    compute: adviseCompute(problem, component),
    integrations: steps,
    citations: [],
    example,
    related: relatedQuestions(
      knowledge.recipes,
      component.name,
      picks.map((p) => p.component),
      runnerUp,
      example?.recipe ?? null,
    ),
    ...trace,
  };
}

/** How an Oracle is built. */
export interface OracleOptions {
  /** Keeps the knowledge base's stems between processes (see stem-cache.ts). */
  readonly stemCache?: StemCache;
  /**
   * Longer prose about each component (its spec, see loadComponentDocuments), added to its profile so
   * questions worded far from the knowledge files' vocabulary still find it.
   */
  readonly documents?: ReadonlyMap<string, string>;
  /** Soft matching of unknown words by meaning (meanings.ts); without a table it is off. */
  readonly soft?: SoftMatching;
}

/** Compiles a knowledge base into an Oracle; build it once per process and reuse it. */
export function createOracle(knowledge: Knowledge, options: OracleOptions = {}): Oracle {
  return oracleOf(compileLexicon(knowledge, options.stemCache, options.documents, options.soft));
}

/** The Oracle over an already compiled lexicon (createOracle's, or the build's snapshot of it). */
export function oracleOf(lexicon: Lexicon): Oracle {
  return {
    answer: (question, explain = false) => answer(lexicon, question, explain),
    async recommend(question, options = {}) {
      const result = answer(lexicon, question, options.explain ?? false);
      if (options.cite === undefined || result.primary === null) return result;
      const components = [result.primary.component, ...result.supporting.map((s) => s.component)];
      const citations = await options.cite(question, components);
      return { ...result, citations: [...citations] };
    },
  };
}
