// A worker for test/server/routes/frameworks.mjs: compiles one Angular component file ahead of
// time with ngc (@angular/compiler-cli), as `ng build` does, so the decorators become static
// Ivy definitions and no JIT compiler runs for the example. The kit's types come from a stub:
// the full type check with strict templates is `npm run typecheck`'s.
// @ts-expect-error compiler-cli's typings use extensionless imports, unresolved under NodeNext.
import { performCompilation, readConfiguration } from '@angular/compiler-cli';
import { parentPort, workerData } from 'node:worker_threads';

/** @type {{ root: string, path: string }} */
const { root, path } = workerData;
const stub = `${root}test/frameworks/apps/angular-types.d.ts`;

try {
  const config = readConfiguration(`${root}examples/angular/tsconfig.json`, {
    noEmit: false,
    declaration: false,
    sourceMap: false,
    strictTemplates: false,
    paths: { 'stream-chat-elements': [stub], 'stream-chat-elements/define': [stub] },
  });
  /** @type {string | undefined} */
  let code;
  const { diagnostics } = performCompilation({
    rootNames: [path],
    options: config.options,
    emitFlags: config.emitFlags,
    emitCallback: (
      /** @type {{ program: import('typescript').Program, customTransformers?: import('typescript').CustomTransformers }} */ {
        program,
        customTransformers,
      },
    ) =>
      program.emit(
        program.getSourceFile(path),
        (/** @type {string} */ _name, /** @type {string} */ text) => (code = text),
        undefined,
        false,
        customTransformers,
      ),
  });
  /** @type {import('typescript').Diagnostic[]} */
  const all = diagnostics;
  const errors = all.filter((diagnostic) => diagnostic.category === 1);
  if (errors.length > 0 || code === undefined) {
    const messages = errors.map((error) => JSON.stringify(error.messageText));
    throw new Error(`ngc could not compile ${path}: ${messages.join('; ')}`);
  }
  parentPort?.postMessage({ code });
} catch (error) {
  parentPort?.postMessage({ error: String(error) });
}
