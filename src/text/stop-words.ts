/**
 * The one list of English words that carry no topic in a question or a search: function words, question
 * words and the filler of requests ("please", "I want", "the best way to"). Negators ("no", "not") are in
 * it: search drops them like any stop word, and the oracle finds its negation scopes before it drops stop
 * words. Particles of technical phrasal verbs ("scale out", "shut down") are not: they carry the meaning.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any anything are as at be because been before ' +
    'being below best between both but by can could d did do does doing don during each few for from further ' +
    'get give go going good got had has have having he her here hers herself him himself his how i if in ' +
    'into is it its itself just know let lets like ll lot lots m make makes may me might more most much must ' +
    'my myself need needed needs no nor not now of off on once one only or other our ours ourselves over own ' +
    'please re really s same shall she should show so some something such t tell than that the their theirs ' +
    'them themselves then there these they thing things this those through to too under until up use used ' +
    'using ve very want wanted wants was way ways we were what when where which while who whom why will with ' +
    'would you your yours yourself yourselves'
  ).split(' '),
);

/** True when a lower-case word is a stop word. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}
