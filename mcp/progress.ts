/**
 * Progress and cancellation for long tools (indexing, transpiling, validating, deploying). The domain
 * takes an AbortSignal and an `onProgress(fraction, message)` callback; this adapts them to the request
 * the client sent: progress notifications only when the client asked for them (a progressToken), values
 * strictly increasing as the protocol requires, and the request's own signal for cancellation.
 */
import type { ServerContext } from '@modelcontextprotocol/server';

/** What the SDK hands a tool handler besides its arguments. */
export type ToolExtra = ServerContext;

/** Reports how far a long task is, as a fraction from 0 to 1 with an optional human message. */
export type ProgressReporter = (fraction: number, message?: string) => void;

/** The signal and progress callback a long domain operation takes. */
export interface LongRunControl {
  readonly signal: AbortSignal;
  readonly onProgress: ProgressReporter;
}

/** Steps a progress notification is expressed in: `progress` counts up to this `total`. */
export const PROGRESS_TOTAL = 100;

/** Builds the reporter for one tool call; a no-op when the client did not ask for progress. */
export function createProgressReporter(extra: ToolExtra): ProgressReporter {
  const token = extra.mcpReq._meta?.progressToken;
  if (token === undefined) return () => {};
  let last = -1;
  return (fraction, message) => {
    const progress = Math.round(Math.min(1, Math.max(0, fraction)) * PROGRESS_TOTAL);
    if (progress <= last || extra.mcpReq.signal.aborted) return;
    last = progress;
    const params = { progressToken: token, progress, total: PROGRESS_TOTAL, ...(message ? { message } : {}) };
    extra.mcpReq.notify({ method: 'notifications/progress', params }).catch(() => {});
  };
}

/** The request's cancellation signal and progress reporter, as a long domain operation takes them. */
export function longRunControl(extra: ToolExtra): LongRunControl {
  return { signal: extra.mcpReq.signal, onProgress: createProgressReporter(extra) };
}
