/**
 * Browser sign-in (device code) and the organisation choice, non-interactively, against the fake
 * gateway's scripted account routes: approved after pending polls, denied, expired, rate-limited.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FAKE_ACCOUNT_EMAIL, FAKE_DEVICE_TOKEN } from "./helpers/fake-account.js";
import { useFakeGateway } from "./helpers/fake-gateway.js";
import { runCli } from "./helpers/run-cli.js";
import { useTempState } from "./helpers/temp-state.js";

const gateway = useFakeGateway({ beforeAll, afterAll, beforeEach });
const tempState = useTempState({ beforeEach, afterEach });

const env = () => ({ ...tempState().env, KILOCODE_API_BASE_URL: gateway().baseUrl, OPENCLAW_DEVICE_AUTH_POLL_MS: "50", DISPLAY: undefined, WAYLAND_DISPLAY: undefined });
const signIn = (...extra: string[]) => runCli(["onboard", "--non-interactive", "--auth-choice", "kilocode-device", "--no-browser", ...extra], { env: env() });
const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));
const ORGS = [
  { id: "org_1", name: "Acme", role: "owner" },
  { id: "org_2", name: "Globex", role: "member" },
];

function expectNothingWritten(): void {
  expect(existsSync(tempState().configPath)).toBe(false);
  expect(existsSync(tempState().authStorePath)).toBe(false);
}

describe("onboard --auth-choice kilocode-device (non-interactive)", () => {
  it("shows the URL and code, polls through pending, stores the token as kilocode:default and says who signed in", async () => {
    gateway().account.scriptDeviceAuth({ polls: ["pending", "pending", "approved"], code: "WXYZ-9876" });
    const result = await signIn("--json");
    expect(result.code, result.stderr).toBe(0);
    expect(gateway().account.polls()).toBe(3);
    expect(result.stderr).toContain(`${gateway().origin}/device-auth?code=WXYZ-9876`);
    expect(result.stderr).toContain("WXYZ-9876");
    expect(result.stderr).toContain(`Signed in as ${FAKE_ACCOUNT_EMAIL}`);
    expect(`${result.stdout}${result.stderr}`).not.toContain(FAKE_DEVICE_TOKEN);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ authChoice: "kilocode-device", profileId: "kilocode:default", email: FAKE_ACCOUNT_EMAIL, defaultModel: "kilocode/anthropic/claude-opus-4.6" });

    expect(readJson(tempState().authStorePath).profiles["kilocode:default"]).toEqual({
      type: "api_key",
      provider: "kilocode",
      key: FAKE_DEVICE_TOKEN,
      email: FAKE_ACCOUNT_EMAIL,
    });
    const config = readJson(tempState().configPath);
    expect(config.auth.profiles["kilocode:default"]).toEqual({ provider: "kilocode", mode: "api_key", email: FAKE_ACCOUNT_EMAIL });
    expect(config.agents.defaults.model.primary).toBe("kilocode/anthropic/claude-opus-4.6");
    // The start call carries no credentials; the profile read uses the new token.
    const start = gateway().requests.find((request) => request.path === "/api/device-auth/codes");
    expect(start?.method).toBe("POST");
    expect(start?.body).toEqual({});
    expect(start?.headers.authorization).toBeUndefined();
    expect(gateway().requests.find((request) => request.path === "/api/profile")?.headers.authorization).toBe(`Bearer ${FAKE_DEVICE_TOKEN}`);
  });

  it("prints 'Signed in as' on stdout without --json, and mentions the organisations it did not pick", async () => {
    gateway().account.setProfile({ user: { email: FAKE_ACCOUNT_EMAIL }, organizations: ORGS });
    const result = await signIn();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Signed in as ${FAKE_ACCOUNT_EMAIL}`);
    expect(result.stderr).toContain("Acme (org_1, owner)");
    expect(result.stderr).toContain("--kilocode-org <id>");
    expect(readJson(tempState().configPath).models.providers.kilocode.organizationId).toBeUndefined();
  });

  it.each([
    ["denied", { polls: ["pending", "denied"] as const }, /sign-in was denied in the browser; nothing was saved/],
    ["expired (410)", { polls: ["pending", "expired"] as const }, /code expired before it was approved; nothing was saved/],
    ["expired (clock)", { polls: ["pending"] as const, expiresIn: 1 }, /code expired before it was approved; nothing was saved/],
    ["rate-limited (429)", { start: "rate-limited" as const }, /Too many pending Kilo sign-ins from this network \(at most 5\)/],
  ])("%s: one-line error, exit 1, nothing written", async (_name, script, message) => {
    gateway().account.scriptDeviceAuth({ ...script, polls: "polls" in script ? [...script.polls] : undefined });
    const result = await signIn();
    expect(result.code).toBe(1);
    const errorLines = result.stderr.split("\n").filter((line) => line.startsWith("Error:"));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(message);
    expect(result.stderr).not.toMatch(/^Hint:/m);
    expectNothingWritten();
  });
});

describe("--kilocode-org", () => {
  it("after browser sign-in: stores the organisation where the catalog and agent read it", async () => {
    gateway().account.setProfile({ user: { email: FAKE_ACCOUNT_EMAIL }, organizations: ORGS });
    const result = await signIn("--kilocode-org", "org_2", "--json");
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).organizationId).toBe("org_2");
    expect(readJson(tempState().configPath).models.providers.kilocode.organizationId).toBe("org_2");
  });

  it("with an API key: checks the organisation with that key, by id or name", async () => {
    gateway().account.setProfile({ user: { email: FAKE_ACCOUNT_EMAIL }, organizations: ORGS });
    const result = await runCli(["onboard", "--non-interactive", "--kilocode-api-key", "sk-kilo-org-test-1234", "--kilocode-org", "Acme"], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Organisation:  org_1");
    expect(gateway().requests.find((request) => request.path === "/api/profile")?.headers.authorization).toBe("Bearer sk-kilo-org-test-1234");
    expect(readJson(tempState().configPath).models.providers.kilocode.organizationId).toBe("org_1");
  });

  it("alone, with the key already stored, switches the organisation; `personal` removes it", async () => {
    gateway().account.setProfile({ user: { email: FAKE_ACCOUNT_EMAIL }, organizations: ORGS });
    expect((await runCli(["onboard", "--non-interactive", "--kilocode-api-key", "sk-kilo-org-test-1234", "--kilocode-org", "org_1"], { env: env() })).code).toBe(0);
    // A config baseUrl wins over KILOCODE_API_BASE_URL (as for chat), and onboarding wrote the built-in one.
    const written = readJson(tempState().configPath);
    written.models.providers.kilocode.baseUrl = gateway().baseUrl;
    writeFileSync(tempState().configPath, JSON.stringify(written));
    const switched = await runCli(["onboard", "--non-interactive", "--kilocode-org", "org_2"], { env: env() });
    expect(switched.code, switched.stderr).toBe(0);
    expect(readJson(tempState().configPath).models.providers.kilocode.organizationId).toBe("org_2");
    const personal = await runCli(["onboard", "--non-interactive", "--kilocode-org", "personal"], { env: env() });
    expect(personal.code, personal.stderr).toBe(0);
    expect(readJson(tempState().configPath).models.providers.kilocode.organizationId).toBeUndefined();
  });

  it("an organisation the account does not have: names the choices, exit 1, nothing written", async () => {
    gateway().account.setProfile({ user: { email: FAKE_ACCOUNT_EMAIL }, organizations: ORGS });
    const result = await signIn("--kilocode-org", "org_9");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--kilocode-org "org_9" is not one of your Kilo Gateway organisations (Acme (org_1, owner), Globex (org_2, member))');
    expectNothingWritten();
  });

  it("a rejected key: says so, exit 1, nothing written", async () => {
    gateway().account.setProfile({ error: "no" }, 401);
    const result = await runCli(["onboard", "--non-interactive", "--kilocode-api-key", "sk-kilo-bad-0000", "--kilocode-org", "org_1"], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Kilo Gateway rejected the key (401)");
    expectNothingWritten();
  });

  it("refuses to go with another provider's auth choice", async () => {
    mkdirSync(path.dirname(tempState().configPath), { recursive: true });
    writeFileSync(tempState().configPath, "{}\n");
    const result = await runCli(["onboard", "--non-interactive", "--openai-api-key", "sk-openai-x", "--kilocode-org", "org_1"], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("--kilocode-org applies to kilocode only");
  });
});

describe("opening the browser", () => {
  /** A stand-in `xdg-open` on PATH that records its arguments. */
  function fakeOpener(): { env: Record<string, string>; log: string } {
    const bin = path.join(tempState().root, "bin");
    const log = path.join(tempState().root, "opener.log");
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, "xdg-open"), `#!/bin/sh\nprintf '%s\\n' "$@" > "${log}"\n`);
    chmodSync(path.join(bin, "xdg-open"), 0o755);
    return { env: { PATH: `${bin}:${process.env.PATH ?? ""}`, DISPLAY: ":99" }, log };
  }

  it.skipIf(process.platform !== "linux")("with a desktop: opens the verification URL (never the token)", async () => {
    const opener = fakeOpener();
    gateway().account.scriptDeviceAuth({ polls: ["pending", "approved"], code: "OPEN-0001" });
    const opened = await runCli(["onboard", "--non-interactive", "--auth-choice", "kilocode-device"], { env: { ...env(), ...opener.env } });
    expect(opened.code, opened.stderr).toBe(0);
    expect(opened.stderr).toContain("Opened your browser");
    const deadline = Date.now() + 5000;
    while (!existsSync(opener.log) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(readFileSync(opener.log, "utf8").trim()).toBe(`${gateway().origin}/device-auth?code=OPEN-0001`);
    expect(readFileSync(opener.log, "utf8")).not.toContain(FAKE_DEVICE_TOKEN);
  });

  it.skipIf(process.platform !== "linux")("--no-browser prints the URL and opens nothing, even with a desktop", async () => {
    const quiet = fakeOpener();
    writeFileSync(quiet.log, "");
    gateway().account.scriptDeviceAuth({ polls: ["approved"] });
    const notOpened = await runCli(["onboard", "--non-interactive", "--auth-choice", "kilocode-device", "--no-browser"], { env: { ...env(), ...quiet.env } });
    expect(notOpened.code, notOpened.stderr).toBe(0);
    expect(notOpened.stderr).toContain("To sign in to Kilo Gateway, open:");
    expect(readFileSync(quiet.log, "utf8")).toBe("");
  });
});
