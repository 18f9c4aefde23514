/**
 * English function words that carry no topic in a question. Negators ("no", "not", "without") are
 * deliberately absent: negation changes the meaning of the words that follow them.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again all am an and any are as at be because been before being below between both ' +
    'but by can could did do does doing during each few for from further had has have having he her here ' +
    'hers him his how i if in into is it its itself just me more most my myself nor now of off on once ' +
    'only or other our ours over own same she should so some such than that the their theirs them ' +
    'then there these they this those through to too under until up very was we were what when where which ' +
    'while who whom why will with would you your yours s t d ll m re ve also may might must shall want ' +
    'wants wanted need needs needed like please best good way ways something anything thing things let ' +
    'lets make makes going go get got much one really lot lots tell show give know'
  ).split(' '),
);

/** True when a lower-case word is a stop word. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}
