/**
 * The interactive wizard in a real terminal: tmux runs `openclaw onboard`, the test types like a user
 * (send-keys) and reads the screen (capture-pane), then checks the files the wizard wrote.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FAKE_ACCOUNT_EMAIL, FAKE_DEVICE_TOKEN } from "./helpers/fake-account.js";
import { useFakeGateway } from "./helpers/fake-gateway.js";
import { CLI_ENTRY } from "./helpers/run-cli.js";
import { finishWizard, hasTmux, tmuxDriver } from "./helpers/tmux.js";
import { useTempState } from "./helpers/temp-state.js";

if (!hasTmux) console.warn("tmux is not installed: skipping the real-terminal wizard test (install tmux to run it).");

const KEY = "sk-kilo-pty-0123456789abcdef";
const state = useTempState({ beforeEach, afterEach });
let session: string;
const driver = tmuxDriver(() => session);
const { tmux, screen, keys, waitFor } = driver;
// The wizard reads the Kilo account (organisations) and runs browser sign-in against this local gateway.
const gateway = useFakeGateway({ beforeAll, afterAll, beforeEach });

beforeEach(() => {
  session = `openclaw-test-${process.pid}-${Date.now()}`;
});
// Registered after the temp state's hooks, so it runs before the state is removed.
afterEach(() => {
  if (hasTmux) spawnSync("tmux", ["kill-session", "-t", session], { stdio: "ignore" });
});

describe.skipIf(!hasTmux)("openclaw onboard in a real terminal", () => {
  it("chooses Kilo Gateway, takes a masked key, keeps the default model and writes the files", async () => {
    const env = Object.entries({ ...state().env, NO_COLOR: "1", TERM: "xterm-256color", KILOCODE_API_BASE_URL: gateway().baseUrl })
      .map(([key, value]) => `${key}=${value}`)
      .join(" ");
    const command = `env -u KILOCODE_API_KEY ${env} ${process.execPath} ${CLI_ENTRY} onboard; echo "WIZARD_EXIT=$?"; sleep 60`;
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "50", command);

    await waitFor("I understand this is powerful and inherently risky");
    keys("y", "Enter");
    await waitFor("Model/auth provider");
    expect(screen()).toContain("Kilo Gateway");
    keys("Down", "Down", "Down");
    await waitFor(/●\s*Kilo Gateway|>\s*Kilo Gateway|Kilo Gateway \(API key \(OpenRouter-compatible\)\)/);
    keys("Enter");
    await waitFor("Kilo Gateway auth method");
    expect(screen()).toContain("Sign in with browser");
    keys("Enter");
    await waitFor("Enter Kilo Gateway API key");
    keys("-l", KEY);
    keys("Enter");
    await waitFor("Enter model manually");
    keys("Enter");
    const final = await finishWizard(driver);

    expect(final).toContain("WIZARD_EXIT=0");
    expect(final).not.toContain(KEY);
    expect(final).toContain("sk-…def");

    const store = JSON.parse(readFileSync(state().authStorePath, "utf8"));
    expect(store.profiles["kilocode:default"]).toEqual({ type: "api_key", provider: "kilocode", key: KEY });
    const config = JSON.parse(readFileSync(state().configPath, "utf8"));
    // Onboarding writes the effective base URL: KILOCODE_API_BASE_URL was set for this run.
    expect(config.models.providers.kilocode.baseUrl).toBe(gateway().baseUrl);
    expect(config.agents.defaults.model.primary).toBe("kilocode/anthropic/claude-opus-4.6");
    expect(config.auth.profiles["kilocode:default"]).toEqual({ provider: "kilocode", mode: "api_key" });
    expect(statSync(state().configPath).mode & 0o777).toBe(0o600);
  }, 40_000);

  it("with --auth-choice kilocode-api-key --kilocode-api-key stores the flag's key and asks for none", async () => {
    // The account API (organisation step) answers from the fake gateway, never from the network.
    const env = Object.entries({ ...state().env, NO_COLOR: "1", TERM: "xterm-256color", KILOCODE_API_BASE_URL: gateway().baseUrl })
      .map(([key, value]) => `${key}=${value}`)
      .join(" ");
    // KILOCODE_API_KEY is set too: the flag must win without the "Use existing" question.
    const command = `env ${env} KILOCODE_API_KEY=sk-env-not-this-one ${process.execPath} ${CLI_ENTRY} onboard --auth-choice kilocode-api-key --kilocode-api-key ${KEY}; echo "WIZARD_EXIT=$?"; sleep 60`;
    tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "50", command);

    await waitFor("I understand this is powerful and inherently risky");
    keys("y", "Enter");
    const final = await waitFor("WIZARD_EXIT=");
    expect(final).toContain("WIZARD_EXIT=0");
    expect(final).not.toContain("Enter Kilo Gateway API key");
    expect(final).not.toContain("Use existing KILOCODE_API_KEY");
    expect(final).toContain("sk-…def");
    const store = JSON.parse(readFileSync(state().authStorePath, "utf8"));
    expect(store.profiles["kilocode:default"]).toEqual({ type: "api_key", provider: "kilocode", key: KEY });
    expect(JSON.parse(readFileSync(state().configPath, "utf8")).agents.defaults.model.primary).toBe("kilocode/anthropic/claude-opus-4.6");
  }, 40_000);

  it("reads --kilocode-api-key - from a pipe and answers the wizard's questions from the terminal", async () => {
    // The account API (organisation step) answers from the fake gateway, never from the network.
    const env = Object.entries({ ...state().env, NO_COLOR: "1", TERM: "xterm-256color", KILOCODE_API_BASE_URL: gateway().baseUrl })
      .map(([key, value]) => `${key}=${value}`)
      .join(" ");
    const command = `printf '%s' ${KEY} | env -u KILOCODE_API_KEY ${env} ${process.execPath} ${CLI_ENTRY} onboard --kilocode-api-key -; echo "WIZARD_EXIT=$?"; sleep 60`;
    tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "50", command);

    await waitFor("I understand this is powerful and inherently risky");
    keys("y", "Enter");
    const final = await waitFor("WIZARD_EXIT=");
    expect(final).toContain("WIZARD_EXIT=0");
    expect(final).not.toContain(KEY);
    const store = JSON.parse(readFileSync(state().authStorePath, "utf8"));
    expect(store.profiles["kilocode:default"]).toEqual({ type: "api_key", provider: "kilocode", key: KEY });
  }, 40_000);

  it("Ctrl-C at the provider step cancels cleanly with exit 1 and writes nothing", async () => {
    const env = Object.entries({ ...state().env, NO_COLOR: "1" })
      .map(([key, value]) => `${key}=${value}`)
      .join(" ");
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "50", `env ${env} ${process.execPath} ${CLI_ENTRY} onboard --accept-risk; echo "WIZARD_EXIT=$?"; sleep 60`);
    await waitFor("Model/auth provider");
    keys("C-c");
    const final = await waitFor("WIZARD_EXIT=");
    expect(final).toContain("Setup cancelled.");
    expect(final).toContain("WIZARD_EXIT=1");
    expect(existsSync(state().configPath)).toBe(false);
  }, 30_000);

  /** Starts `openclaw onboard --accept-risk <args>` in tmux with the fake gateway's account API. */
  function startWizard(args: string): void {
    const env = Object.entries({
      ...state().env,
      NO_COLOR: "1",
      TERM: "xterm-256color",
      KILOCODE_API_BASE_URL: gateway().baseUrl,
      OPENCLAW_DEVICE_AUTH_POLL_MS: "300",
    })
      .map(([key, value]) => `${key}=${value}`)
      .join(" ");
    const command = `env -u KILOCODE_API_KEY -u DISPLAY -u WAYLAND_DISPLAY ${env} ${process.execPath} ${CLI_ENTRY} onboard --accept-risk ${args}; echo "WIZARD_EXIT=$?"; sleep 60`;
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "60", command);
  }

  async function pickBrowserSignIn(): Promise<void> {
    await waitFor("Model/auth provider");
    keys("Down", "Down", "Down");
    await waitFor(/●\s*Kilo Gateway|>\s*Kilo Gateway/);
    keys("Enter");
    await waitFor("Kilo Gateway auth method");
    keys("Down");
    await waitFor(/●\s*Sign in with browser|>\s*Sign in with browser/);
    keys("Enter");
  }

  it("signs in with the browser: QR code, URL and code, countdown, organisation choice, token stored", async () => {
    gateway().account.scriptDeviceAuth({ polls: ["pending", "pending", "pending", "approved"], code: "TMUX-4242" });
    gateway().account.setProfile({ user: { email: FAKE_ACCOUNT_EMAIL }, organizations: [{ id: "org_1", name: "Acme", role: "owner" }] });
    startWizard("--no-browser");
    await pickBrowserSignIn();
    const shown = await waitFor("TMUX-4242");
    expect(shown).toContain(`${gateway().origin}/device-auth?code=TMUX-4242`);
    expect(shown).toMatch(/[█▀▄]{7}/); // the QR code's finder patterns
    await waitFor("Kilo Gateway organisation");
    expect(screen()).toContain(`Signed in as ${FAKE_ACCOUNT_EMAIL}`);
    keys("Down");
    await waitFor(/●\s*Acme|>\s*Acme/);
    keys("Enter");
    await waitFor("Enter model manually");
    keys("Enter");
    const final = await finishWizard(driver);
    expect(final).toContain("WIZARD_EXIT=0");
    expect(final).not.toContain(FAKE_DEVICE_TOKEN);
    const store = JSON.parse(readFileSync(state().authStorePath, "utf8"));
    expect(store.profiles["kilocode:default"]).toEqual({ type: "api_key", provider: "kilocode", key: FAKE_DEVICE_TOKEN, email: FAKE_ACCOUNT_EMAIL });
    expect(JSON.parse(readFileSync(state().configPath, "utf8")).models.providers.kilocode.organizationId).toBe("org_1");
  }, 60_000);

  it("Ctrl-C while waiting for the browser stops cleanly: one line, exit 1, nothing written", async () => {
    gateway().account.scriptDeviceAuth({ polls: ["pending"] });
    startWizard("--no-browser");
    await pickBrowserSignIn();
    await waitFor(/left \(Ctrl-C to cancel\)/);
    keys("C-c");
    const final = await waitFor("WIZARD_EXIT=");
    expect(final).toContain("sign-in cancelled; nothing was saved");
    expect(final).toContain("WIZARD_EXIT=1");
    expect(existsSync(state().configPath)).toBe(false);
    expect(existsSync(state().authStorePath)).toBe(false);
  }, 60_000);
});
