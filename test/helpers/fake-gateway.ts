/**
 * A fake OpenAI-compatible gateway: a real HTTP server on 127.0.0.1 (random port) that records every
 * request and answers chat completions as SSE (or JSON), or with whatever failure a test scripts.
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
// --- account routes (issue 13: device-auth, profile, balance) ---
import { createFakeAccount, type FakeAccount } from "./fake-account.js";
// --- end account routes ---

export type RecordedRequest = {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  rawBody: string;
};

/** A streamed tool call, optionally with OpenRouter-style `reasoning_details` (how proxies carry thought signatures). */
export type FakeToolCall = { id: string; name: string; arguments: string; reasoningDetails?: unknown[] };

/** What to do with one chat request. */
export type GatewayBehaviour =
  | {
      kind: "stream";
      chunks?: string[];
      /** `cost` (USD) is what OpenRouter-style gateways add to the last chunk's usage (h13b: usage and cost). */
      usage?: { prompt_tokens: number; completion_tokens: number; cost?: number };
      /** Pause between content chunks (each then goes out in its own write). */
      delayMs?: number;
      /** Tool calls after the text; the reply then finishes with "tool_calls". */
      toolCalls?: FakeToolCall[];
    }
  | { kind: "status"; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: "stall" }
  | { kind: "drop-mid-stream"; chunks?: string[] }
  | { kind: "error-event"; chunks?: string[]; message?: string };

export type FakeGateway = {
  /** e.g. http://127.0.0.1:41234/api/gateway/ (with the trailing slash Kilo's base URL has) */
  baseUrl: string;
  origin: string;
  requests: RecordedRequest[];
  chatRequests: () => RecordedRequest[];
  /** Answers the next chat requests with these behaviours in order; then the default stream. */
  respondWith: (...behaviours: GatewayBehaviour[]) => void;
  /** Forgets recorded requests and queued behaviours (between tests). */
  reset: () => void;
  /** Payload for GET <base>/models. */
  setModelsPayload: (payload: unknown, status?: number) => void;
  /** Scripted device-code sign-in, profile and balance at the origin (see fake-account.ts). */
  account: FakeAccount;
  close: () => Promise<void>;
};

const DEFAULT_CHUNKS = ["Hello", " from", " the fake gateway."];

function sse(data: unknown): string {
  return `data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
}

function chunk(model: string, delta: Record<string, unknown>, finish: string | null = null, usage?: unknown): Record<string, unknown> {
  return {
    id: "chatcmpl-fake",
    object: "chat.completion.chunk",
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
    ...(usage ? { usage } : {}),
  };
}

function toolCallDelta(call: FakeToolCall, index: number): Record<string, unknown> {
  return {
    tool_calls: [{ index, id: call.id, type: "function", function: { name: call.name, arguments: call.arguments } }],
    ...(call.reasoningDetails ? { reasoning_details: call.reasoningDetails } : {}),
  };
}

async function writeSlowly(res: http.ServerResponse, events: string[], tail: string, delayMs: number): Promise<void> {
  for (const event of events) {
    if (res.destroyed) return;
    res.write(event);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
  res.end(tail);
}

export async function startFakeGateway(options: { pathPrefix?: string } = {}): Promise<FakeGateway> {
  const prefix = options.pathPrefix ?? "/api/gateway";
  const requests: RecordedRequest[] = [];
  const queue: GatewayBehaviour[] = [];
  let modelsPayload: unknown = { data: [] };
  let modelsStatus = 200;
  const sockets = new Set<Socket>();
  // --- account routes ---
  let originForAccount = "";
  const fakeAccount = createFakeAccount(() => originForAccount);
  // --- end account routes ---

  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (part: Buffer) => parts.push(part));
    req.on("end", () => {
      const rawBody = Buffer.concat(parts).toString("utf8");
      let body: unknown;
      try {
        body = rawBody ? JSON.parse(rawBody) : undefined;
      } catch {
        body = rawBody;
      }
      const path = req.url ?? "/";
      requests.push({ method: req.method ?? "GET", path, headers: req.headers, body, rawBody });

      if (req.method === "GET" && path.replace(/\?.*$/, "") === `${prefix}/models`) {
        res.writeHead(modelsStatus, { "content-type": "application/json" });
        res.end(typeof modelsPayload === "string" ? modelsPayload : JSON.stringify(modelsPayload));
        return;
      }
      // --- account routes ---
      if (fakeAccount.handle(req.method ?? "GET", path, req.headers, res)) return;
      // --- end account routes ---
      if (req.method !== "POST" || path !== `${prefix}/chat/completions`) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: `no route ${req.method} ${path}` } }));
        return;
      }
      const request = (body ?? {}) as { model?: string; stream?: boolean };
      const model = request.model ?? "unknown";
      const behaviour = queue.shift() ?? { kind: "stream" };
      switch (behaviour.kind) {
        case "status": {
          res.writeHead(behaviour.status, { "content-type": "application/json", ...behaviour.headers });
          res.end(behaviour.body === undefined ? "" : typeof behaviour.body === "string" ? behaviour.body : JSON.stringify(behaviour.body));
          return;
        }
        case "stall":
          return; // never answer; the client's timeout must fire
        case "stream":
        case "drop-mid-stream":
        case "error-event": {
          const chunks = behaviour.chunks ?? DEFAULT_CHUNKS;
          if (request.stream === false) {
            res.writeHead(200, { "content-type": "application/json" });
            res.end(
              JSON.stringify({
                id: "chatcmpl-fake",
                object: "chat.completion",
                model,
                choices: [{ index: 0, message: { role: "assistant", content: chunks.join("") }, finish_reason: "stop" }],
                usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
              }),
            );
            return;
          }
          res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
          // Events are batched into one write per phase: many tiny writes meet delayed ACKs on loopback
          // and add ~40 ms of idle time that a benchmark would wrongly charge to the CLI.
          const head = [chunk(model, { role: "assistant", content: "" }), ...chunks.map((text) => chunk(model, { content: text }))].map(sse).join("");
          if (behaviour.kind === "drop-mid-stream") {
            res.write(head, () => res.socket?.destroy());
            return;
          }
          if (behaviour.kind === "error-event") {
            res.end(head + sse({ error: { message: behaviour.message ?? "upstream provider error", code: 502 } }));
            return;
          }
          const usage = behaviour.usage ?? { prompt_tokens: 12, completion_tokens: chunks.length };
          const toolCalls = behaviour.kind === "stream" ? (behaviour.toolCalls ?? []) : [];
          const tail =
            toolCalls.map((call, index) => sse(chunk(model, toolCallDelta(call, index)))).join("") +
            sse(chunk(model, {}, toolCalls.length ? "tool_calls" : "stop", { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens })) +
            sse("[DONE]");
          const delayMs = behaviour.kind === "stream" ? behaviour.delayMs : undefined;
          if (delayMs) void writeSlowly(res, [chunk(model, { role: "assistant", content: "" }), ...chunks.map((text) => chunk(model, { content: text }))].map(sse), tail, delayMs);
          else res.end(head + tail);
          return;
        }
      }
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  originForAccount = origin;
  return {
    origin,
    baseUrl: `${origin}${prefix}/`,
    requests,
    chatRequests: () => requests.filter((request) => request.path.endsWith("/chat/completions")),
    respondWith: (...behaviours) => queue.push(...behaviours),
    reset: () => {
      requests.length = 0;
      queue.length = 0;
      fakeAccount.account.reset();
    },
    account: fakeAccount.account,
    setModelsPayload: (payload, status = 200) => {
      modelsPayload = payload;
      modelsStatus = status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Registers one fake gateway for a test file: started before all tests, reset before each, closed after.
 * Returns an accessor because the gateway only exists once `beforeAll` has run.
 */
export function useFakeGateway(hooks: {
  beforeAll: (fn: () => Promise<void>) => void;
  afterAll: (fn: () => Promise<void>) => void;
  beforeEach: (fn: () => void) => void;
}): () => FakeGateway {
  let gateway: FakeGateway | undefined;
  hooks.beforeAll(async () => {
    gateway = await startFakeGateway();
  });
  hooks.afterAll(async () => {
    await gateway?.close();
  });
  hooks.beforeEach(() => gateway?.reset());
  return () => {
    if (!gateway) throw new Error("the fake gateway is not started yet");
    return gateway;
  };
}
