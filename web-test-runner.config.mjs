import { createServer } from 'node:net';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { build } from 'esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromiumPath, CHROMIUM_ARGS } from './scripts/chromium.mjs';
import { summaryReporter } from './scripts/summary-reporter.mjs';
import { testServers } from './test/server/plugin.mjs';

const executablePath = chromiumPath();

/**
 * highlight.js ships its core only as CommonJS (its `es/core.js` re-exports `lib/core.js`), a
 * self-contained file without require(): serve it to the browser as an ES module. Vite's
 * builds convert it themselves.
 */
const highlightJsCore = {
  name: 'highlight-js-core-as-esm',
  /** @param {import('koa').Context} context */
  transform(context) {
    if (!context.path.endsWith('/highlight.js/lib/core.js')) return undefined;
    return {
      body: `const module = { exports: {} };\n${context.body}\nexport default module.exports;`,
    };
  },
};
/** The kit's public names resolve to its sources, as in Storybook and the demo (stories use them). */
const packageSources = {
  name: 'stream-chat-elements-sources',
  /** @param {{ source: string }} import */
  resolveImport({ source }) {
    if (source === 'stream-chat-elements') return '/src/index.ts';
    if (source === 'stream-chat-elements/define') return '/src/define.ts';
    return undefined;
  },
};

/**
 * Mermaid imports CommonJS and UMD packages (dayjs, cytoscape layouts, …): serve it to the
 * browser as one ES module bundled by esbuild, built once on first use. Vite's builds and its
 * dev server bundle it themselves.
 */
// Not .js: the TypeScript plugin would transform the 3 MB bundle again for every page.
const MERMAID = '/__mermaid__.bundle';
/** @type {Promise<string> | undefined} */
let mermaidBundle;
const mermaidAsOneModule = {
  name: 'mermaid-as-one-module',
  /** @param {{ source: string }} options */
  resolveImport({ source }) {
    return source === 'mermaid' ? MERMAID : undefined;
  },
  /** @param {import('koa').Context} context */
  async serve(context) {
    if (context.path !== MERMAID) return undefined;
    mermaidBundle ??= build({
      stdin: { contents: "export { default } from 'mermaid';", resolveDir: process.cwd() },
      bundle: true,
      format: 'esm',
      write: false,
      logLevel: 'silent',
    }).then((result) => result.outputFiles[0]?.text ?? '');
    return { body: await mermaidBundle, type: 'js' };
  },
};
const servers = testServers();

/**
 * A port the system hands out as free. The runner's own search starts at 8000 and checks a port
 * before it binds it, so two runners started together (two `npm test` side by side) could both
 * pick the same one and one of them would crash.
 * @returns {Promise<number>}
 */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['test/**/*.test.ts', '!test/node/**'],
  port: await freePort(),
  nodeResolve: { exportConditions: ['browser', 'production'] },
  concurrency: 2,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 3000 } },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    servers.plugin,
    highlightJsCore,
    packageSources,
    mermaidAsOneModule,
  ],
  middleware: servers.middleware,
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath, headless: true, args: CHROMIUM_ARGS },
    }),
  ],
  reporters: [
    defaultReporter({ reportTestResults: true, reportTestProgress: !process.env.CI }),
    summaryReporter(),
  ],
};
