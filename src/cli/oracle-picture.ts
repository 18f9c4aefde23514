/**
 * `batuta oracle --list | --integrations "A -> B" | "QUESTION" --format svg|mermaid|dot`: the stack, an
 * integration route or an answer drawn as a picture on stdout. Exit 0 with a picture, 1 when there is
 * nothing to draw (no route, no fitting component), 2 on bad usage.
 */
import { findIntegrationRoute } from '../knowledge/index.js';
import {
  drawPicture,
  type PictureFormat,
  recommendationScene,
  routeScene,
  type Scene,
  stackScene,
} from '../picture/index.js';
import { type CliIo, EXIT, reportError } from './io.js';
import type { OracleFlags } from './oracle-command.js';
import { loadCliGraph, parseIntegrationPair } from './oracle-graph.js';
import { noMatchLine, recommendFor } from './oracle-recommend.js';

async function sceneFor(flags: OracleFlags, io: CliIo): Promise<Scene | null> {
  if (flags.question !== null) {
    const { knowledge, recommendation } = await recommendFor(flags.question, io, false);
    if (recommendation.primary !== null) return recommendationScene(knowledge, recommendation);
    io.stderr(noMatchLine(flags.question));
    return null;
  }
  const kg = loadCliGraph(io.env);
  if (flags.integrations === null) return stackScene(kg.knowledge);
  const [from, to] = parseIntegrationPair(flags.integrations);
  const route = findIntegrationRoute(kg, from, to);
  if (route.mode !== 'none') return routeScene(kg.knowledge, route);
  io.stderr(
    `batuta oracle: no chain of integrations connects ${route.from} and ${route.to} (nothing to draw)\n`,
  );
  return null;
}

/** Prints the picture the flags ask for; errors become one line on stderr. */
export async function runPicture(flags: OracleFlags, format: PictureFormat, io: CliIo): Promise<number> {
  try {
    const scene = await sceneFor(flags, io);
    if (scene === null) return EXIT.none;
    io.stdout(await drawPicture(scene, format));
    return EXIT.ok;
  } catch (error) {
    return reportError(io, 'oracle', error);
  }
}
