/**
 * Reading a secret given as `-`: from a pipe, all of stdin (saying what we wait for when nothing comes);
 * on a terminal, a masked prompt instead of a silent wait that would echo the key as it is typed.
 */
import { interruptedError } from "./errors.js";

type SecretInput = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };

/** Reads one line from a raw-mode terminal, echoing `*` per character; Ctrl-C interrupts. */
export function readMaskedLine(input: SecretInput, output: NodeJS.WritableStream, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = "";
    output.write(prompt);
    input.setRawMode?.(true);
    input.resume();
    const finish = (error?: Error) => {
      input.off("data", onData);
      input.setRawMode?.(false);
      input.pause();
      output.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of String(chunk)) {
        if (char === "\r" || char === "\n" || char === "\u0004") return finish();
        if (char === "\u0003") return finish(interruptedError());
        if (char === "\u007f" || char === "\b") {
          if (value) {
            value = value.slice(0, -1);
            output.write("\b \b");
          }
          continue;
        }
        // Other control characters (arrow keys' escape sequences...) are not part of a key.
        if (char < " ") continue;
        value += char;
        output.write("*");
      }
    };
    input.on("data", onData);
  });
}

/** All of a piped stdin; after `noticeAfterMs` without any data, one stderr line says what is awaited. */
export async function readPipedSecret(input: NodeJS.ReadableStream, notice: () => void, noticeAfterMs = 2000): Promise<string> {
  const chunks: Buffer[] = [];
  const timer = setTimeout(notice, noticeAfterMs);
  try {
    for await (const chunk of input) {
      clearTimeout(timer);
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    }
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The secret for `flag -`, from stdin as it is connected (terminal or pipe). */
export function readSecretFromStdin(flag: string, stdin: SecretInput = process.stdin, stderr: NodeJS.WritableStream = process.stderr): Promise<string> {
  if (stdin.isTTY) return readMaskedLine(stdin, stderr, `Paste the key for ${flag} (input hidden), then press Enter: `);
  return readPipedSecret(stdin, () =>
    stderr.write(`Waiting for the key for ${flag} on stdin (pipe it in, e.g. printf '%s' "$KEY" | openclaw onboard ... ${flag} -; end with Ctrl-D).\n`),
  );
}
