/** `openclaw onboard` options; provider key flags come from the shared ONBOARD_PROVIDER_AUTH_FLAGS table. */
import { Option, type Command } from "commander";
import { formatAuthChoiceChoicesForCli, isAuthChoice } from "../../commands/auth-choice-options.js";
import { didYouMean } from "../../infra/did-you-mean.js";
import { onboardCommand } from "../../commands/onboard.js";
import { ONBOARD_PROVIDER_AUTH_FLAGS } from "../../commands/onboard-provider-auth-flags.js";
import { parseOnboardSetupFlags } from "../../commands/onboard-flags.js";
import type { OnboardOptions, SecretInputMode } from "../../commands/onboard-types.js";
import { ACCOUNT_PROVIDERS } from "../../providers/account-spec.js";
import { OpenClawError } from "../../infra/errors.js";
import { defaultRuntime } from "../../runtime.js";
import { commandDescription } from "./command-descriptions.js";

/** Checked, then ignored: this slice installs no daemon, channels, skills or UI. */
const NO_OP = "(value checked; accepted for OpenClaw compatibility; no effect in this slice)";
/** Checked and written to openclaw.json for a real OpenClaw gateway; this CLI itself runs no gateway. */
const RECORDED = "(recorded in openclaw.json for the OpenClaw gateway)";

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

  for (const account of ACCOUNT_PROVIDERS) {
    command.option(
      `${account.organization.cliFlag} <id>`,
      `${account.label} organisation to work in (id or name; \`personal\` for none); checked against your account`,
    );
  }

  command
    .option("--no-browser", "Browser sign-in: print the URL and code without opening a browser")
    .addOption(
      new Option("--secret-input-mode <mode>", "Store keys as plaintext, or as a reference to the provider's env var").choices([
        "plaintext",
        "ref",
      ]),
    )
    .option("--token-profile-id <id>", `Profile id for --auth-choice token ${NO_OP}`)
    .option("--token-expires-in <duration>", `Token lifetime for --auth-choice token, e.g. 365d ${NO_OP}`)
    .option("--json", "Print a JSON summary (non-interactive)", false)
    .option("--mode <mode>", "local (default: this machine runs the gateway) or remote (record --remote-url only)")
    .option("--remote-url <url>", `Remote gateway WebSocket URL (ws:// or wss://), for --mode remote ${RECORDED}`)
    .option("--remote-token <token>", `Remote gateway token, for --mode remote ${RECORDED}`)
    .option("--workspace <dir>", "Agent workspace directory (default <stateDir>/workspace; created)")
    .option("--reset", "Move config, credentials and sessions to <stateDir>/reset-backups/<time>/ before onboarding")
    .option("--reset-scope <scope>", "What --reset moves: config|config+creds+sessions|full (full adds the workspace)")
    .option("--gateway-port <port>", `Gateway port (default 18789) ${RECORDED}`)
    .option("--gateway-bind <mode>", `Gateway bind: loopback|lan|auto|custom|tailnet ${RECORDED}`)
    .option("--gateway-auth <mode>", `Gateway auth: token|password (a token is generated once and kept) ${RECORDED}`)
    .option("--gateway-token <token>", `Gateway token ${RECORDED}`)
    .option("--gateway-password <password>", `Gateway password, for --gateway-auth password ${RECORDED}`)
    .option("--gateway-token-ref-env <name>", `Store the gateway token as a reference to this env var ${RECORDED}`)
    .option("--tailscale <mode>", `Tailscale exposure: off|serve|funnel ${RECORDED}`)
    .option("--tailscale-reset-on-exit", `Reset Tailscale serve/funnel when the gateway exits ${RECORDED}`)
    .option("--install-daemon", `Install the gateway service ${NO_OP}`)
    .option("--no-install-daemon", `Do not install the gateway service (the default) ${NO_OP}`)
    .option("--skip-daemon", `Skip daemon install ${NO_OP}`)
    .option("--daemon-runtime <runtime>", `Daemon runtime: node|bun ${NO_OP}`)
    .option("--node-manager <manager>", `Package manager for skills: npm|pnpm|bun ${NO_OP}`)
    .option("--flow <flow>", `quickstart|advanced|manual ${NO_OP}`)
    .option("--skip-channels", `Skip channel setup ${NO_OP}`)
    .option("--skip-skills", `Skip skills setup ${NO_OP}`)
    .option("--skip-search", `Skip web search setup ${NO_OP}`)
    .option("--skip-health", `Skip the gateway health check ${NO_OP}`)
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
        ...ACCOUNT_PROVIDERS.map((account) => `  openclaw onboard --non-interactive --auth-choice ${account.deviceAuth.authChoice} ${account.organization.cliFlag} <id>`),
        "",
        "Every flag OpenClaw's onboard accepts is accepted here, and its value checked (a bad value exits 1",
        "and writes nothing). Gateway, Tailscale and remote flags are written to openclaw.json for a real",
        "OpenClaw gateway (this CLI runs none); daemon, channel, skill, search, health and UI flags have no effect.",
      ].join("\n"),
    )
    .action(async (raw: Record<string, unknown>) => {
      const str = (key: string) => (typeof raw[key] === "string" ? (raw[key] as string) : undefined);
      const authChoice = str("authChoice");
      if (authChoice !== undefined && !isAuthChoice(authChoice)) {
        const valid = formatAuthChoiceChoicesForCli({ includeSkip: true });
        const suggestion = didYouMean(authChoice, valid.split("|"));
        throw new OpenClawError("ONBOARD_FLAG", `Unknown --auth-choice "${authChoice}".`, {
          hint: `${suggestion ? `Did you mean ${suggestion}? ` : ""}Valid values: ${valid}`,
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
        ...parseOnboardSetupFlags(raw),
        skipChannels: raw.skipChannels === true,
        skipSkills: raw.skipSkills === true,
        skipHealth: raw.skipHealth === true,
        skipUi: raw.skipUi === true,
        ...(raw.browser === false ? { noBrowser: true } : {}),
      };
      for (const account of ACCOUNT_PROVIDERS) {
        const value = str(account.organization.optionKey);
        if (value === undefined) continue;
        if (!value.trim()) {
          throw new OpenClawError("ONBOARD_FLAG", `Missing ${account.organization.cliFlag}: the value is empty.`, { hint: "Pass an organisation id, or `personal`." });
        }
        opts.organization = { provider: account.providerId, id: value.trim() };
      }
      for (const flag of ONBOARD_PROVIDER_AUTH_FLAGS) {
        const value = str(flag.optionKey);
        if (value !== undefined) opts[flag.optionKey] = value;
      }
      await onboardCommand(opts, defaultRuntime);
    });
}
