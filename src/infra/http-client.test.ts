/** The one HTTP client against real local servers: what reaches the server, what comes back, how it fails. */
import http from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { listenOnLoopback } from "../../test/helpers/loopback-server.js";
import { startLocalProxy, type LocalProxy } from "../../test/helpers/local-proxy.js";
import { fetchStreaming, openHttpRequest, requestJson, type BodyReader } from "./http-client.js";
import { OpenClawError } from "./errors.js";

type Seen = { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string };
const seen: Seen[] = [];
let origin = "";
let close: () => Promise<void>;

beforeAll(async () => {
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (part: Buffer) => (body += part.toString("utf8")));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      switch (req.url) {
        case "/json":
          res.writeHead(200, { "content-type": "application/json", "x-twice": ["a", "b"] });
          res.end(JSON.stringify({ ok: true, echo: body }));
          return;
        case "/redirect":
          res.writeHead(302, { location: "/elsewhere" }).end();
          return;
        case "/silent":
          return; // never answers
        case "/trickle": {
          // Ten pieces of a JSON array, 100 ms apart: about a second in all, never 300 ms without data.
          res.writeHead(200, { "content-type": "application/json" });
          let sent = 0;
          const timer = setInterval(() => {
            sent++;
            if (sent < 10) res.write(`${sent === 1 ? "[" : ","}${sent}`);
            else {
              clearInterval(timer);
              res.end(",10]");
            }
          }, 100);
          res.on("close", () => clearInterval(timer));
          return;
        }
        case "/cut":
          // Promises 100 bytes, sends 10, then drops the connection.
          res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
          res.write("[1,2,3,4,5");
          setTimeout(() => res.socket?.destroy(), 20);
          return;
        case "/stalls":
          res.writeHead(200, { "content-type": "text/event-stream" });
          res.write("data: first\n\n");
          return; // the body never ends
        default:
          res.writeHead(404).end("no such path");
      }
    });
  });
  ({ origin, close } = await listenOnLoopback(server));
});
afterAll(async () => {
  await close();
});
afterEach(() => {
  seen.length = 0;
  vi.restoreAllMocks();
});

async function readAll(body: AsyncIterable<Uint8Array>): Promise<string> {
  let text = "";
  for await (const part of body) text += Buffer.from(part).toString("utf8");
  return text;
}

/** A fetchStreaming reader that keeps the text, and one that parses it as JSON at the end. */
function textReader(): BodyReader<string> {
  let text = "";
  return { write: (part) => void (text += Buffer.from(part).toString("utf8")), end: () => text };
}
function jsonReader(): BodyReader<unknown> {
  const text = textReader();
  return { write: text.write, end: () => JSON.parse(text.end()) as unknown };
}

describe("openHttpRequest without a proxy", () => {
  it("sends method, headers and body, and streams the reply back without the global fetch", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const response = await openHttpRequest(`${origin}/json`, { headers: { "X-Test": "1" }, body: '{"q":1}', env: {} });
    expect(response.status).toBe(200);
    expect(response.header("Content-Type")).toBe("application/json");
    expect(response.header("x-twice")).toBe("a, b");
    expect(response.header("x-missing")).toBeUndefined();
    expect(JSON.parse(await readAll(response.body))).toEqual({ ok: true, echo: '{"q":1}' });
    expect(seen[0]).toMatchObject({ method: "POST", body: '{"q":1}', headers: { "x-test": "1", "content-length": "7" } });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("returns a redirect as it is instead of following it", async () => {
    const response = await openHttpRequest(`${origin}/redirect`, { env: {} });
    expect(response.status).toBe(302);
    expect(response.header("location")).toBe("/elsewhere");
    response.cancel();
    expect(seen.map((request) => request.url)).toEqual(["/redirect"]);
  });

  it("rejects with the abort reason when no head arrives in time", async () => {
    const error = await openHttpRequest(`${origin}/silent`, { signal: AbortSignal.timeout(200), env: {} }).catch((err: unknown) => err);
    expect(error).toMatchObject({ name: "TimeoutError" });
  });

  it("ends a body that stalls when the signal fires", async () => {
    const controller = new AbortController();
    const response = await openHttpRequest(`${origin}/stalls`, { signal: controller.signal, env: {} });
    const chunks: string[] = [];
    const reading = (async () => {
      for await (const part of response.body) {
        chunks.push(Buffer.from(part).toString("utf8"));
        controller.abort(new Error("stop reading"));
      }
    })();
    await expect(reading).rejects.toThrow("stop reading");
    expect(chunks).toEqual(["data: first\n\n"]);
  });

  it("readEach hands every part over in order, and rejects for a reply cut short or a reader that throws", async () => {
    const response = await openHttpRequest(`${origin}/json`, { env: {} });
    const parts: string[] = [];
    await response.readEach((part) => parts.push(Buffer.from(part).toString("utf8")));
    expect(JSON.parse(parts.join(""))).toEqual({ ok: true, echo: "" });

    const cut = await openHttpRequest(`${origin}/cut`, { env: {} });
    const cutParts: string[] = [];
    await expect(cut.readEach((part) => cutParts.push(Buffer.from(part).toString("utf8")))).rejects.toThrow();
    expect(cutParts.join("")).toBe("[1,2,3,4,5");

    // A reply already cut off before readEach is called still rejects (no listener would ever hear it).
    const closedEarly = await openHttpRequest(`${origin}/cut`, { env: {} });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(Promise.race([closedEarly.readEach(() => undefined), new Promise((resolve) => setTimeout(() => resolve("hung"), 2000))])).rejects.toThrow();

    const stalled = await openHttpRequest(`${origin}/stalls`, { env: {} });
    const own = new Error("reader failed");
    await expect(
      stalled.readEach(() => {
        throw own;
      }),
    ).rejects.toBe(own);
  });

  it("rejects with the socket's own error code when nothing listens", async () => {
    const error = await openHttpRequest("http://127.0.0.1:9/", { env: {} }).catch((err: unknown) => err);
    expect(error).toMatchObject({ code: "ECONNREFUSED" });
  });
});

describe("openHttpRequest through a proxy", () => {
  let proxy: LocalProxy;
  beforeAll(async () => {
    proxy = await startLocalProxy();
  });
  afterAll(async () => {
    await proxy.close();
  });

  it("goes through HTTP_PROXY and still returns the reply", async () => {
    const response = await openHttpRequest(`${origin}/json`, { env: { HTTP_PROXY: proxy.url, NO_PROXY: "" } });
    expect(response.status).toBe(200);
    expect(JSON.parse(await readAll(response.body))).toMatchObject({ ok: true });
    const again = await openHttpRequest(`${origin}/json`, { env: { HTTP_PROXY: proxy.url, NO_PROXY: "" } });
    const parts: string[] = [];
    await again.readEach((part) => parts.push(Buffer.from(part).toString("utf8")));
    expect(JSON.parse(parts.join(""))).toMatchObject({ ok: true });
    // undici tunnels plain http through CONNECT as well.
    expect(proxy.seen).toContain(`CONNECT ${new URL(origin).host}`);
  });
});

describe("requestJson / fetchStreaming", () => {
  it("parses a JSON reply and keeps the status", async () => {
    await expect(requestJson(`${origin}/json`, { env: {} })).resolves.toMatchObject({ status: 200, json: { ok: true } });
    await expect(requestJson(`${origin}/missing`, { env: {} })).resolves.toMatchObject({ status: 404, json: undefined, text: "no such path" });
  });

  it("names the redirect instead of following it with the credentials", async () => {
    const consumed: string[] = [];
    const error = await fetchStreaming(`${origin}/redirect`, { env: {}, headers: { Authorization: "Bearer sk-secret" } }, {
      write: (part) => void consumed.push(Buffer.from(part).toString("utf8")),
      end: () => consumed.push("end"),
    }).catch((err: unknown) => err);
    expect(consumed).toEqual([]);
    expect(error).toMatchObject({ code: "HTTP_STATUS", status: 302 });
    expect((error as Error).message).toBe(`${origin}/redirect answered HTTP 302 (a redirect to /elsewhere)`);
    expect(seen.map((request) => request.url)).toEqual(["/redirect"]);
  });

  it("fetchStreaming hands the body to the reader, and names bad JSON, a stalled body and the reader's own errors", async () => {
    await expect(fetchStreaming(`${origin}/json`, { env: {} }, jsonReader())).resolves.toMatchObject({ ok: true });
    await expect(fetchStreaming(`${origin}/json`, { env: {} }, { write: () => undefined, end: () => JSON.parse("{") as unknown })).rejects.toMatchObject({
      code: "HTTP_BAD_JSON",
      message: `${origin}/json did not return JSON`,
    });
    await expect(fetchStreaming(`${origin}/missing`, { env: {} }, { write: () => undefined, end: () => "read" })).rejects.toMatchObject({ code: "HTTP_STATUS", status: 404 });
    const started = Date.now();
    await expect(fetchStreaming(`${origin}/stalls`, { env: {}, timeoutMs: 300 }, textReader())).rejects.toMatchObject({ code: "HTTP_TIMEOUT" });
    expect(Date.now() - started).toBeLessThan(5000);
    const own = new OpenClawError("CATALOG_TOO_LARGE", "too large");
    await expect(
      fetchStreaming(`${origin}/stalls`, { env: {} }, {
        write: () => {
          throw own;
        },
        end: () => "never",
      }),
    ).rejects.toBe(own);
  });

  it("fetchStreaming's limit is per wait: a slow body that keeps coming is read, a stalled one is not, and maxMs bounds the whole", async () => {
    const trickled = await fetchStreaming(`${origin}/trickle`, { env: {}, timeoutMs: 300 }, jsonReader());
    expect(trickled).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // requestJson keeps one limit for the whole request.
    await expect(requestJson(`${origin}/trickle`, { env: {}, timeoutMs: 300 })).rejects.toMatchObject({ code: "HTTP_TIMEOUT", message: `Timed out after 300 ms fetching ${origin}/trickle` });
    await expect(fetchStreaming(`${origin}/stalls`, { env: {}, timeoutMs: 300 }, textReader())).rejects.toMatchObject({
      code: "HTTP_TIMEOUT",
      message: `Timed out after 300 ms without data from ${origin}/stalls`,
    });
    const started = Date.now();
    await expect(fetchStreaming(`${origin}/trickle`, { env: {}, timeoutMs: 300, maxMs: 450 }, textReader())).rejects.toMatchObject({
      code: "HTTP_TIMEOUT",
      message: `Timed out after 450 ms fetching ${origin}/trickle`,
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("turns a silent server into HTTP_TIMEOUT and a closed port into HTTP_NETWORK with the socket's code", async () => {
    await expect(requestJson(`${origin}/silent`, { timeoutMs: 200, env: {} })).rejects.toMatchObject({ code: "HTTP_TIMEOUT" });
    const error = await requestJson("http://127.0.0.1:9/", { env: {} }).catch((err: unknown) => err);
    expect(error).toMatchObject({ code: "HTTP_NETWORK" });
    expect((error as Error).message).toBe("Could not reach http://127.0.0.1:9/: ECONNREFUSED");
  });

  it("times out a body that starts and then stalls", async () => {
    await expect(requestJson(`${origin}/stalls`, { timeoutMs: 300, env: {} })).rejects.toMatchObject({ code: "HTTP_TIMEOUT" });
  });

  it("reports the caller's own abort as HTTP_ABORTED", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(requestJson(`${origin}/silent`, { signal: controller.signal, env: {} })).rejects.toMatchObject({ code: "HTTP_ABORTED" });
  });
});
