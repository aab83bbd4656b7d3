/**
 * Live checks against the real Kilo Gateway. Run with `KILOCODE_API_KEY=... pnpm test:live`; skipped
 * (and never part of `pnpm test`) without the key. Uses a free model so it costs nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./helpers/run-cli.js";
import { useTempState } from "./helpers/temp-state.js";

const key = process.env.KILOCODE_API_KEY?.trim();
const model = process.env.KILOCODE_LIVE_MODEL ?? "kilocode/minimax/minimax-m2.5:free";
const state = useTempState({ beforeEach, afterEach });

describe.skipIf(!key)("Kilo Gateway (live)", () => {
  it("onboards from the env and answers a message", async () => {
    const env = { ...state().env, KILOCODE_API_KEY: key };
    const onboard = await runCli(["onboard", "--non-interactive", "--auth-choice", "kilocode-api-key"], { env });
    expect(onboard.code, onboard.stderr).toBe(0);
    const reply = await runCli(["agent", "--model", model, "--message", "Reply with the single word: pong", "--json"], { env, timeoutMs: 110_000 });
    expect(reply.code, reply.stderr).toBe(0);
    const output = JSON.parse(reply.stdout);
    expect(output.text.toLowerCase()).toContain("pong");
    expect(output.usage.output).toBeGreaterThan(0);
  });

  it("lists the live catalog", async () => {
    const result = await runCli(["models", "list", "--provider", "kilocode", "--all", "--json", "--refresh"], {
      env: { ...state().env, KILOCODE_API_KEY: key },
      timeoutMs: 30_000,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).models.length).toBeGreaterThan(10);
  });

  it("probes the account: email and balance, exit 0", async () => {
    const result = await runCli(["models", "status", "--probe", "--json"], { env: { ...state().env, KILOCODE_API_KEY: key }, timeoutMs: 30_000 });
    expect(result.code, result.stderr).toBe(0);
    const kilo = JSON.parse(result.stdout).probe.find((probe: { provider: string }) => probe.provider === "kilocode");
    expect(kilo.status).toBe("ok");
    expect(kilo.account.email).toContain("@");
    expect(kilo.account.balance).toMatch(/^-?\$\d+\.\d{2}$/);
    expect(result.stdout).not.toContain(key);
  });
});
