import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import solid from 'vite-plugin-solid';
import { describeInitialJs, INITIAL_JS_LIMIT_BYTES, initialJs } from './scripts/initial-js.mjs';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Prints the gzip size of the JS the first page load needs (the entry script and the modules
 * index.html preloads) and fails the build above the budget, so CI notices a page that stopped
 * loading lazily.
 */
function checkInitialJs(): Plugin {
  let outDir = '';
  return {
    name: 'check-initial-js',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      const result = initialJs(outDir);
      console.log(`\n${describeInitialJs(result)}`);
      if (result.gzipBytes > INITIAL_JS_LIMIT_BYTES) {
        throw new Error(`The initial JavaScript is over budget: ${result.files.map((entry) => entry.file).join(', ')}`);
      }
    },
  };
}

export default defineConfig({
  root: fromRoot('./client'),
  publicDir: fromRoot('./client/public'),
  plugins: [solid(), checkInitialJs()],
  build: {
    outDir: fromRoot('./dist/client'),
    emptyOutDir: true,
    target: 'es2022',
  },
});
