#!/usr/bin/env node
// The CLI entry. It loads the bundled build in dist/ (shipped in the package; built by `pnpm build` in a
// checkout): dist/entry-<command>.js when the command has a bundle of its own (its code in one file, see
// scripts/build.mjs), dist/entry.js for everything else. The command is found as the program finds it
// (resolvePrimaryCommand in src/cli/program/build-program.ts); a bundle given another command hands it on.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = new URL("./dist/entry.js", import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write("openclaw: dist/ is missing. In a checkout, run `npx -y pnpm@10 install && npm run build` first.\n");
  process.exit(1);
}
const words = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const command = words[0] === "help" ? words[1] : words[0];
const own = command && /^[a-z]+$/.test(command) ? new URL(`./dist/entry-${command}.js`, import.meta.url) : undefined;
const { main } = await import((own && existsSync(fileURLToPath(own)) ? own : entry).href);
await main(process.argv);
