/**
 * Word senses read from context: a few words mean different things in different questions. "Edge" is a
 * graph's edge or a device at the edge of a network; "network" is a graph or a neural network; "closest"
 * is a route in a graph or the most similar item. Each ambiguous word has a sense that other words of the
 * question must point to; when they do, the word stops counting for its other sense and counts for that
 * one instead. Pure: tokens in, the positions read in another sense and the words they stand for out.
 */
import type { Token } from '../text/tokenize.js';

/** An ambiguous word, the context that selects its non-graph sense, and what it means then. */
export interface WordSense {
  readonly words: readonly string[];
  /** Words of the question that select this sense (any one of them, not negated). */
  readonly context: readonly string[];
  /** Words that rule this sense out again (the graph reading wins when they appear). */
  readonly against: readonly string[];
  /** What the word stands for in this sense, matched against the knowledge phrases. */
  readonly means: string;
}

const GRAPH_WORDS = [
  'graph',
  'graphs',
  'node',
  'nodes',
  'vertex',
  'vertices',
  'route',
  'routes',
  'road',
  'roads',
  'path',
  'paths',
  'hops',
  'map',
];

export const WORD_SENSES: readonly WordSense[] = [
  {
    words: ['edge', 'edges'],
    context: [
      'device',
      'devices',
      'hardware',
      'iot',
      'deploy',
      'deployed',
      'deploying',
      'phone',
      'phones',
      'sensor',
      'sensors',
      'embedded',
      'gateway',
      'gateways',
      'camera',
      'cameras',
      'board',
      'boards',
      'offline',
      'battery',
      'mobile',
      'microcontroller',
      'microcontrollers',
      'box',
      'boxes',
    ],
    against: GRAPH_WORDS,
    means: 'device',
  },
  {
    words: ['network', 'networks', 'net', 'nets'],
    context: [
      'neural',
      'train',
      'training',
      'trained',
      'teach',
      'backprop',
      'backpropagation',
      'layer',
      'layers',
      'weights',
      'epoch',
      'epochs',
      'deep',
      'learning',
      'convolutional',
      'recurrent',
      'dropout',
      'gradients',
    ],
    against: ['graph', 'graphs', 'node', 'nodes', 'vertex', 'vertices', 'follower', 'followers', 'friends'],
    means: 'deep learning',
  },
  {
    words: ['closest', 'nearest', 'closer'],
    context: [
      'item',
      'items',
      'product',
      'products',
      'song',
      'songs',
      'article',
      'articles',
      'image',
      'images',
      'photo',
      'photos',
      'picture',
      'pictures',
      'document',
      'documents',
      'listing',
      'listings',
      'profile',
      'profiles',
      'record',
      'records',
      'vector',
      'vectors',
      'embedding',
      'embeddings',
      'look',
      'looks',
      'sound',
      'sounds',
      'read',
      'reads',
      'alike',
      'similar',
      'resemble',
      'resembles',
      'match',
      'matches',
    ],
    against: GRAPH_WORDS,
    means: 'similarity search',
  },
];

/** Positions of words read in their non-graph sense, and the words they stand for. */
export interface SenseReading {
  readonly positions: ReadonlySet<number>;
  /** Positions of ambiguous words that graph context reads as graph terms ("edges of the graph"). */
  readonly graph: ReadonlySet<number>;
  readonly means: readonly { readonly text: string; readonly position: number }[];
}

/** Reads the ambiguous words of a question in the sense their context selects. */
export function readSenses(
  tokens: readonly Token[],
  senses: readonly WordSense[] = WORD_SENSES,
): SenseReading {
  const present = new Set(tokens.filter((t) => !t.negated).map((t) => t.word));
  const positions = new Set<number>();
  const graph = new Set<number>();
  const means: { text: string; position: number }[] = [];
  for (const sense of senses) {
    const graphContext = sense.against.some((w) => present.has(w));
    if (!graphContext && !sense.context.some((w) => present.has(w))) continue;
    for (const t of tokens) {
      if (!sense.words.includes(t.word) || t.negated) continue;
      if (graphContext) graph.add(t.position);
      else {
        positions.add(t.position);
        means.push({ text: sense.means, position: t.position });
      }
    }
  }
  return { positions, graph, means };
}
