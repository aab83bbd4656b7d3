import { describe, expect, it } from "vitest";
import type { OpenClawConfig } from "../../config/types.js";
import { OpenClawError, type OpenClawErrorCode } from "../../infra/errors.js";
import { classifyFallbackReason, formatFallbackNotice, resolveModelCandidates, runWithModelFallbacks } from "./fallbacks.js";
import { ModelCallError } from "./model-call-error.js";
import type { AgentRunParams, AgentRunResult } from "./run.js";

const callError = (code: OpenClawErrorCode, status?: number, streamed = false) =>
  new ModelCallError(new OpenClawError(code, `${code} message`, { hint: `${code} hint` }), { ...(status ? { status } : {}), streamed });

const cfg: OpenClawConfig = {
  agents: {
    defaults: {
      model: { primary: "kilocode/anthropic/claude-opus-4.6", fallbacks: ["glm", "KiloCode/anthropic/claude-opus-4.6", "openrouter/auto", "bad/"] },
      models: { "kilocode/z-ai/glm-5:free": { alias: "glm" } },
    },
  },
};

function result(model: string): AgentRunResult {
  return { text: "ok", model, provider: model.split("/")[0] ?? "", usage: { input: 1, output: 1, cacheRead: 0, cacheWrite: 0, total: 2 }, stopReason: "stop" };
}

/** A run that fails per model as scripted and records which models it was asked for. */
function scriptedRun(failures: Record<string, Error>) {
  const asked: (string | undefined)[] = [];
  const run = async (params: AgentRunParams) => {
    asked.push(params.model);
    const failure = failures[params.model ?? "primary"];
    if (failure) throw failure;
    return result(params.model ?? "kilocode/anthropic/claude-opus-4.6");
  };
  return { asked, run };
}

describe("classifyFallbackReason", () => {
  it("maps the issue's triggers", () => {
    expect(classifyFallbackReason(callError("GATEWAY_CREDITS", 402))).toEqual({ reason: "out_of_credits", status: 402 });
    expect(classifyFallbackReason(callError("GATEWAY_RATE_LIMITED", 429))).toEqual({ reason: "rate_limited", status: 429 });
    expect(classifyFallbackReason(callError("GATEWAY_AUTH", 403))).toEqual({ reason: "forbidden", status: 403 });
    expect(classifyFallbackReason(callError("GATEWAY_AUTH", 401))).toEqual({ reason: "auth_rejected", status: 401 });
    expect(classifyFallbackReason(callError("GATEWAY_MODEL_NOT_FOUND", 404))).toEqual({ reason: "model_not_found", status: 404 });
    expect(classifyFallbackReason(callError("GATEWAY_SERVER_ERROR", 502))).toEqual({ reason: "server_error", status: 502 });
    expect(classifyFallbackReason(callError("GATEWAY_TIMEOUT"))).toEqual({ reason: "timeout" });
    expect(classifyFallbackReason(new OpenClawError("NO_API_KEY", "none"))).toEqual({ reason: "no_api_key" });
  });

  it("never falls back once text was printed, nor on config or unknown errors", () => {
    expect(classifyFallbackReason(callError("GATEWAY_CREDITS", 402, true))).toBeUndefined();
    expect(classifyFallbackReason(callError("GATEWAY_DROPPED"))).toBeUndefined();
    expect(classifyFallbackReason(new OpenClawError("MODEL_REF", "bad"))).toBeUndefined();
    expect(classifyFallbackReason(new Error("boom"))).toBeUndefined();
  });
});

describe("resolveModelCandidates", () => {
  it("puts the requested or default model first, then fallbacks once each (aliases resolved, invalid refs skipped)", () => {
    expect(resolveModelCandidates(cfg, undefined).map((candidate) => candidate.key)).toEqual([
      "kilocode/anthropic/claude-opus-4.6",
      "kilocode/z-ai/glm-5:free",
      "openrouter/auto",
    ]);
    expect(resolveModelCandidates(cfg, "openrouter/auto").map((candidate) => candidate.key)).toEqual([
      "openrouter/auto",
      "kilocode/z-ai/glm-5:free",
      "kilocode/anthropic/claude-opus-4.6",
    ]);
  });
});

describe("runWithModelFallbacks", () => {
  it("returns the primary's result untouched when it answers", async () => {
    const { asked, run } = scriptedRun({});
    const answer = await runWithModelFallbacks({ cfg, message: "hi" }, run);
    expect(answer).toEqual(result("kilocode/anthropic/claude-opus-4.6"));
    expect(asked).toEqual([undefined]);
  });

  it("moves down the chain, notices each switch and reports where it came from", async () => {
    const notices: string[] = [];
    const { asked, run } = scriptedRun({ primary: callError("GATEWAY_CREDITS", 402), glm: callError("GATEWAY_SERVER_ERROR", 503) });
    const answer = await runWithModelFallbacks({ cfg, message: "hi", onNotice: (line) => notices.push(line) }, run);
    expect(asked).toEqual([undefined, "glm", "openrouter/auto"]);
    expect(notices).toEqual([
      "Kilo Gateway: out of credits for anthropic/claude-opus-4.6; using kilocode/z-ai/glm-5:free",
      "Kilo Gateway: server error for z-ai/glm-5:free; using openrouter/auto",
    ]);
    expect(answer).toMatchObject({
      model: "openrouter/auto",
      fallbackFrom: "kilocode/anthropic/claude-opus-4.6",
      fallbackReason: "out_of_credits",
      attempts: [
        { model: "kilocode/anthropic/claude-opus-4.6", reason: "out_of_credits", status: 402, error: "GATEWAY_CREDITS message" },
        { model: "kilocode/z-ai/glm-5:free", reason: "server_error", status: 503 },
      ],
    });
  });

  it("a 401 skips the rest of that provider", async () => {
    const { asked, run } = scriptedRun({ primary: callError("GATEWAY_AUTH", 401) });
    await runWithModelFallbacks({ cfg, message: "hi" }, run);
    expect(asked).toEqual([undefined, "openrouter/auto"]);
  });

  it("stops at once on an error no other model can fix", async () => {
    const { asked, run } = scriptedRun({ primary: callError("GATEWAY_DROPPED") });
    await expect(runWithModelFallbacks({ cfg, message: "hi" }, run)).rejects.toThrow("GATEWAY_DROPPED message");
    expect(asked).toEqual([undefined]);
  });

  it("when every model fails, throws the first error with the others summarised in the hint", async () => {
    const { run } = scriptedRun({
      primary: callError("GATEWAY_CREDITS", 402),
      glm: callError("GATEWAY_RATE_LIMITED", 429),
      "openrouter/auto": new OpenClawError("NO_API_KEY", "no key"),
    });
    await expect(runWithModelFallbacks({ cfg, message: "hi" }, run)).rejects.toMatchObject({
      code: "GATEWAY_CREDITS",
      hint: "GATEWAY_CREDITS hint The fallbacks failed too: kilocode/z-ai/glm-5:free (rate limited), openrouter/auto (no API key).",
    });
  });

  it("formats the notice with the provider's label", () => {
    expect(
      formatFallbackNotice({ ref: undefined, key: "openai/gpt-5.2", provider: "openai" }, "timeout", { ref: "x", key: "kilocode/z-ai/glm-5:free", provider: "kilocode" }),
    ).toBe("OpenAI: timed out for gpt-5.2; using kilocode/z-ai/glm-5:free");
  });
});
