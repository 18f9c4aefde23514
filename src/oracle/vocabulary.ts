/**
 * Built-in vocabulary that is about the problem, not about our components: hardware, deployment
 * targets, programming languages, migration verbs, well-known algorithms with their cost class, and
 * everyday wording mapped to the technical terms the knowledge files use ("without labels" means
 * clustering). Component-specific words live in knowledge/*.yaml instead.
 */
import type { ComplexityClass, Deployment, Hardware } from './types.js';

export const HARDWARE_PHRASES: Readonly<Record<Hardware, readonly string[]>> = {
  gpu: [
    'gpu',
    'cuda',
    'graphics card',
    'wgpu',
    'vulkan',
    'metal',
    'opencl',
    'rocm',
    'nvidia',
    'tensor cores',
    'webgpu',
  ],
  simd: [
    'simd',
    'avx',
    'avx2',
    'avx 512',
    'avx512',
    'sse',
    'sse2',
    'neon',
    'vectorized',
    'vectorised',
    'simd128',
  ],
  cpu: ['cpu', 'cpu only', 'laptop', 'processor', 'cores', 'single machine'],
  cluster: [
    'cluster of machines',
    'multi node',
    'multiple nodes',
    'two nodes',
    'several nodes',
    'many machines',
    'several machines',
    'multiple machines',
    'handful of machines',
    'several computers',
    'multiple computers',
    'several servers',
    'many servers',
    'scale out',
    'remote workers',
    'remote machines',
    'distributed',
  ],
};

export const DEPLOYMENT_PHRASES: Readonly<Record<Deployment, readonly string[]>> = {
  wasm: ['wasm', 'webassembly', 'web assembly', 'simd128'],
  browser: ['browser', 'web page', 'client side', 'webgpu'],
  edge: [
    'edge',
    'edge device',
    'iot',
    'embedded device',
    'raspberry pi',
    'microcontroller',

    'mobile',
  ],
  serverless: ['lambda', 'aws lambda', 'serverless', 'cloud functions', 'cloud function', 'azure functions'],
  server: ['http endpoint', 'rest api', 'web service', 'microservice'],
};

/** Source languages a migration can start from, keyed by the id knowledge/ uses. */
export const LANGUAGE_PHRASES: Readonly<Record<string, readonly string[]>> = {
  python: ['python', 'py', 'python3', 'jupyter', 'notebook'],
  c: ['c', 'ansi c', 'c99', 'c11'],
  cpp: ['cpp', 'cxx', 'c plus plus'],
  shell: ['bash', 'shell', 'sh', 'zsh', 'posix sh', 'shell script', 'bash script'],
};

export const MIGRATION_PHRASES: readonly string[] = [
  'convert',
  'port',
  'porting',
  'migrate',
  'migration',
  'transpile',
  'translate',
  'rewrite',
  'move to rust',
  'rewrite in rust',
  'turn into rust',
  'become rust',
];

/** Words for the five migration phases; a question naming several of them is about orchestration. */
export const PHASE_STEMS: Readonly<Record<string, string>> = {
  analyz: 'analysis',
  analys: 'analysis',
  transpil: 'transpilation',
  optim: 'optimization',
  valid: 'validation',
  deploy: 'deployment',
};
/** How many distinct phases make a question about the whole workflow. */
export const PHASES_FOR_ORCHESTRATION = 3;
export const ORCHESTRATION_TERMS = 'orchestration migration workflow phases pipeline';

/** Words that, with "same" in one clause, compare a new version with an old one ("the same way the old one did"). */
export const PRIOR_VERSION_WORDS: ReadonlySet<string> = new Set([
  'old',
  'original',
  'previous',
  'did',
  'used',
  'before',
  'legacy',
  'existing',
]);
/** Words that compare two things: with a prior-version word in the clause, the two versions of a program. */
export const COMPARISON_WORDS: ReadonlySet<string> = new Set([
  'same',
  'compared',
  'compare',
  'comparing',
  'versus',
]);
/** What such a comparison asks for. */
export const EQUIVALENCE_TERMS = 'behavioural equivalence';

/** Other spellings of tools that knowledge files list under `replaces`. */
export const TOOL_ALIASES: Readonly<Record<string, string>> = {
  sklearn: 'scikit-learn',
  'scikit learn': 'scikit-learn',
  torch: 'pytorch',
  np: 'numpy',
  tf: 'tensorflow',
  'hugging face hub': 'hugging face',
  'llama.cpp': 'llama.cpp',
  'llama cpp': 'llama.cpp',
  pyspark: 'spark',
  networkx: 'networkx',
  'ml flow': 'mlflow',
};

/** An algorithm people name, with its cost class and the words that lead to the right component. */
export interface AlgorithmHint {
  readonly id: string;
  readonly phrases: readonly string[];
  readonly complexity: ComplexityClass;
  /** Words appended to the question, e.g. "random forest" adds "classification machine learning". */
  readonly expands: string;
  /** Neural-network work that, at any real size, belongs on a GPU. */
  readonly deep: boolean;
}

const classical = (id: string, phrases: string[], expands: string): AlgorithmHint => ({
  id,
  phrases,
  complexity: 'medium',
  expands,
  deep: false,
});
const deep = (id: string, phrases: string[], expands: string): AlgorithmHint => ({
  id,
  phrases,
  complexity: 'high',
  expands,
  deep: true,
});

export const ALGORITHMS: readonly AlgorithmHint[] = [
  classical(
    'random-forest',
    ['random forest', 'random forests'],
    'classification ensemble classical machine learning',
  ),
  classical(
    'decision-tree',
    ['decision tree', 'decision trees'],
    'classification classical machine learning',
  ),
  classical(
    'gradient-boosting',
    ['gradient boosting', 'xgboost', 'lightgbm', 'boosted trees'],
    'classification regression ensemble classical machine learning',
  ),
  classical('k-means', ['k means', 'kmeans'], 'clustering unsupervised classical machine learning'),
  classical(
    'dbscan',
    ['dbscan', 'hierarchical clustering'],
    'clustering unsupervised classical machine learning',
  ),
  classical(
    'linear-regression',
    ['linear regression', 'ridge regression', 'lasso'],
    'regression classical machine learning',
  ),
  classical('logistic-regression', ['logistic regression'], 'classification classical machine learning'),
  classical('naive-bayes', ['naive bayes'], 'classification classical machine learning'),
  classical(
    'knn',
    ['k nearest neighbors', 'k nearest neighbours', 'knn'],
    'classification classical machine learning',
  ),
  {
    ...classical('svm', ['svm', 'support vector machine'], 'classification classical machine learning'),
    complexity: 'high',
  },
  {
    ...classical(
      'pca',
      ['pca', 'principal component analysis'],
      'dimensionality reduction classical machine learning',
    ),
    complexity: 'high',
  },
  classical(
    'cross-validation',
    ['cross validation', 'grid search', 'hyperparameter search'],
    'model selection classical machine learning',
  ),
  deep(
    'transformer',
    ['transformer', 'transformers', 'attention', 'bert', 'gpt'],
    'neural network deep learning',
  ),
  deep(
    'lora',
    ['lora', 'qlora', 'low rank adaptation', 'adapter', 'adapters'],
    'fine tuning parameter efficient training',
  ),
  deep(
    'neural-network',
    ['neural network', 'neural net', 'cnn', 'rnn', 'lstm', 'mlp', 'deep learning'],
    'deep learning training',
  ),
  deep(
    'backpropagation',
    ['backpropagation', 'backprop', 'autograd', 'gradient descent', 'sgd', 'adam optimizer', 'adam', 'adamw'],
    'training automatic differentiation',
  ),
  deep(
    'llm',
    ['llm', 'large language model', 'language model', 'chat model', 'llama', 'mistral'],
    'language model',
  ),
  {
    ...deep(
      'matmul',
      [
        'matrix multiplication',
        'matrix multiply',
        'matrix product',
        'matmul',
        'gemm',
        'multiply matrices',
        'multiply two matrices',
      ],
      'matrix tensor compute',
    ),
    deep: false,
  },
  { ...deep('convolution', ['convolution', 'convolutions', 'fft'], 'tensor compute'), deep: false },
  {
    ...classical(
      'reduction',
      ['dot product', 'sum', 'mean', 'average', 'norm', 'max', 'min', 'variance'],
      'vector compute',
    ),
    complexity: 'medium',
  },
  {
    ...classical(
      'elementwise',
      ['element wise', 'elementwise', 'add vectors', 'add arrays', 'vector addition', 'scale', 'addition'],
      'vector compute',
    ),
    complexity: 'low',
  },
  classical(
    'ann-search',
    ['hnsw', 'approximate nearest neighbor', 'approximate nearest neighbour'],
    'vector search similarity',
  ),
  classical('bm25', ['bm25', 'tf idf', 'keyword search', 'full text search'], 'keyword retrieval search'),
  classical(
    'graph-algorithm',
    [
      'pagerank',
      'shortest path',
      'centrality',
      'topological sort',
      'community detection',
      'breadth first search',
    ],
    'graph analytics',
  ),
];

/**
 * Everyday wording mapped to technical terms. Each entry is general (it would hold for any question),
 * so it teaches vocabulary rather than answers.
 */
export const CONCEPTS: readonly (readonly [string, string])[] = [
  ['unsupervised', 'clustering'],
  ['unlabelled', 'clustering unsupervised'],
  ['unlabeled', 'clustering unsupervised'],
  ['group similar', 'clustering'],
  ['segment customers', 'clustering'],
  ['predict price', 'regression'],
  ['predict prices', 'regression'],
  ['forecast', 'regression time series'],
  ['spam', 'classification'],
  ['categorize', 'classification'],
  ['classify', 'classification'],
  ['classifier', 'classification'],
  ['tabular', 'classical machine learning'],
  ['features', 'machine learning'],
  ['reduce columns', 'dimensionality reduction'],
  ['fewer dimensions', 'dimensionality reduction'],
  ['chart', 'visualization plot'],
  ['plot', 'visualization'],
  ['heatmap', 'visualization plot'],
  ['dashboard', 'visualization'],
  ['draw', 'visualization rendering'],
  ['png', 'visualization rendering'],
  ['system calls', 'syscall tracing'],
  ['syscalls', 'syscall tracing'],
  ['strace', 'syscall tracing'],
  ['behaves', 'equivalence validation golden trace'],
  ['orchestrate', 'orchestration workflow'],
  ['end to end migration', 'orchestration workflow'],
  ['whole migration', 'orchestration workflow'],
  ['version models', 'model registry versioning'],
  ['provenance', 'lineage'],
  ['reproducible', 'reproducibility provenance'],
  ['semantic search', 'vector search embeddings'],
  ['similar items', 'vector search similarity'],
  ['similar products', 'vector search similarity recommendation'],
  ['nearest neighbor', 'vector search similarity'],
  ['nearest neighbour', 'vector search similarity'],
  ['embeddings', 'vector embedding'],
  ['question answering', 'retrieval augmented generation rag'],
  ['answer questions', 'retrieval augmented generation rag'],
  ['cited passages', 'retrieval citations rag'],
  ['documents', 'document retrieval'],
  ['chatbot', 'language model inference'],
  ['generate text', 'language model inference'],
  ['serve', 'inference serving'],
  ['serving', 'inference'],
  ['endpoint', 'inference serving'],
  ['deploy model', 'inference serving'],
  ['run model', 'inference'],
  ['pretrained', 'fine tuning'],
  ['little memory', 'parameter efficient'],
  ['teach model', 'training fine tuning'],
  ['epochs', 'training'],
  ['loss', 'training'],
  ['technical debt', 'code quality analysis'],
  ['complexity', 'code quality complexity analysis'],
  ['poorly documented', 'code quality documentation analysis'],
  ['lint', 'static analysis linting'],
  ['code review', 'code quality'],
  ['tests catch bugs', 'mutation testing'],
  ['test quality', 'mutation testing coverage'],
  ['good enough to ship', 'quality gate'],
  ['installer', 'bootstrap installer shell'],
  ['install script', 'bootstrap installer shell'],
  ['parallel', 'distributed parallel'],
  ['many cores', 'parallel multi core'],
  ['workers', 'distributed task scheduling'],
  ['job queue', 'distributed task scheduling'],
  ['read csv', 'data loading'],
  ['load data', 'data loading'],
  ['dataset', 'data'],
  ['spreadsheet', 'tabular data loading'],
  ['claude', 'mcp agent tools'],
  ['agent tools', 'mcp'],
  ['tool calling', 'mcp'],
  ['memory safe', 'ownership safety'],
  ['raw pointers', 'pointer ownership'],
  ['legacy code', 'migration'],
  ['array', 'tensor vector compute'],
  ['matrices', 'matrix tensor compute'],
  ['linear algebra', 'matrix tensor compute'],
  ['floats', 'vector compute'],
  ['number crunching', 'tensor vector compute'],
  ['blas', 'linear algebra matrix'],
  ['dataframe', 'data loading tabular'],
  ['etl', 'data loading pipeline'],
  ['data cleaning', 'data quality validation'],
  ['anomaly detection', 'classical machine learning outlier'],
  ['sentiment', 'text classification'],
  ['fraud', 'classification anomaly detection'],
  ['churn', 'classification'],
  ['outliers', 'classical machine learning outlier'],
  ['tokens per second', 'inference throughput'],
  ['code smells', 'code quality analysis'],
  ['dead code', 'code quality analysis'],
  ['duplicated code', 'code quality duplication analysis'],
  ['map reduce', 'distributed parallel'],
  ['mapreduce', 'distributed parallel'],
  ['call graph', 'graph analytics'],
  ['social network', 'graph analytics'],
  ['histogram', 'visualization plot'],
  ['scatter', 'visualization plot'],
  ['chat with documents', 'retrieval augmented generation rag'],
  ['knowledge base', 'document retrieval'],
];
