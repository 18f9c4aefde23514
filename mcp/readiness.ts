/**
 * What `GET /ready` reports: whether the knowledge base, the oracle's recommender (with its learned
 * model), the index database and the search models loaded. A part that failed makes the server not
 * ready (503); a part that is merely absent (no database indexed yet, no models so searches use BM25
 * only, no learned model so the oracle answers without it) leaves it ready to serve, degraded.
 */

/** One part of the server: loaded, absent (a normal state with less to offer) or failed. */
export interface ReadinessPart {
  readonly state: 'loaded' | 'absent' | 'failed';
  readonly detail: string;
}

export interface Readiness {
  readonly status: 'ready' | 'degraded' | 'not_ready';
  readonly knowledge: ReadinessPart;
  readonly oracle: ReadinessPart;
  readonly database: ReadinessPart;
  readonly models: ReadinessPart;
}

/** Combines the parts into one report. */
export function summarizeReadiness(parts: Omit<Readiness, 'status'>): Readiness {
  const states = [parts.knowledge.state, parts.oracle.state, parts.database.state, parts.models.state];
  const status = states.includes('failed') ? 'not_ready' : states.includes('absent') ? 'degraded' : 'ready';
  return { status, ...parts };
}
