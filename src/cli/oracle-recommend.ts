import { type CliIo, EXIT } from './io.js';
import type { OracleFlags } from './oracle-command.js';

export async function runRecommend(_flags: OracleFlags, io: CliIo): Promise<number> {
  io.stderr('batuta oracle: recommendations are not built yet\n');
  return EXIT.none;
}
