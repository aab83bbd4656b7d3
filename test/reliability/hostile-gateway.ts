/**
 * A hostile OpenAI-compatible gateway for the reliability suite: a real server on 127.0.0.1 whose chat
 * endpoint misbehaves in one scripted way per request (stall, drip, partial reply, huge reply, HTML 200,
 * no finish, echoed key, far Retry-After, escape sequences, redirect). Every open socket is destroyed on
 * close, so a test never leaves a hanging connection behind.
 */
import http from "node:http";
import { listenOnLoopback } from "../helpers/loopback-server.js";

export type Misbehaviour =
  /** Complete, well-formed reply (the control case). */
  | { kind: "ok"; text?: string }
  /** Accepts the request and never answers. */
  | { kind: "stall" }
  /** Sends event-stream headers, then nothing. */
  | { kind: "headers-then-silence" }
  /** A valid stream, one byte per `intervalMs`, never ending. */
  | { kind: "drip"; intervalMs?: number }
  /** Some text, then silence with the connection open. */
  | { kind: "partial-then-silence"; text?: string }
  /** Text then a clean end of the body, without finish_reason or [DONE]. */
  | { kind: "no-finish"; text?: string }
  /** `bytes` of streamed text in chunks of `chunkBytes`. */
  | { kind: "huge"; bytes: number; chunkBytes?: number }
  /** One SSE data line of `bytes` bytes. */
  | { kind: "long-line"; bytes: number }
  /** HTTP 200 with a body that is not an event stream. */
  | { kind: "not-a-stream"; contentType: string; body: string }
  /** An error status whose body echoes the Authorization header (and other headers). */
  | { kind: "echo-key"; status: number }
  /** 429 with a Retry-After. */
  | { kind: "retry-after"; seconds: string }
  /** Streams text (or an error body) full of terminal control sequences. */
  | { kind: "escapes"; where: "stream" | "error-body" }
  /** A redirect to `location`. */
  | { kind: "redirect"; status: number; location: string };

export type HostileGateway = {
  baseUrl: string;
  origin: string;
  /** Chat requests received, with their headers. */
  requests: { path: string; headers: http.IncomingHttpHeaders }[];
  /** The next chat requests get these in order; after that "ok". */
  script: (...behaviours: Misbehaviour[]) => void;
  reset: () => void;
  close: () => Promise<void>;
};

export const ESCAPES = "\u001b]0;pwned\u0007\u001b[2J\u001b[31mred\u009b31m\u0008";

function sse(data: unknown): string {
  return `data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
}

function delta(content: string, finish: string | null = null): string {
  return sse({ id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: { content }, finish_reason: finish }] });
}

const DONE = delta("", "stop") + sse("[DONE]");
const SSE_HEADERS = { "content-type": "text/event-stream", "cache-control": "no-cache" };

function answer(behaviour: Misbehaviour, req: http.IncomingMessage, res: http.ServerResponse): void {
  switch (behaviour.kind) {
    case "ok":
      res.writeHead(200, SSE_HEADERS);
      res.end(delta(behaviour.text ?? "fine") + DONE);
      return;
    case "stall":
      return;
    case "headers-then-silence":
      res.writeHead(200, SSE_HEADERS);
      res.flushHeaders();
      return;
    case "drip": {
      res.writeHead(200, SSE_HEADERS);
      const bytes = Buffer.from(delta("drip ").repeat(1000));
      let index = 0;
      const timer = setInterval(() => {
        if (res.destroyed || index >= bytes.length) return clearInterval(timer);
        res.write(bytes.subarray(index, index + 1));
        index++;
      }, behaviour.intervalMs ?? 1000);
      res.on("close", () => clearInterval(timer));
      return;
    }
    case "partial-then-silence":
      res.writeHead(200, SSE_HEADERS);
      res.write(delta(behaviour.text ?? "The first half of the answer"));
      return;
    case "no-finish":
      res.writeHead(200, SSE_HEADERS);
      res.end(delta(behaviour.text ?? "An answer that stops"));
      return;
    case "huge": {
      res.writeHead(200, SSE_HEADERS);
      const piece = delta("x".repeat(behaviour.chunkBytes ?? 64 * 1024));
      let sent = 0;
      const pump = () => {
        while (sent < behaviour.bytes && !res.destroyed) {
          sent += piece.length;
          if (!res.write(piece)) return void res.once("drain", pump);
        }
        if (!res.destroyed) res.end(DONE);
      };
      pump();
      return;
    }
    case "long-line":
      res.writeHead(200, SSE_HEADERS);
      res.write(`data: {"choices":[{"index":0,"delta":{"content":"${"y".repeat(behaviour.bytes)}`);
      res.end(`"},"finish_reason":null}]}\n\n${DONE}`);
      return;
    case "not-a-stream":
      res.writeHead(200, { "content-type": behaviour.contentType });
      res.end(behaviour.body);
      return;
    case "echo-key":
      res.writeHead(behaviour.status, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          error: { message: `Rejected Authorization: ${req.headers.authorization ?? ""}`, echoed: req.headers },
        }),
      );
      return;
    case "retry-after":
      res.writeHead(429, { "content-type": "application/json", "retry-after": behaviour.seconds });
      res.end(JSON.stringify({ error: { message: "slow down" } }));
      return;
    case "escapes":
      if (behaviour.where === "stream") {
        res.writeHead(200, SSE_HEADERS);
        res.end(delta(`before${ESCAPES}after`) + DONE);
      } else {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: `boom${ESCAPES}end` } }));
      }
      return;
    case "redirect":
      res.writeHead(behaviour.status, { location: behaviour.location });
      res.end();
      return;
  }
}

export async function startHostileGateway(): Promise<HostileGateway> {
  const prefix = "/api/gateway";
  const requests: HostileGateway["requests"] = [];
  const queue: Misbehaviour[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const path = req.url ?? "/";
      if (req.method !== "POST" || path !== `${prefix}/chat/completions`) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: `no route ${req.method} ${path}` } }));
        return;
      }
      requests.push({ path, headers: req.headers });
      answer(queue.shift() ?? { kind: "ok" }, req, res);
    });
  });
  const { origin, close } = await listenOnLoopback(server);
  return {
    origin,
    baseUrl: `${origin}${prefix}/`,
    requests,
    script: (...behaviours) => queue.push(...behaviours),
    reset: () => {
      requests.length = 0;
      queue.length = 0;
    },
    close,
  };
}
