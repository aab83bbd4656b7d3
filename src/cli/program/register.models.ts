/** `openclaw models [status|list|set|fallbacks]`. */
// This module is itself loaded only when `models` runs, so its imports are static: fewer chunks to load.
import type { Command } from "commander";
import { createProviderAvailability } from "../../commands/models/auth-overview.js";
import { createCatalogSource } from "../../commands/models/catalog-source.js";
import { modelsListCommand } from "../../commands/models/list.js";
import {
  modelsFallbacksAddCommand,
  modelsFallbacksClearCommand,
  modelsFallbacksListCommand,
  modelsFallbacksRemoveCommand,
  modelsSetCommand,
  type ConfigUpdate,
  type ModelsEditContext,
} from "../../commands/models/set.js";
import { modelsStatusCommand } from "../../commands/models/status.js";
import { loadConfig, updateConfigFile } from "../../config/io.js";
import { resolveConfigPath } from "../../config/paths.js";
import { OpenClawError } from "../../infra/errors.js";
import { defaultRuntime } from "../../runtime.js";
import { commandDescription } from "./command-descriptions.js";

async function loadForCommand() {
  return { cfg: await loadConfig({ env: process.env }), configPath: resolveConfigPath(process.env) };
}

/** Fresh read under the config's lock, pure edit, atomic write; a broken config is refused before anything is written. */
const updateConfig: ConfigUpdate = async (edit) => {
  const configPath = resolveConfigPath(process.env);
  await updateConfigFile(edit, { env: process.env, configPath });
  return { path: configPath };
};

function withJson(command: Command, description: string): Command {
  return command.description(description).option("--json", "Print JSON", false);
}

function editContext(json: boolean | undefined): ModelsEditContext {
  return { update: updateConfig, runtime: defaultRuntime, env: process.env, json: json === true };
}

type StatusFlags = { json?: boolean; probe?: boolean; probeTimeout?: string };

function parseProbeTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 100 || ms > 120_000) {
    throw new OpenClawError("MODELS_FLAG", `Invalid --probe-timeout "${value}": expected milliseconds between 100 and 120000.`, { hint: "e.g. --probe-timeout 3000" });
  }
  return ms;
}

async function runStatus(flags: StatusFlags): Promise<void> {
  const timeoutMs = parseProbeTimeout(flags.probeTimeout);
  const { cfg, configPath } = await loadForCommand();
  await modelsStatusCommand({
    cfg,
    configPath,
    json: flags.json === true,
    runtime: defaultRuntime,
    ...(flags.probe ? { probe: { ...(timeoutMs ? { timeoutMs } : {}), showProgress: flags.json !== true && process.stderr.isTTY === true } } : {}),
  });
}

function withProbe(command: Command): Command {
  return command
    .option("--probe", "Check every provider that has a key, live and in parallel (account, organisation and balance where the provider has them); exit 1 if one fails", false)
    .option("--probe-timeout <ms>", "Timeout for each probe request (default 5000)");
}

export function registerModelsCommand(program: Command): void {
  const models = withProbe(program.command("models").description(commandDescription("models")).option("--json", "Print JSON", false)).action(
    async (opts: StatusFlags) => runStatus(opts),
  );

  withProbe(
    models
      .command("status")
      .description("Show the default model, its provider, and where each provider's key comes from (previews only; --probe checks them live)")
      .option("--json", "Print JSON", false),
  ).action(async (opts: StatusFlags) => runStatus(opts));

  models
    .command("list")
    .description("List models you can pass to --model (configured, built-in and, with --all, live provider catalogs)")
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
        isAvailable: createProviderAvailability(cfg, process.env),
        catalog: createCatalogSource({ env: process.env, showProgress: !opts.json && process.stderr.isTTY === true }),
      });
    });

  const refArgument = "provider/model or an alias (see `openclaw models list`)";
  withJson(models.command("set"), "Set the default model (agents.defaults.model.primary); fallbacks are kept")
    .argument("<model>", refArgument)
    .action(async (model: string, opts: { json?: boolean }) => modelsSetCommand(model, editContext(opts.json)));

  const listFallbacks = async (opts: { json?: boolean }) => modelsFallbacksListCommand((await loadForCommand()).cfg, editContext(opts.json));
  const fallbacks = withJson(
    models.command("fallbacks"),
    "Models tried in order when the default fails (agents.defaults.model.fallbacks); lists them without a subcommand",
  ).action(listFallbacks);
  withJson(fallbacks.command("list"), "Show the fallback chain").action(listFallbacks);
  withJson(fallbacks.command("add"), "Append a model to the fallback chain")
    .argument("<model>", refArgument)
    .action(async (model: string, opts: { json?: boolean }) => modelsFallbacksAddCommand(model, editContext(opts.json)));
  withJson(fallbacks.command("remove"), "Remove a model from the fallback chain")
    .argument("<model>", "the fallback to remove, as listed")
    .action(async (model: string, opts: { json?: boolean }) => modelsFallbacksRemoveCommand(model, editContext(opts.json)));
  withJson(fallbacks.command("clear"), "Remove every fallback").action(async (opts: { json?: boolean }) =>
    modelsFallbacksClearCommand(editContext(opts.json)),
  );
}
