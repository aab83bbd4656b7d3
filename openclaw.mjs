#!/usr/bin/env node
// The CLI entry. It loads the bundled build in dist/; run `pnpm build` (or `pnpm setup`) first.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = new URL("./dist/entry.js", import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write("openclaw: dist/ is missing. Run `pnpm install && pnpm build` in this checkout first.\n");
  process.exit(1);
}
const { main } = await import(entry.href);
await main(process.argv);
