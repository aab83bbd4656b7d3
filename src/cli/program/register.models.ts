/** `openclaw models [status|list]`. */
// This module is itself loaded only when `models` runs, so its imports are static: fewer chunks to load.
import type { Command } from "commander";
import { createCatalogSource } from "../../commands/models/catalog-source.js";
import { modelsListCommand } from "../../commands/models/list.js";
import { modelsStatusCommand } from "../../commands/models/status.js";
import { loadConfig } from "../../config/io.js";
import { resolveConfigPath } from "../../config/paths.js";
import { defaultRuntime } from "../../runtime.js";
import { commandDescription } from "./command-registry.js";

async function loadForCommand() {
  return { cfg: await loadConfig({ env: process.env }), configPath: resolveConfigPath(process.env) };
}

async function runStatus(json: boolean): Promise<void> {
  const { cfg, configPath } = await loadForCommand();
  await modelsStatusCommand({ cfg, configPath, json, runtime: defaultRuntime });
}

export function registerModelsCommand(program: Command): void {
  const models = program
    .command("models")
    .description(commandDescription("models"))
    .option("--json", "Print JSON", false)
    .action(async (opts: { json?: boolean }) => runStatus(opts.json === true));

  models
    .command("status")
    .description("Show the default model, its provider, and where each provider's key comes from (previews only)")
    .option("--json", "Print JSON", false)
    .action(async (opts: { json?: boolean }) => runStatus(opts.json === true));

  models
    .command("list")
    .description("List models you can pass to --model (configured, built-in and, with --all, the live Kilo catalog)")
    .option("--provider <id>", "Only this provider (e.g. kilocode)")
    .option("--all", "Ignore the agents.defaults.models allowlist and include live catalogs", false)
    .option("--refresh", "Refetch live catalogs instead of using the cache", false)
    .option("--json", "Print JSON", false)
    .action(async (opts: { provider?: string; all?: boolean; json?: boolean; refresh?: boolean }) => {
      const { cfg } = await loadForCommand();
      await modelsListCommand({
        cfg,
        opts,
        runtime: defaultRuntime,
        catalog: createCatalogSource({ cfg, env: process.env, showProgress: !opts.json && process.stderr.isTTY === true }),
      });
    });
}
