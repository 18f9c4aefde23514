/**
 * End to end through the built `batuta` binary: a C file written like expat's examples, whose handlers carry the
 * calling-convention macro XMLCALL (`static void XMLCALL start(…)`), and a header whose prototype carries an
 * attribute macro (`… PRINTF_STYLE(1, 2);`, nettle's io.h), parse without damage: tree-sitter reads no
 * preprocessor, so the lone macro word is not a syntax error, in the analysis, its debt grade or the plan's risks.
 * A real syntax error still counts.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis, Plan } from '../../src/migration/types.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, runBatutaJson } from './run-batuta.js';
import { writeFiles } from './rust-project.js';

let home: string;
let project: string;

beforeAll(() => {
  home = tempDir('batuta-c-macros-e2e-');
  project = join(home, 'elements');
  writeFiles(project, {
    'elements.c': [
      '#include <stdio.h>',
      '#ifndef XMLCALL',
      '#define XMLCALL',
      '#endif',
      '',
      'static void XMLCALL start(void *data, const char *name) {',
      '  int *depth = (int *)data;',
      '  printf("%d %s\\n", *depth, name);',
      '  *depth += 1;',
      '}',
      '',
      'static void XMLCALL end(void *data, const char *name) {',
      '  (void)name;',
      '  *(int *)data -= 1;',
      '}',
      '',
      'int main(void) {',
      '  int depth = 0;',
      '  start(&depth, "a");',
      '  end(&depth, "a");',
      '  return 0;',
      '}',
      '',
    ].join('\n'),
    // nettle's examples: a format-attribute macro after a prototype.
    'io.h': '#ifndef IO_H\n#define IO_H\nvoid werror(const char *format, ...) PRINTF_STYLE(1, 2);\n#endif\n',
    'broken.c': 'int broken(void) { int x = 1 +; return x; }\n',
  });
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('a C calling-convention macro', () => {
  it('is no syntax error in the analysis, and a real one still is', () => {
    const analyzed = runBatuta(['analyze', project], home);
    expect(analyzed.code, analyzed.stderr).toBe(0);
    expect(analyzed.stdout).toContain('1 file does not parse cleanly (first: broken.c)');
    const analysis = JSON.parse(readFileSync(join(project, '.batuta', 'analysis.json'), 'utf8')) as Analysis;
    const elements = analysis.files.find((f) => f.path === 'elements.c')!;
    expect(elements.syntaxErrors).toBe(0);
    expect(elements.functions.map((f) => f.name)).toEqual(['start', 'end', 'main']);
    expect(analysis.files.find((f) => f.path === 'io.h')!.syntaxErrors).toBe(0);
    expect(analysis.files.find((f) => f.path === 'broken.c')!.syntaxErrors).toBe(1);
  });

  it('gives the plan no syntax risk for it', () => {
    const planned = runBatutaJson(['plan', project], home);
    expect(planned.code, planned.stderr).toBe(0);
    const plan = planned.body['summary'] as Plan;
    expect(plan.modules.find((m) => m.path === 'elements.c')!.risks).toEqual([]);
    expect(plan.modules.find((m) => m.path === 'broken.c')!.risks).toContain(
      '1 syntax error: the transpiler may reject the file',
    );
  });
});
