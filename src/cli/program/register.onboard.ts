/** `openclaw onboard` options; provider key flags come from the shared ONBOARD_PROVIDER_AUTH_FLAGS table. */
import { Option, type Command } from "commander";
import { formatAuthChoiceChoicesForCli, isAuthChoice } from "../../commands/auth-choice-options.js";
import { onboardCommand } from "../../commands/onboard.js";
import { ONBOARD_PROVIDER_AUTH_FLAGS } from "../../commands/onboard-provider-auth-flags.js";
import type { GatewayBind, OnboardFlow, OnboardMode, OnboardOptions, SecretInputMode } from "../../commands/onboard-types.js";
import { OpenClawError } from "../../infra/errors.js";
import { defaultRuntime } from "../../runtime.js";
import { commandDescription } from "./command-registry.js";

const NO_OP = "(accepted for OpenClaw compatibility; no effect in this slice)";

function parsePort(value: string): number {
  const port = Number.parseInt(value, 10);
  if (!Number.isInteger(port) || port < 1 || port > 65535 || String(port) !== value.trim()) {
    throw new OpenClawError("ONBOARD_FLAG", `Invalid --gateway-port "${value}": expected a port number 1-65535.`, { hint: "e.g. --gateway-port 18789" });
  }
  return port;
}

export function registerOnboardCommand(program: Command): void {
  const command = program
    .command("onboard")
    .description(commandDescription("onboard"))
    .option("--non-interactive", "Run without prompts: take keys from flags, env or existing profiles", false)
    .option("--accept-risk", "Acknowledge the security note (skips it in the wizard; not required here)", false)
    .option("--auth-choice <choice>", `Auth: ${formatAuthChoiceChoicesForCli({ includeSkip: true, includeLegacyAliases: false })}`)
    .option("--token-provider <id>", "Provider of the --token value (e.g. kilocode)")
    .option("--token <token>", "A key/token for --token-provider (`-` reads it from stdin)");

  for (const flag of ONBOARD_PROVIDER_AUTH_FLAGS) {
    command.option(flag.cliOption, `${flag.description} (\`-\` reads it from stdin)`);
  }

  command
    .addOption(
      new Option("--secret-input-mode <mode>", "Store keys as plaintext, or as a reference to the provider's env var").choices([
        "plaintext",
        "ref",
      ]),
    )
    .option("--json", "Print a JSON summary (non-interactive)", false)
    .option("--mode <mode>", "Onboarding mode: local (the default and the only one this slice supports)")
    .option("--flow <flow>", `quickstart|advanced|manual ${NO_OP}`)
    .option("--workspace <dir>", `Agent workspace directory ${NO_OP}`)
    .option("--gateway-port <port>", `Gateway port ${NO_OP}`)
    .option("--gateway-bind <mode>", `Gateway bind: loopback|lan|auto|custom|tailnet ${NO_OP}`)
    .option("--skip-channels", `Skip channel setup ${NO_OP}`)
    .option("--skip-skills", `Skip skills setup ${NO_OP}`)
    .option("--skip-health", `Skip the gateway health check ${NO_OP}`)
    .option("--skip-daemon", `Skip daemon install ${NO_OP}`)
    .option("--skip-ui", `Skip the UI ${NO_OP}`)
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  openclaw onboard",
        "  openclaw onboard --non-interactive --kilocode-api-key <key>",
        "  KILOCODE_API_KEY=... openclaw onboard --non-interactive --auth-choice kilocode-api-key --json",
        "  printf '%s' \"$KILOCODE_API_KEY\" | openclaw onboard --non-interactive --kilocode-api-key -",
      ].join("\n"),
    )
    .action(async (raw: Record<string, unknown>) => {
      const str = (key: string) => (typeof raw[key] === "string" ? (raw[key] as string) : undefined);
      const authChoice = str("authChoice");
      if (authChoice !== undefined && !isAuthChoice(authChoice)) {
        throw new OpenClawError("ONBOARD_FLAG", `Unknown --auth-choice "${authChoice}".`, {
          hint: `Valid values: ${formatAuthChoiceChoicesForCli({ includeSkip: true })}`,
        });
      }
      const opts: OnboardOptions = {
        nonInteractive: raw.nonInteractive === true,
        acceptRisk: raw.acceptRisk === true,
        json: raw.json === true,
        ...(authChoice ? { authChoice } : {}),
        ...(str("tokenProvider") ? { tokenProvider: str("tokenProvider") } : {}),
        ...(str("token") !== undefined ? { token: str("token") } : {}),
        ...(str("secretInputMode") ? { secretInputMode: str("secretInputMode") as SecretInputMode } : {}),
        ...(str("mode") ? { mode: str("mode") as OnboardMode } : {}),
        ...(str("flow") ? { flow: str("flow") as OnboardFlow } : {}),
        ...(str("workspace") ? { workspace: str("workspace") } : {}),
        ...(str("gatewayPort") ? { gatewayPort: parsePort(str("gatewayPort")!) } : {}),
        ...(str("gatewayBind") ? { gatewayBind: str("gatewayBind") as GatewayBind } : {}),
        skipChannels: raw.skipChannels === true,
        skipSkills: raw.skipSkills === true,
        skipHealth: raw.skipHealth === true,
        skipDaemon: raw.skipDaemon === true,
        skipUi: raw.skipUi === true,
      };
      for (const flag of ONBOARD_PROVIDER_AUTH_FLAGS) {
        const value = str(flag.optionKey);
        if (value !== undefined) opts[flag.optionKey] = value;
      }
      await onboardCommand(opts, defaultRuntime);
    });
}
