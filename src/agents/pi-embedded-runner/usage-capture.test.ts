import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportedCostFromText, withReportedCostCapture } from "./usage-capture.js";

describe("reportedCostFromText", () => {
  it("reads usage.cost from an SSE data line or a JSON body", () => {
    expect(reportedCostFromText('data: {"choices":[],"usage":{"prompt_tokens":3,"cost":0.0042}}')).toBe(0.0042);
    expect(reportedCostFromText('{"usage":{"cost":0}}')).toBe(0);
  });

  it("ignores lines without a usable cost", () => {
    expect(reportedCostFromText('data: {"choices":[{"delta":{"content":"usage"}}]}')).toBeUndefined();
    expect(reportedCostFromText('data: {"usage":{"cost":"0.1"}}')).toBeUndefined();
    expect(reportedCostFromText('data: {"usage":{"cost":-1}}')).toBeUndefined();
    expect(reportedCostFromText("data: [DONE]")).toBeUndefined();
    expect(reportedCostFromText('data: {"usage": broken')).toBeUndefined();
  });
});

describe("withReportedCostCapture", () => {
  let server: http.Server;
  let url = "";
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === "/fail") {
        res.writeHead(500, { "content-type": "application/json" });
        res.end('{"usage":{"cost":9}}');
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write('data: {"choices":[{"delta":{"content":"hi"}}]}\n\n');
      res.end('data: {"choices":[],"usage":{"prompt_tokens":1,"cost":0.5}}\n\ndata: [DONE]\n\n');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("reports the cost of the successful stream while the caller reads it unchanged", async () => {
    const { result, costUsd } = await withReportedCostCapture(async () => (await fetch(`${url}/ok`)).text());
    expect(result).toContain('"content":"hi"');
    expect(result).toContain("[DONE]");
    expect(costUsd).toBe(0.5);
  });

  it("ignores failed responses and restores fetch", async () => {
    const before = globalThis.fetch;
    const { costUsd } = await withReportedCostCapture(async () => (await fetch(`${url}/fail`)).text());
    expect(costUsd).toBeUndefined();
    expect(globalThis.fetch).toBe(before);
  });
});
