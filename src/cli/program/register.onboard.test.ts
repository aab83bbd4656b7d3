import { readFileSync } from "node:fs";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useTempState } from "../../../test/helpers/temp-state.js";
import { ONBOARD_PROVIDER_AUTH_FLAGS } from "../../commands/onboard-provider-auth-flags.js";
import { registerOnboardCommand } from "./register.onboard.js";

const state = useTempState({ beforeEach, afterEach }, { processEnv: true });
beforeEach(() => {
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
});

function program(): Command {
  const root = new Command().exitOverride();
  registerOnboardCommand(root);
  return root;
}

describe("registerOnboardCommand", () => {
  it("registers --kilocode-api-key from the shared flag table, with every provider flag", () => {
    const onboard = program().commands.find((command) => command.name() === "onboard")!;
    const flags = onboard.options.map((option) => option.flags);
    expect(flags).toContain("--kilocode-api-key <key>");
    for (const flag of ONBOARD_PROVIDER_AUTH_FLAGS) expect(flags).toContain(flag.cliOption);
    expect(onboard.description()).toBe("Interactive wizard to set up a model provider (Kilo Gateway, OpenRouter, OpenAI, Anthropic), its key and the default model");
    expect(onboard.helpInformation()).toContain("kilocode-api-key");
  });

  it("passes --kilocode-api-key into the onboarding options (camel-cased kilocodeApiKey)", async () => {
    await program().parseAsync(["node", "openclaw", "onboard", "--non-interactive", "--kilocode-api-key", "sk-from-flag"]);
    const store = JSON.parse(readFileSync(state().authStorePath, "utf8"));
    expect(store.profiles["kilocode:default"].key).toBe("sk-from-flag");
    const config = JSON.parse(readFileSync(state().configPath, "utf8"));
    expect(config.agents.defaults.model.primary).toBe("kilocode/anthropic/claude-opus-4.6");
  });

  it("rejects an unknown --auth-choice with the valid values", async () => {
    await expect(program().parseAsync(["node", "openclaw", "onboard", "--non-interactive", "--auth-choice", "kilo-code"])).rejects.toThrow(
      'Unknown --auth-choice "kilo-code".',
    );
  });

  it("rejects an invalid --gateway-port", async () => {
    await expect(program().parseAsync(["node", "openclaw", "onboard", "--non-interactive", "--gateway-port", "http"])).rejects.toThrow(
      "Invalid --gateway-port",
    );
  });
});
