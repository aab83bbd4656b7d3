/**
 * What a CLI run actually loaded: Node built-ins (`process.moduleLoadList`), every ES module URL resolved
 * (the bundle's chunks included, through a resolve hook) and the CommonJS cache. Reported by tiny preloads,
 * so tests assert on modules, never on time.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { runCli, type CliResult } from "./run-cli.js";

export type LoadedModules = CliResult & { builtins: string[]; files: string[]; fetchCalls: number };

const RESOLVE_HOOK = `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.OPENCLAW_TEST_ESM_OUT, result.url + "\\n");
  return result;
}
`;

// Also counts calls to the global fetch (wrapping it does not load Node's bundled undici; calling it does).
const PRELOAD = `let fetchCalls = 0;
const originalFetch = globalThis.fetch;
globalThis.fetch = function (...args) {
  fetchCalls++;
  return originalFetch.apply(this, args);
};
process.on("exit", () => {
  const files = Object.keys(require("node:module")._cache);
  require("node:fs").writeFileSync(process.env.OPENCLAW_TEST_MODULES_OUT, JSON.stringify({ builtins: process.moduleLoadList, files, fetchCalls }));
});
`;

export async function runCliLoadedModules(args: readonly string[], options: Parameters<typeof runCli>[1] = {}): Promise<LoadedModules> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "openclaw-modules-"));
  try {
    const preload = path.join(dir, "report-modules.cjs");
    const hooks = path.join(dir, "resolve-hook.mjs");
    const register = path.join(dir, "register-hook.mjs");
    const out = path.join(dir, "modules.json");
    const esmOut = path.join(dir, "esm.txt");
    writeFileSync(preload, PRELOAD);
    writeFileSync(hooks, RESOLVE_HOOK);
    writeFileSync(register, `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    writeFileSync(esmOut, "");
    const result = await runCli(args, {
      ...options,
      env: { ...options.env, NODE_OPTIONS: `--require ${preload} --import ${register}`, OPENCLAW_TEST_MODULES_OUT: out, OPENCLAW_TEST_ESM_OUT: esmOut },
    });
    const report = JSON.parse(readFileSync(out, "utf8")) as { builtins: string[]; files: string[]; fetchCalls: number };
    const esm = readFileSync(esmOut, "utf8").split("\n").filter(Boolean);
    // "NativeModule child_process" -> "child_process"
    return { ...result, builtins: report.builtins.map((entry) => entry.replace(/^NativeModule /, "")), files: [...esm, ...report.files], fetchCalls: report.fetchCalls };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
