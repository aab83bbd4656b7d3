/**
 * The streamed reply through the real transport for OpenAI-compatible gateways (our own, see
 * openai-completions-stream.ts) against a local server that cuts the event stream at awkward places.
 */
import http from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import type * as V8 from "node:v8";
import type { AssistantMessage } from "@mariozechner/pi-ai";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { beginBulkWork } from "../../infra/v8-flags.js";
import type { ResolvedModel } from "../models-config.providers.js";
import { ReplyEventStream } from "./reply-event-stream.js";
import { loadStreamFunction, streamAttempt, toPiModel, type StreamFunction } from "./transport.js";

let server: http.Server;
let baseUrl: string;
/** The raw body pieces the next request is answered with, each in its own write. */
let pieces: (string | Buffer)[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on("end", async () => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      for (const piece of pieces) {
        res.write(piece);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const event = (delta: Record<string, unknown>, finish: string | null = null, separator = "\n\n") =>
  `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta, finish_reason: finish }] })}${separator}`;

function model(): ResolvedModel {
  return {
    provider: "custom",
    id: "m",
    name: "m",
    api: "openai-completions",
    baseUrl,
    reasoning: false,
    input: ["text"],
    cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
    contextWindow: 100_000,
    maxTokens: 1000,
    known: true,
  };
}

async function stream(): Promise<{ text: string; deltas: number; stopReason: string }> {
  const streamSimple = await loadStreamFunction("openai-completions");
  let text = "";
  let deltas = 0;
  const { reply } = await streamAttempt({
    streamSimple,
    model: toPiModel(model(), {}),
    context: { messages: [{ role: "user", content: "hi", timestamp: 1 }] },
    options: { apiKey: "sk-transport-test", maxRetries: 0 },
    onText: (delta) => {
      text += delta;
      deltas++;
    },
  });
  return { text, deltas, stopReason: reply.stopReason };
}

describe("streamed replies", () => {
  it("reads thousands of events arriving in one network read, in order", async () => {
    const words = Array.from({ length: 5000 }, (_, index) => `w${index} `);
    pieces = [[event({ role: "assistant", content: "" }), ...words.map((word) => event({ content: word })), event({}, "stop"), "data: [DONE]\n\n"].join("")];
    const result = await stream();
    expect(result.text).toBe(words.join(""));
    expect(result.deltas).toBe(5000);
    expect(result.stopReason).toBe("stop");
  });

  it("reassembles events and CRLF separators split across reads, and multi-byte characters cut in half", async () => {
    const body = [event({ role: "assistant", content: "" }, null, "\r\n\r\n"), event({ content: "héllo " }, null, "\r\n\r\n"), event({ content: "wörld 😀" }), event({}, "stop", "\r\n\r\n"), "data: [DONE]\r\n\r\n"].join("");
    const bytes = Buffer.from(body, "utf8");
    // Cut every 7 bytes: separators, JSON and UTF-8 sequences all straddle reads.
    pieces = [];
    for (let offset = 0; offset < bytes.length; offset += 7) pieces.push(bytes.subarray(offset, offset + 7));
    const result = await stream();
    expect(result.text).toBe("héllo wörld 😀");
    expect(result.stopReason).toBe("stop");
  });
});

describe("V8 tuning for a long replay", () => {
  it("an SDK transport's attempt (a fallback after our transport failed early) runs with V8's defaults", async () => {
    const v8 = createRequire(import.meta.url)("node:v8") as typeof V8;
    const flags: string[] = [];
    vi.spyOn(v8, "setFlagsFromString").mockImplementation((value) => void flags.push(value));
    try {
      beginBulkWork();
      let flagsAtRequest: string[] = [];
      const reply = { role: "assistant", content: [], stopReason: "stop", usage: {}, timestamp: 1 } as unknown as AssistantMessage;
      const sdkStream: StreamFunction = () => {
        flagsAtRequest = [...flags];
        const events = new ReplyEventStream();
        events.push({ type: "done", reason: "stop", message: reply });
        return events;
      };
      await streamAttempt({ streamSimple: sdkStream, model: toPiModel(model(), {}), context: { messages: [] }, options: { apiKey: "k" } });
      // (The SDK path may also switch WebAssembly to its baseline tier: not this test's business.)
      expect(flagsAtRequest.filter((value) => value.includes("semi-space"))).toEqual(["--no-opt --semi-space-growth-factor=16", "--opt --semi-space-growth-factor=2"]);
    } finally {
      vi.restoreAllMocks();
    }
  });
});
