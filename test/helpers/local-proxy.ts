/** A tiny HTTP proxy on 127.0.0.1 (CONNECT tunnels and absolute-form requests) that records what it carried. */
import http from "node:http";
import net from "node:net";
import { listenOnLoopback } from "./loopback-server.js";

export type LocalProxy = { url: string; seen: string[]; close: () => Promise<void> };

/** `silent`: a proxy that accepts every connection and request and never answers (nor forwards). */
export async function startLocalProxy(options: { silent?: boolean } = {}): Promise<LocalProxy> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    // Absolute-form request: GET http://host:port/path
    seen.push(`${req.method} ${req.url}`);
    if (options.silent) return;
    const target = new URL(req.url ?? "");
    const upstream = http.request(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on("connect", (req, client: net.Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    if (options.silent) return;
    const [host, port] = (req.url ?? "").split(":");
    const upstream = net.connect(Number(port), host ?? "127.0.0.1", () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  const { origin, close } = await listenOnLoopback(server);
  return { url: origin, seen, close };
}
