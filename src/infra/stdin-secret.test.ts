import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { readMaskedLine, readPipedSecret, readSecretFromStdin } from "./stdin-secret.js";

function terminal(): PassThrough & { isTTY: boolean; raw: boolean[]; setRawMode: (mode: boolean) => void } {
  const input = new PassThrough() as PassThrough & { isTTY: boolean; raw: boolean[]; setRawMode: (mode: boolean) => void };
  input.isTTY = true;
  input.raw = [];
  input.setRawMode = (mode) => void input.raw.push(mode);
  return input;
}

function collect(): PassThrough & { text: () => string } {
  const output = new PassThrough() as PassThrough & { text: () => string };
  const parts: string[] = [];
  output.on("data", (chunk: Buffer) => parts.push(chunk.toString()));
  output.text = () => parts.join("");
  return output;
}

describe("readMaskedLine", () => {
  it("reads a pasted key without echoing it, handles backspace, and restores the terminal", async () => {
    const input = terminal();
    const output = collect();
    const reading = readMaskedLine(input, output, "Key: ");
    input.write("sk-abcX\u007f");
    input.write("d\r");
    expect(await reading).toBe("sk-abcd");
    expect(output.text()).not.toContain("sk-abc");
    expect(output.text()).toContain("Key: ");
    expect(input.raw).toEqual([true, false]);
  });

  it("Ctrl-C interrupts", async () => {
    const input = terminal();
    const reading = readMaskedLine(input, collect(), "Key: ");
    input.write("sk\u0003");
    await expect(reading).rejects.toMatchObject({ code: "INTERRUPTED" });
  });
});

describe("readPipedSecret", () => {
  it("says what it waits for when nothing arrives, then reads everything", async () => {
    const input = new PassThrough();
    let notices = 0;
    const reading = readPipedSecret(input, () => notices++, 20);
    await new Promise((resolve) => setTimeout(resolve, 60));
    input.end("sk-piped\n");
    expect(await reading).toBe("sk-piped\n");
    expect(notices).toBe(1);
  });

  it("stays quiet when the key is already there", async () => {
    const input = new PassThrough();
    input.end("sk-now");
    let notices = 0;
    expect(await readPipedSecret(input, () => notices++, 20)).toBe("sk-now");
    expect(notices).toBe(0);
  });
});

describe("readSecretFromStdin", () => {
  it("prompts masked on a terminal, naming the flag", async () => {
    const input = terminal();
    const output = collect();
    const reading = readSecretFromStdin("--kilocode-api-key", input, output);
    input.write("sk-tty\r");
    expect(await reading).toBe("sk-tty");
    expect(output.text()).toContain("Paste the key for --kilocode-api-key (input hidden)");
  });
});
