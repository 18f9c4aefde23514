/** The question sets and corpora the models benches run on, and the text cutting their time benches share. */

/** Question-set file and corpus folder (both relative to the repository) of each named set. */
export const MODEL_SETS: Readonly<Record<string, { readonly file: string; readonly corpus: string }>> = {
  'batuta-docs': {
    file: 'bench/retrieval/batuta-docs-questions.yaml',
    corpus: '../shared/corpora/batuta-docs',
  },
  specs: { file: 'bench/retrieval/specs-questions.yaml', corpus: 'specs' },
  debian: { file: 'bench/cache/debian/headings.yaml', corpus: 'bench/cache/debian/corpus' },
};

/** Cuts text into chunk-sized pieces at paragraph boundaries. */
export function textPieces(text: string, size = 1500): string[] {
  const out: string[] = [];
  let current = '';
  for (const paragraph of text.split(/\n\s*\n/)) {
    if (current.length + paragraph.length > size && current !== '') {
      out.push(current);
      current = '';
    }
    current += `${paragraph}\n\n`;
  }
  if (current.trim() !== '') out.push(current);
  return out;
}
