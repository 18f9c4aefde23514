/** The text layer's entry: tokenizing, stemming, stop words, phrases, quantities and regexp escaping shared by every layer. */
export { compilePhrases, matchPhrases, type PhraseMatch, type PhraseTable } from './phrases.js';
export { parseQuantities, type Quantity } from './quantity.js';
export { escapeRegExp } from './regexp.js';
export { stem } from './stem.js';
export { isStopWord } from './stop-words.js';
export { contentStems, type Token, tokenize } from './tokenize.js';
