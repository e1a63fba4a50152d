/**
 * Type-checks a file as an application's `tsc --noEmit` would (strict, ES2022 modules, the
 * bundler resolution, DOM types): how the packaging and framework tests check code against the
 * packed package's declarations.
 */
import { dirname, relative } from 'node:path';
import ts from 'typescript';

/** What the compiler made of `file`: the program, and each diagnostic as `file:line: text`. */
export function typeCheck(
  file: string,
  options: { skipLibCheck?: boolean } = {},
): { program: ts.Program; diagnostics: string[] } {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    skipLibCheck: options.skipLibCheck ?? false,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: [],
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const { file: source, start = 0 } = diagnostic;
    const line = source ? source.getLineAndCharacterOfPosition(start).line + 1 : 0;
    const where = source ? `${relative(dirname(file), source.fileName)}:${String(line)}: ` : '';
    return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  });
  return { program, diagnostics };
}
