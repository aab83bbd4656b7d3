import { describe, expect, it } from "vitest";
import { SseParser } from "./sse-parser.js";

type Seen = { data: string; event: string };

function parse(pieces: string[]): Seen[] {
  const seen: Seen[] = [];
  const parser = new SseParser((data, event) => seen.push({ data, event }));
  for (const piece of pieces) parser.push(piece);
  parser.end();
  return seen;
}

/** Every way of cutting `text` in two, plus one character at a time. */
function cuts(text: string): string[][] {
  const out: string[][] = [[text], [...text]];
  for (let at = 1; at < text.length; at++) out.push([text.slice(0, at), text.slice(at)]);
  return out;
}

describe("SseParser", () => {
  it("dispatches each event's data on the blank line, with LF, CRLF and CR line ends", () => {
    for (const eol of ["\n", "\r\n", "\r"]) {
      const text = ["data: {\"a\":1}", "", "data: [DONE]", "", ""].join(eol);
      expect(parse([text])).toEqual([
        { data: '{"a":1}', event: "" },
        { data: "[DONE]", event: "" },
      ]);
    }
  });

  it("gives the same events however the text is cut, CRLF pairs cut in half included", () => {
    const text = 'event: error\r\ndata: {"error":1}\r\n\r\n: keep-alive\r\ndata:x\r\ndata: y\r\n\r\nretry: 5\ndata: é😀\n\n';
    const expected = [
      { data: '{"error":1}', event: "error" },
      { data: "x\ny", event: "" },
      { data: "é😀", event: "" },
    ];
    for (const pieces of cuts(text)) expect(parse(pieces)).toEqual(expected);
  });

  it("ignores comments, unknown fields and blank lines with no data, and strips one space only", () => {
    expect(parse([": hi\n\nid: 3\n\ndata:  two spaces\n\ndata\n\n"])).toEqual([{ data: " two spaces", event: "" }]);
  });

  it("at the end, dispatches a last event that lost its blank line or its final newline", () => {
    expect(parse(['data: {"last":true}\n'])).toEqual([{ data: '{"last":true}', event: "" }]);
    expect(parse(["data: a\n\ndata: b"])).toEqual([
      { data: "a", event: "" },
      { data: "b", event: "" },
    ]);
  });

  it("handles thousands of events in one piece", () => {
    const text = Array.from({ length: 5000 }, (_, index) => `data: ${index}\n\n`).join("");
    const seen = parse([text]);
    expect(seen).toHaveLength(5000);
    expect(seen[4999]).toEqual({ data: "4999", event: "" });
  });
});
