/**
 * The wizard as a first-time user meets it, in a real terminal (tmux): cancelling at the model step,
 * a manual model ref in Kilo's own naming, and the picker's looks (no nested parentheses).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useFakeGateway } from "./helpers/fake-gateway.js";
import { CLI_ENTRY } from "./helpers/run-cli.js";
import { finishWizard, hasTmux, tmuxDriver } from "./helpers/tmux.js";
import { useTempState } from "./helpers/temp-state.js";

const KEY = "sk-kilo-first-hour-pty-0123456789abcdef";
const state = useTempState({ beforeEach, afterEach });
let session: string;
const driver = tmuxDriver(() => session);
const { tmux, screen, keys, waitFor } = driver;
const gateway = useFakeGateway({ beforeAll, afterAll, beforeEach });

function startWizard(args: string): void {
  // Kilo's catalog and account API answer from the fake gateway: the wizard never reaches the network.
  const env = Object.entries({ ...state().env, NO_COLOR: "1", TERM: "xterm-256color", KILOCODE_API_BASE_URL: gateway().baseUrl })
    .map(([key, value]) => `${key}=${value}`)
    .join(" ");
  const command = `env -u KILOCODE_API_KEY ${env} ${process.execPath} ${CLI_ENTRY} onboard ${args}; echo "WIZARD_EXIT=$?"; sleep 60`;
  tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "50", command);
}

/** Risk accepted by flag; Kilo Gateway picked; the key typed (masked). Leaves the wizard at "Default model". */
async function throughKeyStep(): Promise<void> {
  await waitFor("Model/auth provider");
  const picker = screen();
  expect(picker).not.toContain("((");
  keys("Down", "Down", "Down");
  await waitFor("Kilo Gateway (API key · OpenRouter-compatible)");
  keys("Enter");
  await waitFor("Kilo Gateway auth method");
  keys("Enter");
  await waitFor("Enter Kilo Gateway API key");
  keys("-l", KEY);
  keys("Enter");
  // The picker itself (◆), not the "Default model set to" note: Ctrl-C before it would hit the shell.
  await waitFor(/◆\s+Default model/);
}

beforeEach(() => {
  session = `openclaw-first-hour-${process.pid}-${Date.now()}`;
});
// Registered after the temp state's hooks, so it runs before the state is removed.
afterEach(() => {
  if (hasTmux) spawnSync("tmux", ["kill-session", "-t", session], { stdio: "ignore" });
});

describe.skipIf(!hasTmux)("the wizard for a first-time Kilo user, in a real terminal", () => {
  it("Ctrl-C at the model step says 'Setup cancelled.' once, exits 1 and stores neither key nor config", async () => {
    startWizard("--accept-risk");
    await throughKeyStep();
    keys("C-c");
    const final = await waitFor("WIZARD_EXIT=");
    expect(final).toContain("WIZARD_EXIT=1");
    expect(final.split("Setup cancelled.").length - 1).toBe(1);
    expect(final).not.toContain(KEY);
    expect(existsSync(state().configPath)).toBe(false);
    expect(existsSync(state().authStorePath)).toBe(false);
  }, 40_000);

  it("a manual ref in Kilo's own naming is offered as the kilocode/ ref and stored that way", async () => {
    startWizard("--accept-risk");
    await throughKeyStep();
    // "Enter model manually" sits after the models and the Browse entry: search for it from the top.
    for (let i = 0; i < 40 && !/[●>❯]\s*Enter model manually/.test(screen()); i++) keys("Down");
    await waitFor(/[●>❯]\s*Enter model manually/);
    keys("Enter");
    await waitFor("Model (provider/model)");
    keys("-l", "minimax/minimax-m2.5:free");
    keys("Enter");
    await waitFor('"minimax" is not a configured provider. Use kilocode/minimax/minimax-m2.5:free?');
    keys("Enter");
    const final = await waitFor("WIZARD_EXIT=");
    expect(final).toContain("WIZARD_EXIT=0");
    const config = JSON.parse(readFileSync(state().configPath, "utf8"));
    expect(config.agents.defaults.model.primary).toBe("kilocode/minimax/minimax-m2.5:free");
  }, 40_000);

  it("Browse with a search that matches nothing asks again instead of finishing with a blank model", async () => {
    gateway().setModelsPayload({ data: [{ id: "z-ai/glm-5:free", name: "GLM-5 (Free)" }, { id: "anthropic/claude-opus-4.6", name: "Claude Opus 4.6" }] });
    startWizard("--accept-risk");
    await throughKeyStep();
    for (let i = 0; i < 40 && !/[●>❯]\s*Browse all Kilo models/.test(screen()); i++) keys("Down");
    keys("Enter");
    await waitFor("Search models");
    keys("-l", "zzzz");
    await waitFor(/0 match|No match|no match/i);
    keys("Enter");
    await waitFor("No model matches that search");
    expect(screen()).not.toContain("WIZARD_EXIT=");
    await waitFor(/◆\s+Search models/);
    keys("-l", "glm");
    await waitFor(/GLM-5 \(Free\)/);
    keys("Enter");
    const final = await waitFor("WIZARD_EXIT=");
    expect(final).toContain("WIZARD_EXIT=0");
    expect(JSON.parse(readFileSync(state().configPath, "utf8")).agents.defaults.model.primary).toBe("kilocode/z-ai/glm-5:free");
  }, 40_000);

  it("replaces a stored key the gateway rejected, from the wizard", async () => {
    mkdirSync(state().agentDir, { recursive: true });
    const oldKey = "sk-old-rejected-key-0123456789";
    writeFileSync(state().authStorePath, JSON.stringify({ version: 1, profiles: { "kilocode:default": { type: "api_key", provider: "kilocode", key: oldKey } } }));
    startWizard("--accept-risk");
    await waitFor("Model/auth provider");
    keys("Down", "Down", "Down");
    await waitFor("Kilo Gateway (API key · OpenRouter-compatible)");
    keys("Enter");
    await waitFor("Kilo Gateway auth method");
    keys("Enter");
    await waitFor("Kilo Gateway already has a key (kilocode:default, sk-…789)");
    expect(screen()).toContain("Sign in again with the browser");
    keys("Down");
    await waitFor(/[●>❯]\s*Replace the key/);
    keys("Enter");
    await waitFor("Enter Kilo Gateway API key");
    keys("-l", KEY);
    keys("Enter");
    await waitFor(/◆\s+Default model/);
    keys("Enter");
    const final = await finishWizard(driver);
    expect(final).toContain("WIZARD_EXIT=0");
    expect(final).not.toContain(KEY);
    expect(final).not.toContain(oldKey);
    expect(JSON.parse(readFileSync(state().authStorePath, "utf8")).profiles["kilocode:default"].key).toBe(KEY);
  }, 40_000);

  it("--kilocode-api-key - at a terminal asks for the key, hidden, instead of waiting in silence", async () => {
    const env = Object.entries({ ...state().env, NO_COLOR: "1", TERM: "xterm-256color" })
      .map(([key, value]) => `${key}=${value}`)
      .join(" ");
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "30", `env -u KILOCODE_API_KEY ${env} ${process.execPath} ${CLI_ENTRY} onboard --non-interactive --kilocode-api-key -; echo "WIZARD_EXIT=$?"; sleep 60`);
    await waitFor("Paste the key for --kilocode-api-key (input hidden), then press Enter");
    keys("-l", KEY);
    keys("Enter");
    const final = await waitFor("WIZARD_EXIT=");
    expect(final).toContain("WIZARD_EXIT=0");
    expect(final).not.toContain(KEY);
    expect(JSON.parse(readFileSync(state().authStorePath, "utf8")).profiles["kilocode:default"].key).toBe(KEY);
  }, 40_000);
});

