/** The migration layer's entry: the five phases, their workflow state and the reports. */
export { analyzeProject } from './analyze.js';
export type { Diagnostic } from './cargo-check.js';
export { ConfigSchema, loadConfig, type MigrationConfig } from './config.js';
export { type BackendChoice, COST_DEFAULTS, chooseBackend, type Intensity } from './cost-model.js';
export { type Dependency, describeDependency } from './declared-dependencies.js';
export { countOf, describePhase } from './describe.js';
export { type FileState, fileLines, fileStates } from './file-states.js';
export { API_MAPPINGS, type ApiMapping, findMapping } from './ml-mappings.js';
export { planMigration } from './plan.js';
export { renderHtml, renderMarkdown } from './report.js';
export { describeReset, type ResetOutcome, resetProject } from './reset.js';
export {
  readBrief,
  type Submission,
  SubmissionSchema,
  submitTranslation,
} from './submit.js';
export { compareEffects, type Effects, reduceTrace } from './trace.js';
export {
  type Analysis,
  AnalysisSchema,
  type PendingFile,
  PendingFileSchema,
  PHASES,
  type Phase,
  type PhaseOptions,
  type PhaseResult,
  PhaseResultSchema,
  type PhaseRun,
  type Plan,
  PlanSchema,
  type Progress,
  type Status,
  StatusSchema,
} from './types.js';
export { getStatus, parsePhase, runPhase } from './workflow.js';
