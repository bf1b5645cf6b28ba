import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import solid from 'vite-plugin-solid';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Prints the gzip size of the JS the first page load needs: the entry chunk and what it imports statically. */
function reportInitialJs(): Plugin {
  return {
    name: 'report-initial-js',
    apply: 'build',
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry);
      if (!entry || entry.type !== 'chunk') return;
      const seen = new Set<string>();
      const visit = (fileName: string): number => {
        const chunk = bundle[fileName];
        if (seen.has(fileName) || !chunk || chunk.type !== 'chunk') return 0;
        seen.add(fileName);
        return gzipSync(chunk.code).length + chunk.imports.reduce((sum, imported) => sum + visit(imported), 0);
      };
      const bytes = visit(entry.fileName);
      console.log(`\ninitial JS (${seen.size} chunk${seen.size === 1 ? '' : 's'}): ${(bytes / 1024).toFixed(1)} kB gzip`);
    },
  };
}

export default defineConfig({
  root: fromRoot('./client'),
  publicDir: fromRoot('./client/public'),
  plugins: [solid(), reportInitialJs()],
  build: {
    outDir: fromRoot('./dist/client'),
    emptyOutDir: true,
    target: 'es2022',
  },
});
