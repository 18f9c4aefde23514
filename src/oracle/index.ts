/** The oracle layer's entry: question understanding and the component recommendation. */
export { adviseCompute, MACHINE_MEMORY_BYTES, THRESHOLDS } from './compute.js';
export { loadComponentDocuments } from './documents.js';
export { defaultModelPath as learnedModelPath } from './learned/model-file.js';
export {
  createOracle,
  MIN_SCORE,
  type Oracle,
  type OracleOptions,
  type RecommendOptions,
} from './recommend.js';
export { createStackOracle, type StackOracleOptions } from './stack-oracle.js';
export type { StemCache } from './stem-cache.js';
export type {
  Backend,
  Citation,
  CiteFn,
  ComponentScore,
  ComputeAdvice,
  DataSize,
  Example,
  IntegrationStep,
  PrimaryPick,
  Problem,
  Recommendation,
  ScoreReason,
  SupportingPick,
} from './types.js';
