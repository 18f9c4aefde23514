/**
 * Where the work of a question runs, read from its words: on several machines ("a cluster", "4 nodes",
 * "across hosts", "a fleet of servers", "multi-node"), on a device without a GPU the stack can count on
 * (a phone, a microcontroller, an embedded board, "on-device"), or on CPUs only ("CPU-only"). Negated
 * words ("not on a cluster") say nothing. Pure: tokens in, placement out.
 */
import type { Token } from '../text/tokenize.js';
import type { Deployment } from './types.js';

/** Nouns of machines; "100 nodes" asks for a cluster as clearly as the word "cluster". */
const MACHINE_NOUNS: ReadonlySet<string> = new Set(
  (
    'node nodes machine machines server servers host hosts computer computers workstation workstations box boxes ' +
    'vm vms pod pods desktop desktops laptop laptops pc pcs rig rigs'
  ).split(' '),
);

/** One word for several machines at once: "multinode", "multi-host" is read as "multi" + noun. */
const MULTI_MACHINE: ReadonlySet<string> = new Set(['multinode', 'multihost', 'multimachine', 'multiserver']);

/** Words before "cluster" that make it a cluster of machines ("on a cluster", "our k8s cluster"), not clustering. */
const CLUSTER_BEFORE: ReadonlySet<string> = new Set(
  (
    'a the our my your their this that across on over in onto whole entire gpu gpus kubernetes k8s slurm ' +
    'hpc spark ray dask compute computing big large small shared company university lab ' +
    'node machine server host gpu worker'
  ).split(' '),
);

/** Words before "farm" that make it machines: "a server farm", "our render farm". */
const FARMS: ReadonlySet<string> = new Set(['server', 'render', 'build', 'gpu', 'compute']);

/** Number words before a machine noun ("four nodes"); the quantity reader skips bare small numbers. */
const COUNTS: ReadonlySet<string> = new Set(
  'two three four five six seven eight nine ten eleven twelve sixteen twenty thirty fifty dozen hundred'.split(
    ' ',
  ),
);

/** Words that make machine nouns several without a number: "a few machines", "different hosts". */
const SOME: ReadonlySet<string> = new Set(
  'few several multiple many some numerous different separate remote additional extra more lots bunch couple dozens hundreds'.split(
    ' ',
  ),
);

/** Words that take every machine of a place at once: "every computer in the office", "all the servers". */
const EVERY: ReadonlySet<string> = new Set(['every', 'each', 'all']);

/** Prepositions of spreading: "across hosts", "over the servers", "between our machines". */
const SPREAD: ReadonlySet<string> = new Set(['across', 'over', 'between', 'among', 'onto']);
const DETERMINERS: ReadonlySet<string> = new Set([
  'the',
  'our',
  'my',
  'your',
  'their',
  'all',
  'these',
  'those',
]);

/** Words that make "instances" cloud machines ("6 EC2 instances"), not examples of data ("10k instances"). */
const CLOUD_WORDS: ReadonlySet<string> = new Set(
  'ec2 cloud spot vm gpu compute aws gcp azure server worker'.split(' '),
);

/** Words that make "nodes" the nodes of a graph, not machines. */
const GRAPH_CONTEXT: ReadonlySet<string> = new Set(
  'graph graphs vertex vertices edges pagerank subgraph subgraphs tree trees dag adjacency'.split(' '),
);

/** Devices the stack runs on without a GPU it can count on (their GPUs are not what it targets). */
const DEVICES: ReadonlySet<string> = new Set(
  (
    'phone phones smartphone smartphones iphone iphones ipad ipads android tablet tablets handset handsets ' +
    'wearable wearables smartwatch smartwatches microcontroller microcontrollers mcu mcus esp32 arduino sbc ' +
    'drone drones ios stm32 cortex nrf52'
  ).split(' '),
);

/** Nouns that make "embedded …", "ARM …" or "on …" a device: "embedded Linux", "an ARM board", "on-device". */
const DEVICE_NOUNS: ReadonlySet<string> = new Set(
  'board boards device devices system systems linux target targets hardware chip chips cpu cpus soc socs controller controllers platform'.split(
    ' ',
  ),
);

/** What a question says about where its work runs. */
export interface Placement {
  /** The work is spread over several machines. */
  readonly machines: boolean;
  /** Targets read from device words ("phone" is an edge device). */
  readonly targets: readonly Deployment[];
  /** The question says there are only CPUs ("CPU-only", "just CPUs"). */
  readonly cpuOnly: boolean;
}

/** Does the question talk about a graph (its nodes are data then, not machines)? */
export function isGraphQuestion(tokens: readonly Token[]): boolean {
  return tokens.some((t) => GRAPH_CONTEXT.has(t.word));
}

function quantifies(t: Token): boolean {
  return COUNTS.has(t.word) || SOME.has(t.word) || (t.numeric && Number(t.word) >= 2);
}

/** "every computer", "each node", "all the servers", "all our boxes" (not "every machine learning model"). */
function everyMachine(tokens: readonly Token[], i: number): boolean {
  if (tokens[i + 1]?.word === 'learning') return false;
  const before = tokens[i - 1]?.word ?? '';
  return EVERY.has(before) || (DETERMINERS.has(before) && EVERY.has(tokens[i - 2]?.word ?? ''));
}

/** Is the machine noun at `i` several machines: counted, quantified or spread over ("across hosts")? */
function severalMachines(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i] as Token;
  const before = tokens[i - 1];
  if (before === undefined) return false;
  if (before.word === 'multi') return true;
  if (everyMachine(tokens, i)) return true;
  if (!t.word.endsWith('s')) return false;
  // The quantifier right before the noun, or before one word of kind ("8 GPU nodes", "four cloud servers").
  const modified = (!before.numeric && !before.stop) || before.word === 'of' ? tokens[i - 2] : undefined;
  if ([before, modified].some((q) => q !== undefined && quantifies(q))) return true;
  const spreadAt = DETERMINERS.has(before.word) ? i - 2 : i - 1;
  return SPREAD.has(tokens[spreadAt]?.word ?? '');
}

/** Is the token at `i` a machine noun in its machine sense (not a graph's node, not a data instance)? */
function machineNoun(tokens: readonly Token[], i: number, graph: boolean): boolean {
  const word = tokens[i]?.word ?? '';
  if (word === 'instance' || word === 'instances') return CLOUD_WORDS.has(tokens[i - 1]?.word ?? '');
  return MACHINE_NOUNS.has(word) && !(graph && (word === 'node' || word === 'nodes'));
}

/** "a cluster", "our Slurm cluster", "a cluster of 10 nodes", "a fleet of servers", "a render farm". */
function clusterWord(tokens: readonly Token[], i: number, graph: boolean): boolean {
  const t = tokens[i] as Token;
  const before = tokens[i - 1];
  const ofMachines = tokens[i + 1]?.word === 'of' && machineNoun(tokens, i + 2, graph);
  if (t.word === 'cluster' || t.word === 'clusters')
    return ofMachines || CLUSTER_BEFORE.has(before?.word ?? '');
  if (t.word === 'fleet' || t.word === 'fleets') return ofMachines;
  if (t.word === 'farm' || t.word === 'farms') return FARMS.has(before?.word ?? '');
  return MULTI_MACHINE.has(t.word);
}

/**
 * Does the question run on several machines? Words read in another sense (`skip`: "cluster the
 * customers" is clustering) and negated words do not count.
 */
export function readsClusterOfMachines(
  tokens: readonly Token[],
  skip: ReadonlySet<number> = new Set(),
): boolean {
  const graph = isGraphQuestion(tokens);
  return tokens.some((t, i) => {
    if (t.negated || skip.has(t.position)) return false;
    const before = tokens[i - 1];
    if (before !== undefined && before.clause !== t.clause && t.word !== 'multinode') return false;
    if (clusterWord(tokens, i, graph)) return true;
    return machineNoun(tokens, i, graph) && severalMachines(tokens, i);
  });
}

/** Positions of machine nouns that are counted ("8 nodes", "four servers"): machines, not graph nodes. */
export function countedMachinePositions(tokens: readonly Token[]): Set<number> {
  const out = new Set<number>();
  const graph = isGraphQuestion(tokens);
  tokens.forEach((t, i) => {
    const before = tokens[i - 1];
    if (before === undefined || !machineNoun(tokens, i, graph)) return;
    if (before.numeric || COUNTS.has(before.word) || SOME.has(before.word) || everyMachine(tokens, i)) {
      out.add(t.position);
    }
  });
  return out;
}

/** "embedded Linux", "an ARM board", "on-device", "a phone": an edge device. */
function deviceAt(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i] as Token;
  if (DEVICES.has(t.word)) return true;
  const next = tokens[i + 1];
  if (next === undefined || next.clause !== t.clause || !DEVICE_NOUNS.has(next.word)) return false;
  if (t.word === 'embedded' || t.word === 'arm') return true;
  return t.word === 'on' && (next.word === 'device' || next.word === 'devices');
}

/** "CPU-only", "only CPUs", "just a CPU", "GPU-less", "GPU-free": no GPU to use. */
function saysCpuOnly(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i] as Token;
  if (t.word === 'gpuless') return true;
  if (t.word === 'gpu' || t.word === 'gpus') {
    const next = tokens[i + 1];
    return next?.clause === t.clause && (next.word === 'less' || next.word === 'free');
  }
  if (t.word !== 'cpu' && t.word !== 'cpus') return false;
  const near = [tokens[i - 2], tokens[i - 1], tokens[i + 1]].filter((x) => x?.clause === t.clause);
  return near.some((x) => x?.word === 'only' || x?.word === 'just');
}

/**
 * Where the question's work runs; `skip` holds positions read in another sense. A device named in a later
 * step ("train it, then shrink it for a phone") is where that step runs, not the main task.
 */
export function readPlacement(
  tokens: readonly Token[],
  skip: ReadonlySet<number> = new Set(),
  laterStep = Number.POSITIVE_INFINITY,
): Placement {
  const live = (i: number) => !(tokens[i] as Token).negated && !skip.has((tokens[i] as Token).position);
  const device = tokens.some((t, i) => t.position < laterStep && live(i) && deviceAt(tokens, i));
  return {
    machines: readsClusterOfMachines(tokens, skip),
    targets: device ? ['edge'] : [],
    cpuOnly: tokens.some((_, i) => live(i) && saysCpuOnly(tokens, i)),
  };
}
