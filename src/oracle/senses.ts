/**
 * Word senses read from context: a few words mean different things in different questions. "Edge" is a
 * graph's edge or a device at the edge of a network; "network" is a graph or a neural network; "closest"
 * is a route in a graph or the most similar item; "cluster" is a group of machines or groups found in
 * data. Each ambiguous word has a sense that other words of the question must point to; when they do, the
 * word stops counting for its usual sense (the signals named in `usual`) and counts for the other one, and
 * words of the usual sense ("graph", "machines") keep it. Pure: tokens in, what each position means out.
 */
import type { Token } from '../text/tokenize.js';

/** An ambiguous word, the context that selects its other sense, and what it means then. */
export interface WordSense {
  readonly words: readonly string[];
  /** Words of the question that select the other sense (any one of them, not negated). */
  readonly context: readonly string[];
  /** Words right before the ambiguous word that select the other sense ("my script" is the user's code). */
  readonly previous?: readonly string[];
  /** Words right after it that select the other sense ("figure out" is not a drawing). */
  readonly next?: readonly string[];
  /** Words right before it that keep the usual sense ("across our cluster"), whatever the rest says. */
  readonly usualPrevious?: readonly string[];
  /** Words that keep the usual sense (it wins when they appear). */
  readonly against: readonly string[];
  /** Components, capabilities and domains of the usual sense, which the word no longer counts for. */
  readonly usual: readonly string[];
  /** What the word stands for in the other sense, matched against the knowledge phrases ('' if it already does). */
  readonly means: string;
}

/** Words that keep a graph reading. */
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
const GRAPH_SENSE = ['trueno-graph', 'graph-analytics', 'graph-algorithms', 'graph-storage'];

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
    usual: GRAPH_SENSE,
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
    usual: GRAPH_SENSE,
    means: 'deep learning',
  },
  {
    words: ['cluster', 'clusters'],
    context: [
      'customer',
      'customers',
      'user',
      'users',
      'shopper',
      'shoppers',
      'visitor',
      'visitors',
      'people',
      'patient',
      'patients',
      'record',
      'records',
      'row',
      'rows',
      'point',
      'points',
      'document',
      'documents',
      'item',
      'items',
      'product',
      'products',
      'account',
      'accounts',
      'sample',
      'samples',
      'observations',
    ],
    against: [
      'machine',
      'machines',
      'node',
      'nodes',
      'server',
      'servers',
      'gpu',
      'gpus',
      'worker',
      'workers',
      'kubernetes',
      'k8s',
      'slurm',
      'hosts',
      'computers',
      'jobs',
    ],
    usualPrevious: ['our', 'their', 'across', 'over', 'on', 'compute', 'gpu', 'hpc', 'spark'],
    usual: ['repartir', 'cluster-computing', 'distributed', 'cluster'],
    means: '',
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
    usual: GRAPH_SENSE,
    means: 'similarity search',
  },
];

const CHART_SENSE = ['trueno-viz', 'charts'];

/** Senses that turn on the words next to the ambiguous one or on what is measured. */
export const NEIGHBOUR_SENSES: readonly WordSense[] = [
  {
    // "my script", "the original script": the user's code, not the scripting language.
    words: ['script', 'scripts'],
    context: [],
    previous: [
      'my',
      'our',
      'your',
      'their',
      'the',
      'this',
      'that',
      'original',
      'existing',
      'old',
      'legacy',
      'python',
    ],
    against: [
      'automation',
      'automate',
      'scripting',
      'throwaway',
      'quick',
      'repl',
      'interactive',
      'glue',
      'prototype',
      'prototyping',
      'ruchy',
      'write',
      'writing',
    ],
    usual: ['ruchy', 'scripting-language'],
    means: '',
  },
  {
    // "shells out to strace": starts a program, says nothing of shell code.
    words: ['shell', 'shells'],
    context: [],
    next: ['out'],
    against: [],
    usual: ['shell', 'bashrs', 'transpile-shell'],
    means: '',
  },
  {
    // "three languages", "a mixed-language repo": the languages of the code to move, not a new language.
    words: ['languages'],
    context: [],
    previous: ['two', 'three', 'four', 'several', 'multiple', 'many', 'mixed', 'different'],
    against: [],
    usual: ['ruchy', 'scripting-language'],
    means: 'migration',
  },
  {
    // "a release profile": Cargo's build settings, not measuring where time goes.
    words: ['profile', 'profiles'],
    context: [],
    previous: ['release', 'cargo', 'build', 'dev', 'bench'],
    against: [],
    usual: ['renacer', 'performance-profiling', 'tracing'],
    means: 'release build',
  },
  {
    // "the org chart": who reports to whom, a hierarchy rather than a drawing.
    words: ['chart', 'charts'],
    context: [],
    previous: ['org', 'organization', 'organisation', 'organizational', 'organisational'],
    against: [],
    usual: CHART_SENSE,
    means: 'graph',
  },
  {
    words: ['figure'],
    context: [],
    next: ['out'],
    against: [],
    usual: CHART_SENSE,
    means: '',
  },
  {
    // "a graph of my training loss": a chart of a measurement, not a graph of nodes and edges.
    words: ['graph', 'graphs'],
    context: [
      'loss',
      'losses',
      'accuracy',
      'epoch',
      'epochs',
      'curve',
      'curves',
      'trend',
      'trends',
      'metric',
      'metrics',
      'sales',
      'revenue',
      'histogram',
      'axis',
      'time',
    ],
    against: GRAPH_WORDS.filter((w) => !w.startsWith('graph')),
    usual: GRAPH_SENSE,
    means: 'chart',
  },
];

/** How a question's ambiguous words are read. */
export interface SenseReading {
  /** Positions read in the sense their context selects, with the signals of the usual sense they drop. */
  readonly other: ReadonlyMap<number, ReadonlySet<string>>;
  /** Positions of ambiguous words their context keeps in the usual sense ("edges of the graph"). */
  readonly usual: ReadonlySet<number>;
  /** Words the other sense stands for, at the position of the word they explain. */
  readonly means: readonly { readonly text: string; readonly position: number }[];
}

type Reading = 'other' | 'usual' | null;

/** The sense one occurrence takes: words next to it decide first, then the rest of the question. */
function senseAt(
  sense: WordSense,
  tokens: readonly Token[],
  i: number,
  present: ReadonlySet<string>,
): Reading {
  const before = tokens[i - 1]?.word ?? '';
  const after = tokens[i + 1]?.word ?? '';
  if (sense.previous?.includes(before) || sense.next?.includes(after)) return 'other';
  if (sense.usualPrevious?.includes(before) || sense.against.some((w) => present.has(w))) return 'usual';
  return sense.context.some((w) => present.has(w)) ? 'other' : null;
}

/** Reads the ambiguous words of a question in the sense their context selects. */
export function readSenses(
  tokens: readonly Token[],
  senses: readonly WordSense[] = [...WORD_SENSES, ...NEIGHBOUR_SENSES],
): SenseReading {
  const present = new Set(tokens.filter((t) => !t.negated).map((t) => t.word));
  const other = new Map<number, ReadonlySet<string>>();
  const usual = new Set<number>();
  const means: { text: string; position: number }[] = [];
  for (const sense of senses) {
    tokens.forEach((t, i) => {
      if (!sense.words.includes(t.word) || t.negated) return;
      const reading = senseAt(sense, tokens, i, present);
      if (reading === 'usual') usual.add(t.position);
      if (reading !== 'other') return;
      other.set(t.position, new Set(sense.usual));
      if (sense.means !== '') means.push({ text: sense.means, position: t.position });
    });
  }
  return { other, usual, means };
}
