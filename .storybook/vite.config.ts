// Storybook's Vite config: the kit's public names resolve to its sources, as in the demo, and
// `virtual:custom-elements-manifest` is dist/custom-elements.json (from `npm run manifest`).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const MANIFEST_ID = 'virtual:custom-elements-manifest';

/** Serves the manifest as a module, with a clear message when it has not been generated. */
function customElementsManifest(): Plugin {
  const file = root('dist/custom-elements.json');
  return {
    name: 'stream-chat-elements:custom-elements-manifest',
    resolveId: (id) => (id === MANIFEST_ID ? `\0${MANIFEST_ID}` : undefined),
    async load(id) {
      if (id !== `\0${MANIFEST_ID}`) return undefined;
      this.addWatchFile(file);
      const json = await readFile(file, 'utf8').catch(() => {
        throw new Error(`${file} is missing: run \`npm run manifest\` first.`);
      });
      return `export default ${json};`;
    },
  };
}

export default defineConfig({
  resolve: {
    alias: [
      { find: /^stream-chat-elements\/define$/, replacement: root('src/define.ts') },
      { find: /^stream-chat-elements$/, replacement: root('src/index.ts') },
    ],
  },
  // KaTeX's stylesheet and fonts, served at /katex/ (see staticDirs in main.ts).
  define: { __SCE_KATEX_DIR__: JSON.stringify('/katex/') },
  plugins: [customElementsManifest()],
});
