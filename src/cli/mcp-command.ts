import { type CliIo, EXIT } from './io.js';

export async function run(_argv: string[], io: CliIo): Promise<number> {
  io.stderr('batuta: this command is not built yet\n');
  return EXIT.none;
}
