#!/usr/bin/env node
// The CLI entry. It loads the bundled build in dist/ (shipped in the package; built by `pnpm build` in a
// checkout).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = new URL("./dist/entry.js", import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write("openclaw: dist/ is missing. In a checkout, run `npx -y pnpm@10 install && npm run build` first.\n");
  process.exit(1);
}
const { main } = await import(entry.href);
await main(process.argv);
