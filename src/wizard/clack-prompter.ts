/** The terminal implementation of WizardPrompter, over @clack/prompts (the only file importing it). */
import type { Readable } from "node:stream";
import * as clack from "@clack/prompts";
import { interruptHandledByCaller } from "../infra/termination.js";
import { WizardCancelledError, type WizardPrompter, type WizardSelectOption } from "./prompts.js";

function guard<T>(value: T): Exclude<T, symbol> {
  if (clack.isCancel(value)) {
    clack.cancel("Setup cancelled.");
    throw new WizardCancelledError("Setup cancelled.", { shown: true });
  }
  return value as Exclude<T, symbol>;
}

type ClackOption<T> = { value: T; label: string; hint?: string };

/**
 * Clack shows a focused option's hint in parentheses, so a hint with its own parentheses would read
 * "Kilo Gateway (API key (OpenRouter-compatible))": inner parentheses become a middle dot.
 */
export function displayHint(hint: string): string {
  return hint.replace(/\s*\(([^()]*)\)/g, " · $1").trim();
}

/** Splits text into lines of at most `width` characters, at spaces only (a longer word keeps its own line). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines;
}

/** Room for text inside the wizard's frame ("│  " on the left, a margin on the right). */
function frameWidth(): number {
  return Math.max(20, (process.stdout.columns || 80) - 6);
}

function toClackOptions<T>(options: WizardSelectOption<T>[]): ClackOption<T>[] {
  return options.map((option) => ({ value: option.value, label: option.label, ...(option.hint ? { hint: displayHint(option.hint) } : {}) }));
}

/**
 * `input` replaces stdin as the keyboard (the controlling terminal, when stdin carried a key piped in
 * with `--<provider>-api-key -`).
 */
export function createClackPrompter(options: { input?: Readable } = {}): WizardPrompter {
  const io = options.input ? { input: options.input } : {};
  return {
    intro: async (title) => clack.intro(title),
    outro: async (message) => clack.outro(message),
    note: async (message, title) => clack.note(message, title),
    select: async (params) => {
      const options = toClackOptions(params.options) as Parameters<typeof clack.select>[0]["options"];
      const common = { ...io, message: params.message, options, ...(params.initialValue !== undefined ? { initialValue: params.initialValue } : {}) };
      if (!params.searchable) return guard(await clack.select(common)) as typeof params.initialValue & {};
      // Enter on a filter with no match gives no value: ask again instead of returning a blank answer.
      for (;;) {
        const answer = guard(await clack.autocomplete({ ...common, maxItems: 12 }));
        if (params.options.some((option) => option.value === answer)) return answer as typeof params.initialValue & {};
        clack.log.warn("No model matches that search: type part of a model name, then pick one with the arrow keys.");
      }
    },
    multiselect: async (params) => {
      const options = [...toClackOptions(params.options)] as clack.Option<(typeof params.options)[number]["value"]>[];
      const common = { ...io, message: params.message, options, ...(params.initialValues ? { initialValues: params.initialValues } : {}) };
      const answer = params.searchable ? await clack.autocompleteMultiselect(common) : await clack.multiselect({ ...common, required: false });
      return guard(answer) as never;
    },
    text: async (params) => {
      const validate = params.validate ? (value: string | undefined) => params.validate?.(value ?? "") : undefined;
      const answer = params.mask
        ? await clack.password({ ...io, message: params.message, ...(validate ? { validate } : {}) })
        : await clack.text({
            ...io,
            message: params.message,
            ...(params.initialValue !== undefined ? { initialValue: params.initialValue } : {}),
            ...(params.placeholder !== undefined ? { placeholder: params.placeholder } : {}),
            ...(validate ? { validate } : {}),
          });
      return guard(answer);
    },
    confirm: async (params) => guard(await clack.confirm({ ...io, message: params.message, initialValue: params.initialValue ?? true })),
    progress: (label) => {
      const spin = clack.spinner({
        // Reached on Ctrl-C (see below). A caller that listens for SIGINT itself (browser sign-in) aborts
        // its own work; otherwise the wizard stops here, as it does at any prompt.
        onCancel: () => {
          if (interruptHandledByCaller()) return;
          process.stderr.write("Setup cancelled.\n");
          process.exit(1);
        },
      });
      spin.start(label);
      // clack's spinner puts stdin in raw mode and answers Ctrl-C with process.exit(0): a cancel that
      // reports success. Back in cooked mode, Ctrl-C is a real SIGINT the spinner and callers handle.
      if (process.stdin.isTTY) process.stdin.setRawMode(false);
      return {
        update: (message) => spin.message(message),
        stop: (message) => spin.stop(message),
        fail: (message) => {
          spin.clear();
          clack.log.error(wrapWords(message, frameWidth()).join("\n"));
        },
      };
    },
  };
}
