/**
 * The table that maps Python ML and data APIs to the stack components replacing them. It is data: add a
 * row to teach analysis and planning a new API. `kind` feeds the optimizer's cost model.
 */

/** How heavy an operation is per element, for the backend cost model. */
export type OpKind = 'elementwise' | 'reduction' | 'matmul' | 'model' | 'io';

export interface ApiMapping {
  /** Fully qualified Python name; a row also matches anything below it (`numpy.linalg` matches `numpy.linalg.inv`). */
  readonly api: string;
  readonly component: string;
  readonly replacement: string;
  readonly kind: OpKind;
}

export const API_MAPPINGS: readonly ApiMapping[] = [
  {
    api: 'numpy.dot',
    component: 'trueno',
    replacement: 'trueno matrix ops: Matrix::matmul / Vector::dot',
    kind: 'matmul',
  },
  {
    api: 'numpy.matmul',
    component: 'trueno',
    replacement: 'trueno matrix ops: Matrix::matmul',
    kind: 'matmul',
  },
  {
    api: 'numpy.linalg',
    component: 'trueno',
    replacement: 'trueno linear algebra on Matrix',
    kind: 'matmul',
  },
  {
    api: 'numpy.array',
    component: 'trueno',
    replacement: 'trueno Vector::from_slice / Matrix::from_vec',
    kind: 'elementwise',
  },
  {
    api: 'numpy.zeros',
    component: 'trueno',
    replacement: 'trueno Vector::zeros / Matrix::zeros',
    kind: 'elementwise',
  },
  {
    api: 'numpy.ones',
    component: 'trueno',
    replacement: 'trueno Vector filled with 1.0',
    kind: 'elementwise',
  },
  {
    api: 'numpy.add',
    component: 'trueno',
    replacement: 'trueno Vector::add (SIMD element-wise)',
    kind: 'elementwise',
  },
  { api: 'numpy.subtract', component: 'trueno', replacement: 'trueno Vector::sub', kind: 'elementwise' },
  { api: 'numpy.multiply', component: 'trueno', replacement: 'trueno Vector::mul', kind: 'elementwise' },
  {
    api: 'numpy.sum',
    component: 'trueno',
    replacement: 'trueno Vector::sum (SIMD reduction)',
    kind: 'reduction',
  },
  { api: 'numpy.mean', component: 'trueno', replacement: 'trueno Vector::mean', kind: 'reduction' },
  { api: 'numpy.std', component: 'trueno', replacement: 'trueno Vector::stddev', kind: 'reduction' },
  { api: 'numpy.max', component: 'trueno', replacement: 'trueno Vector::max', kind: 'reduction' },
  { api: 'numpy.min', component: 'trueno', replacement: 'trueno Vector::min', kind: 'reduction' },
  { api: 'numpy.argmax', component: 'trueno', replacement: 'trueno Vector::argmax', kind: 'reduction' },
  { api: 'numpy.exp', component: 'trueno', replacement: 'trueno element-wise exp', kind: 'elementwise' },
  { api: 'numpy.sqrt', component: 'trueno', replacement: 'trueno element-wise sqrt', kind: 'elementwise' },
  {
    api: 'numpy',
    component: 'trueno',
    replacement: 'trueno Vector/Matrix compute primitives',
    kind: 'elementwise',
  },
  {
    api: 'scipy.linalg',
    component: 'trueno',
    replacement: 'trueno linear algebra on Matrix',
    kind: 'matmul',
  },
  {
    api: 'sklearn.linear_model.LinearRegression',
    component: 'aprender',
    replacement: 'aprender::linear_model::LinearRegression',
    kind: 'model',
  },
  {
    api: 'sklearn.linear_model.LogisticRegression',
    component: 'aprender',
    replacement: 'aprender::classification::LogisticRegression',
    kind: 'model',
  },
  {
    api: 'sklearn.linear_model',
    component: 'aprender',
    replacement: 'aprender::linear_model',
    kind: 'model',
  },
  {
    api: 'sklearn.ensemble.RandomForestClassifier',
    component: 'aprender',
    replacement: 'aprender::tree::RandomForestClassifier',
    kind: 'model',
  },
  { api: 'sklearn.ensemble', component: 'aprender', replacement: 'aprender::tree ensembles', kind: 'model' },
  {
    api: 'sklearn.tree.DecisionTreeClassifier',
    component: 'aprender',
    replacement: 'aprender::tree::DecisionTreeClassifier',
    kind: 'model',
  },
  {
    api: 'sklearn.cluster.KMeans',
    component: 'aprender',
    replacement: 'aprender::cluster::KMeans',
    kind: 'model',
  },
  { api: 'sklearn.cluster', component: 'aprender', replacement: 'aprender::cluster', kind: 'model' },
  {
    api: 'sklearn.preprocessing.StandardScaler',
    component: 'aprender',
    replacement: 'aprender::preprocessing::StandardScaler',
    kind: 'elementwise',
  },
  {
    api: 'sklearn.preprocessing',
    component: 'aprender',
    replacement: 'aprender::preprocessing',
    kind: 'elementwise',
  },
  {
    api: 'sklearn.model_selection.train_test_split',
    component: 'aprender',
    replacement: 'aprender::model_selection::train_test_split',
    kind: 'io',
  },
  {
    api: 'sklearn.model_selection',
    component: 'aprender',
    replacement: 'aprender::model_selection',
    kind: 'model',
  },
  { api: 'sklearn.metrics', component: 'aprender', replacement: 'aprender::metrics', kind: 'reduction' },
  { api: 'sklearn', component: 'aprender', replacement: 'aprender classical ML', kind: 'model' },
  {
    api: 'torch.load',
    component: 'realizar',
    replacement: 'realizar model loading (GGUF/SafeTensors)',
    kind: 'io',
  },
  { api: 'torch.matmul', component: 'trueno', replacement: 'trueno Matrix::matmul', kind: 'matmul' },
  {
    api: 'torch.nn',
    component: 'entrenar',
    replacement: 'entrenar layers and autograd for training',
    kind: 'model',
  },
  { api: 'torch.optim', component: 'entrenar', replacement: 'entrenar optimizers', kind: 'model' },
  {
    api: 'torch',
    component: 'realizar',
    replacement: 'realizar inference (training moves to entrenar)',
    kind: 'model',
  },
  {
    api: 'transformers',
    component: 'realizar',
    replacement: 'realizar inference server and model formats',
    kind: 'model',
  },
  {
    api: 'pandas.read_csv',
    component: 'alimentar',
    replacement: 'alimentar CSV loading into Arrow record batches',
    kind: 'io',
  },
  {
    api: 'pandas.read_parquet',
    component: 'alimentar',
    replacement: 'alimentar Parquet loading',
    kind: 'io',
  },
  {
    api: 'pandas.DataFrame',
    component: 'trueno-db',
    replacement: 'trueno-db columnar tables (Arrow)',
    kind: 'reduction',
  },
  {
    api: 'pandas',
    component: 'alimentar',
    replacement: 'alimentar data loading with trueno-db for queries',
    kind: 'io',
  },
  { api: 'polars', component: 'trueno-db', replacement: 'trueno-db columnar queries', kind: 'reduction' },
  {
    api: 'networkx',
    component: 'trueno-graph',
    replacement: 'trueno-graph graph algorithms',
    kind: 'reduction',
  },
  { api: 'matplotlib', component: 'trueno-viz', replacement: 'trueno-viz plots', kind: 'io' },
  { api: 'multiprocessing', component: 'repartir', replacement: 'repartir work distribution', kind: 'io' },
];

/** The most specific table row for a qualified API name, if any. */
export function findMapping(api: string): ApiMapping | undefined {
  let best: ApiMapping | undefined;
  for (const row of API_MAPPINGS) {
    if (api !== row.api && !api.startsWith(`${row.api}.`)) continue;
    if (best === undefined || row.api.length > best.api.length) best = row;
  }
  return best;
}

/** The library a qualified name belongs to (`sklearn.ensemble.X` → `sklearn`). */
export function libraryOf(api: string): string {
  return api.split('.')[0] ?? api;
}
