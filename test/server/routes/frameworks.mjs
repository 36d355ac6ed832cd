// Endpoints for the framework tests (test/frameworks/):
// - a fake CDN serving the BUILT dist/ files under another directory, as unpkg would;
// - the plain-HTML example page, loading the embed from that CDN with only HTML attributes;
// - an OpenAI Chat Completions SSE endpoint for that page;
// - the React, Vue and Svelte examples bundled with esbuild on request, each with its own copy
//   of the kit (from src/, behind its public package names) and of the framework. Bundling is
//   what lets a browser test run React 18 (CommonJS, installed as `react-18`) next to React 19.
// - the Angular example compiled ahead of time by ngc (@angular/compiler-cli), then bundled.
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { compile as compileSvelte } from 'svelte/compiler';
import { compileScript, parse } from 'vue/compiler-sfc';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DIST = `${ROOT}dist/`;

/** Where the example page loads the embed from, and where the tests serve it instead. */
const EXAMPLE_CDN = 'https://unpkg.com/stream-chat-elements@0/dist/';
const CDN_DIR = '/mock/cdn/stream-chat-elements@0/dist/';
const EXAMPLE_ENDPOINT = 'endpoint="/v1/chat/completions"';
const PAGE_ENDPOINT = 'endpoint="/mock/frameworks/v1/chat/completions"';
const PAGE_ANSWER = 'Hello from the **page**.';

/** The kit's tags: Vue must treat them as custom elements, not as unresolved components. */
const isCustomElement = (/** @type {string} */ tag) =>
  ['stream-chat', 'token-view', 'stop-button'].includes(tag);

/**
 * The bundles a test can load from /mock/frameworks/app/<name>.js.
 * @type {Record<string, { entry: string, alias?: Record<string, string> }>}
 */
const APPS = {
  'react-19': { entry: 'test/frameworks/apps/react-19.tsx' },
  'react-wrapper-19': { entry: 'test/frameworks/apps/react-wrapper.tsx' },
  'react-wrapper-18': {
    entry: 'test/frameworks/apps/react-wrapper.tsx',
    alias: { react: 'react-18', 'react-dom': 'react-dom-18' },
  },
  vue: { entry: 'test/frameworks/apps/vue.ts' },
  svelte: { entry: 'test/frameworks/apps/svelte.ts' },
  angular: { entry: 'test/frameworks/apps/angular.ts' },
};

/** The package's public names, resolved to the sources as the demo's Vite config does. */
const PACKAGE_ENTRIES = new Map([
  ['stream-chat-elements', 'src/index.ts'],
  ['stream-chat-elements/define', 'src/define.ts'],
  ['stream-chat-elements/react', 'src/react.ts'],
]);

/** @type {import('esbuild').Plugin} */
const packageEntries = {
  name: 'stream-chat-elements-sources',
  setup(builder) {
    builder.onResolve({ filter: /^stream-chat-elements(\/[a-z]+)?$/ }, ({ path }) => {
      const file = PACKAGE_ENTRIES.get(path);
      return file === undefined ? undefined : { path: ROOT + file };
    });
  },
};

/** Compiles Vue single-file components the way @vitejs/plugin-vue does (template inlined). */
/** @type {import('esbuild').Plugin} */
const vueFiles = {
  name: 'vue-sfc',
  setup(builder) {
    builder.onLoad({ filter: /\.vue$/ }, async ({ path }) => {
      // As in @vitejs/plugin-vue, the parser needs the option too: it decides element or component.
      const { descriptor, errors } = parse(await readFile(path, 'utf8'), {
        filename: path,
        templateParseOptions: { isCustomElement },
      });
      if (errors.length > 0) throw errors[0];
      const script = compileScript(descriptor, {
        id: path,
        inlineTemplate: true,
        templateOptions: { compilerOptions: { isCustomElement } },
      });
      return { contents: script.content, loader: 'ts', resolveDir: dirname(path) };
    });
  },
};

/** Compiles Svelte components the way @sveltejs/vite-plugin-svelte does (TypeScript included). */
/** @type {import('esbuild').Plugin} */
const svelteFiles = {
  name: 'svelte',
  setup(builder) {
    builder.onLoad({ filter: /\.svelte$/ }, async ({ path }) => {
      const { js, warnings } = compileSvelte(await readFile(path, 'utf8'), {
        filename: path,
        generate: 'client',
      });
      return {
        contents: js.code,
        loader: 'js',
        resolveDir: dirname(path),
        warnings: warnings.map((warning) => ({ text: `${warning.code}: ${warning.message}` })),
      };
    });
  },
};

/**
 * Compiles an Angular component file ahead of time, as `ng build` does (see
 * test/server/angular-aot.mjs), in a worker: ngc is synchronous and would hold up the runner.
 * @param {string} path
 * @returns {Promise<string>}
 */
function compileAngular(path) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../angular-aot.mjs', import.meta.url), {
      workerData: { root: ROOT, path },
    });
    worker.once('message', (/** @type {{ code?: string, error?: string }} */ result) =>
      result.code === undefined ? reject(new Error(result.error)) : resolve(result.code),
    );
    worker.once('error', reject);
  });
}

/** @type {import('esbuild').Plugin} */
const angularFiles = {
  name: 'angular-aot',
  setup(builder) {
    builder.onLoad({ filter: /examples\/angular\/.*\.component\.ts$/ }, async ({ path }) => ({
      contents: await compileAngular(path),
      loader: 'js',
      resolveDir: dirname(path),
    }));
  },
};

/** @param {{ entry: string, alias?: Record<string, string> }} app */
async function bundle(app) {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [app.entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    tsconfig: 'tsconfig.json',
    jsx: 'automatic',
    logLevel: 'silent',
    alias: app.alias ?? {},
    define: {
      'process.env.NODE_ENV': '"development"',
      __VUE_OPTIONS_API__: 'true',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    plugins: [packageEntries, vueFiles, svelteFiles, angularFiles],
  });
  // A warning about an example (say, Svelte's about its markup) fails the test that loads it.
  const own = result.warnings.filter((warning) => !warning.location?.file.includes('node_modules'));
  if (own.length > 0) throw new Error(own.map((warning) => warning.text).join('\n'));
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error(`esbuild wrote nothing for ${app.entry}`);
  return output.text;
}

/**
 * The files of dist/ when the runner started: routes are registered once, so a rebuild with new
 * chunk names needs a runner restart (the test compares this list with dist/ to say so).
 */
const distFiles = existsSync(DIST)
  ? readdirSync(DIST, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name)
  : [];
/** KaTeX's stylesheet and fonts, which the embed's math chunk fetches from `katex/`. */
const katexFiles = existsSync(`${DIST}katex/fonts`)
  ? [
      'katex/katex.min.css',
      ...readdirSync(`${DIST}katex/fonts`).map((font) => `katex/fonts/${font}`),
    ]
  : [];
/** @type {Record<string, string>} */
const TYPES = { js: 'text/javascript', css: 'text/css', woff2: 'font/woff2' };

/** @type {Record<string, import('../plugin.mjs').HttpHandler>} */
const cdn = Object.fromEntries(
  [...distFiles, ...katexFiles].map((name) => [
    CDN_DIR + name,
    async (_req, res) => {
      const path = DIST + name;
      if (!existsSync(path)) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end(`dist/${name} is gone: rebuild and restart the runner.`);
        return;
      }
      const type = TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/json';
      const charset = type.startsWith('font/') ? '' : '; charset=utf-8';
      res.writeHead(200, { 'content-type': `${type}${charset}`, 'cache-control': 'no-store' });
      res.end(await readFile(path));
    },
  ]),
);

/**
 * @param {string} text
 * @param {string} search
 * @param {string} replacement
 */
function replaceOnce(text, search, replacement) {
  const parts = text.split(search);
  if (parts.length !== 2) {
    throw new Error(`examples/html/index.html must contain ${search} exactly once`);
  }
  return parts.join(replacement);
}

/**
 * One Chat Completions stream chunk.
 * @param {string} text
 * @param {string | null} [finishReason]
 */
function openAiChunk(text, finishReason = null) {
  const choice = {
    index: 0,
    delta: text === '' ? {} : { content: text },
    finish_reason: finishReason,
  };
  return `data: ${JSON.stringify({ id: 'chatcmpl-page', object: 'chat.completion.chunk', choices: [choice] })}\n\n`;
}

/** @type {import('../plugin.mjs').RouteModule} */
export default {
  http: {
    ...cdn,
    '/mock/frameworks/cdn-files': async (_req, res) => {
      const present = existsSync(DIST)
        ? readdirSync(DIST, { withFileTypes: true })
            .filter((entry) => entry.isFile())
            .map((entry) => entry.name)
        : [];
      const embed = await Promise.all(
        present
          .filter((name) => name.startsWith('stream-chat-elements') && name.endsWith('.js'))
          .map(async (name) => ({ name, source: await readFile(DIST + name, 'utf8') })),
      );
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(
        JSON.stringify({
          cdnDir: CDN_DIR,
          pageAnswer: PAGE_ANSWER,
          served: distFiles,
          present,
          embed,
        }),
      );
    },
    '/mock/frameworks/script-tag.html': async (_req, res) => {
      const example = await readFile(`${ROOT}examples/html/index.html`, 'utf8');
      const page = replaceOnce(
        replaceOnce(example, EXAMPLE_CDN, CDN_DIR),
        EXAMPLE_ENDPOINT,
        PAGE_ENDPOINT,
      );
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(page);
    },
    '/mock/frameworks/v1/chat/completions': async (req, res) => {
      await new Promise((resolve) => req.on('end', resolve).resume());
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      for (const piece of PAGE_ANSWER.match(/.{1,5}/gs) ?? []) res.write(openAiChunk(piece));
      res.write(openAiChunk('', 'stop'));
      res.end('data: [DONE]\n\n');
    },
    '/mock/frameworks/no-model': (_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'No model behind this endpoint.' } }));
    },
    ...Object.fromEntries(
      Object.entries(APPS).map(([name, app]) => [
        `/mock/frameworks/app/${name}.js`,
        async (_req, res) => {
          const code = await bundle(app);
          res.writeHead(200, {
            'content-type': 'text/javascript; charset=utf-8',
            'cache-control': 'no-store',
          });
          res.end(code);
        },
      ]),
    ),
  },
  ws: {
    // Lets the script-tag test start a WebSocket chat (to load its lazy chunk) without a server.
    '/mock/frameworks/ws-closed': (socket) => socket.close(1011, 'no model here'),
  },
};
