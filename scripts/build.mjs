// Bundles src/ into dist/ with code splitting, so commands and the LLM transport stay in lazily loaded
// chunks and `openclaw --help` only parses the small entry chunk. Dependencies stay external.
import { build } from "esbuild";
import { readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
rmSync(join(root, "dist"), { recursive: true, force: true });
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
await build({
  absWorkingDir: root,
  entryPoints: { entry: "src/entry.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  chunkNames: "chunks/[name]-[hash]",
  define: { __OPENCLAW_VERSION__: JSON.stringify(version) },
  logLevel: "warning",
});
