/**
 * Every way the CLI refuses something, held to the one format: `Error: …` then `Hint: …` on stderr and
 * exit 1 with nothing on stdout; with --json, one `{"ok": false, "error": {code, message, hint}}` line on
 * stdout and nothing else there, so `… --json | jq` never breaks.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useGatewayAndState } from "./helpers/e2e-setup.js";
import { runCli } from "./helpers/run-cli.js";

const KEY = "sk-kilo-error-format-0123456789";
const { gateway, state } = useGatewayAndState({ beforeAll, afterAll, beforeEach, afterEach });

type Case = { name: string; args: string[]; env?: () => Record<string, string>; setup?: () => void; code: string; message: RegExp };

const kiloEnv = () => ({ ...state().env, KILOCODE_API_KEY: KEY, KILOCODE_API_BASE_URL: gateway().baseUrl });

const CASES: Case[] = [
  { name: "an unknown command", args: ["bogus"], code: "USAGE", message: /^Unknown command 'bogus'\.$/ },
  { name: "a mistyped subcommand", args: ["models", "lst"], code: "USAGE", message: /^Unknown command 'lst' for 'openclaw models'\.$/ },
  { name: "a missing required option", args: ["agent"], code: "USAGE", message: /--message/ },
  { name: "an unknown auth choice", args: ["onboard", "--non-interactive", "--auth-choice", "kilocode"], code: "ONBOARD_FLAG", message: /^Unknown --auth-choice "kilocode"\.$/ },
  {
    name: "a missing key",
    args: ["onboard", "--non-interactive", "--auth-choice", "kilocode-api-key"],
    code: "ONBOARD_MISSING_KEY",
    message: /^Missing --kilocode-api-key \(or KILOCODE_API_KEY in env, or existing kilocode API-key profile\)\.$/,
  },
  {
    name: "two key flags",
    args: ["onboard", "--non-interactive", "--openrouter-api-key", "sk-a", "--kilocode-api-key", "sk-b"],
    code: "ONBOARD_FLAG",
    message: /^Multiple API key flags were provided for non-interactive onboarding\./,
  },
  {
    name: "a key with a space inside",
    args: ["onboard", "--non-interactive", "--kilocode-api-key", "sk-abc def"],
    code: "ONBOARD_BAD_KEY",
    message: /^The Kilo Gateway key from --kilocode-api-key contains spaces/,
  },
  { name: "a token without its provider", args: ["onboard", "--non-interactive", "--auth-choice", "token"], code: "ONBOARD_FLAG", message: /--auth-choice token requires/ },
  { name: "a bad --gateway-bind", args: ["onboard", "--non-interactive", "--kilocode-api-key", KEY, "--gateway-bind", "moon"], code: "ONBOARD_FLAG", message: /--gateway-bind/ },
  { name: "an empty message", args: ["agent", "-m", ""], env: kiloEnv, code: "EMPTY_MESSAGE", message: /^--message is empty/ },
  {
    name: "a model whose provider has no key",
    args: ["agent", "-m", "hi", "--model", "anthropic/claude-sonnet-4.5"],
    env: kiloEnv,
    code: "NO_API_KEY",
    message: /^No API key found for provider "anthropic"\.$/,
  },
  { name: "an unknown provider in models set", args: ["models", "set", "nope/x"], code: "UNKNOWN_PROVIDER", message: /^Unknown provider "nope"/ },
  {
    name: "a broken config file",
    args: ["models", "status"],
    setup: () => {
      mkdirSync(state().stateDir, { recursive: true });
      writeFileSync(state().configPath, "{ broken");
    },
    code: "CONFIG_PARSE",
    message: /openclaw\.json/,
  },
  {
    name: "a key the gateway rejects",
    args: ["agent", "-m", "hi"],
    env: kiloEnv,
    setup: () => gateway().respondWith({ kind: "status", status: 401, body: { error: { message: "bad key" } } }),
    code: "GATEWAY_AUTH",
    message: /rejected the API key/,
  },
];

describe("one error format for every refusal", () => {
  for (const testCase of CASES) {
    it(`${testCase.name}: Error/Hint on stderr, exit 1`, async () => {
      testCase.setup?.();
      const result = await runCli(testCase.args, { env: testCase.env?.() ?? state().env });
      expect(result.code, result.stderr).toBe(1);
      expect(result.stdout).toBe("");
      const lines = result.stderr.trimEnd().split("\n");
      const errorLine = lines.findIndex((line) => line.startsWith("Error: "));
      expect(errorLine, result.stderr).toBeGreaterThanOrEqual(0);
      // Anything before the error is a one-line note of ours (never a stack trace or a raw exception).
      expect(lines.slice(0, errorLine).every((line) => /^(Note|Warning|Kilo Gateway|Using)\b/.test(line)), result.stderr).toBe(true);
      expect(lines[errorLine]!.slice("Error: ".length)).toMatch(testCase.message);
      expect(lines.slice(errorLine + 1).every((line) => line.startsWith("Hint: ")), result.stderr).toBe(true);
      expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(result.stderr).not.toContain(KEY);
    });

    it(`${testCase.name}: with --json, one JSON error object on stdout`, async () => {
      testCase.setup?.();
      const result = await runCli([...testCase.args, "--json"], { env: testCase.env?.() ?? state().env });
      expect(result.code, result.stderr).toBe(1);
      const lines = result.stdout.trimEnd().split("\n");
      expect(lines, result.stdout).toHaveLength(1);
      const parsed = JSON.parse(lines[0]!) as { ok: boolean; error: { code: string; message: string; hint?: string } };
      expect(parsed.ok).toBe(false);
      expect(parsed.error.code).toBe(testCase.code);
      expect(parsed.error.message).toMatch(testCase.message);
      expect(Object.keys(parsed.error).every((key) => ["code", "message", "hint"].includes(key))).toBe(true);
      expect(result.stdout).not.toContain(KEY);
    });
  }
});
