import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { mockModelServer } from './demo/server/plugin.mjs';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));
const dependencies =
  /^(lit|@lit|lit-html|lit-element|marked|dompurify|eventsource-parser|highlight\.js|katex|mermaid|react|react-dom|ws)(\/|$)/;

/**
 * KaTeX's stylesheet and WOFF2 fonts, copied to dist/katex/ (as KaTeX lays them out), where
 * math-render.ts finds them relative to its own URL: `katex/` from the embed's chunks,
 * `../katex/` from dist/markdown/.
 */
const katexDir = fileURLToPath(new URL('./node_modules/katex/dist/', import.meta.url));
const katexFiles = (): Plugin => ({
  name: 'katex-files',
  generateBundle() {
    this.emitFile({
      type: 'asset',
      fileName: 'katex/katex.min.css',
      source: readFileSync(`${katexDir}katex.min.css`),
    });
    for (const font of readdirSync(`${katexDir}fonts`).filter((name) => name.endsWith('.woff2'))) {
      this.emitFile({
        type: 'asset',
        fileName: `katex/fonts/${font}`,
        source: readFileSync(`${katexDir}fonts/${font}`),
      });
    }
  },
});

/**
 * `vite` serves the demo (demo/) on port 5173 with the kit's source behind its public names.
 * `vite build` writes the package entries (dependencies external, one file per module);
 * `vite build --mode embed` writes the self-contained, minified embed for `<script type="module">`.
 */
export default defineConfig(({ command, mode }): UserConfig => {
  const alias = [
    { find: /^stream-chat-elements\/define$/, replacement: src('define.ts') },
    { find: /^stream-chat-elements\/react$/, replacement: src('react.ts') },
    { find: /^stream-chat-elements$/, replacement: src('index.ts') },
  ];
  if (command === 'serve') {
    return {
      root: 'demo',
      // Without 'development' among the conditions, Lit resolves to its production build.
      resolve: { alias, conditions: ['module', 'browser', 'production'] },
      define: { __SCE_KATEX_DIR__: JSON.stringify(`/@fs${katexDir}`) },
      // The mock model server (and upstream proxy) on the same port: see demo/server/.
      plugins: [mockModelServer()],
      server: { port: 5173, host: 'localhost' },
    };
  }
  if (mode === 'embed') {
    return {
      define: { __SCE_KATEX_DIR__: JSON.stringify('katex/') },
      plugins: [katexFiles()],
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        target: 'es2022',
        minify: true,
        lib: {
          entry: src('embed.ts'),
          formats: ['es'],
          fileName: () => 'stream-chat-elements.js',
        },
        rollupOptions: {
          // Lets lazy chunks import shared code from the main file: otherwise Rolldown moves
          // modules shared with a lazy chunk into extra chunks the main file imports statically.
          preserveEntrySignatures: 'allow-extension',
          output: {
            minify: true,
            chunkFileNames: 'stream-chat-elements.[name]-[hash].js',
          },
        },
      },
    };
  }
  return {
    define: { __SCE_KATEX_DIR__: JSON.stringify('../katex/') },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      lib: {
        entry: {
          index: src('index.ts'),
          define: src('define.ts'),
          react: src('react.ts'),
          'server/index': src('server/index.ts'),
        },
        formats: ['es'],
      },
      rollupOptions: {
        external: (id) => dependencies.test(id),
        output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
      },
    },
  };
});
