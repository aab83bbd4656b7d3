/**
 * What a CLI run actually loaded: Node built-ins (`process.moduleLoadList`) and files from node_modules
 * (the CommonJS cache, which also holds CommonJS packages reached through `import`). Reported by a tiny
 * preload at exit, so tests assert on modules, never on time.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli, type CliResult } from "./run-cli.js";

export type LoadedModules = CliResult & { builtins: string[]; files: string[] };

const PRELOAD = `process.on("exit", () => {
  const files = Object.keys(require("node:module")._cache);
  require("node:fs").writeFileSync(process.env.OPENCLAW_TEST_MODULES_OUT, JSON.stringify({ builtins: process.moduleLoadList, files }));
});
`;

export async function runCliLoadedModules(args: readonly string[], options: Parameters<typeof runCli>[1] = {}): Promise<LoadedModules> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "openclaw-modules-"));
  try {
    const preload = path.join(dir, "report-modules.cjs");
    const out = path.join(dir, "modules.json");
    writeFileSync(preload, PRELOAD);
    const result = await runCli(args, { ...options, env: { ...options.env, NODE_OPTIONS: `--require ${preload}`, OPENCLAW_TEST_MODULES_OUT: out } });
    const report = JSON.parse(readFileSync(out, "utf8")) as { builtins: string[]; files: string[] };
    // "NativeModule child_process" -> "child_process"
    return { ...result, builtins: report.builtins.map((entry) => entry.replace(/^NativeModule /, "")), files: report.files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
