import { type CliIo, EXIT } from './io.js';
import type { OracleFlags } from './oracle-command.js';

export async function runGraphQuery(_flags: OracleFlags, io: CliIo): Promise<number> {
  io.stderr('batuta oracle: graph lookups are not built yet\n');
  return EXIT.none;
}
