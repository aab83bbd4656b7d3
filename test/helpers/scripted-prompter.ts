/**
 * A WizardPrompter that answers from a script and records every question, so wizard flows are tested
 * through the real interface without mocking @clack/prompts.
 */
import type { WizardPrompter, WizardSelectOption } from "../../src/wizard/prompts.js";

export type ScriptedAnswer =
  | { kind: "select"; value: unknown; expectMessage?: string | RegExp }
  | { kind: "multiselect"; values: unknown[]; expectMessage?: string | RegExp }
  | { kind: "text"; value: string; expectMessage?: string | RegExp }
  | { kind: "confirm"; value: boolean; expectMessage?: string | RegExp };

export type RecordedPrompt = {
  kind: "intro" | "outro" | "note" | "select" | "multiselect" | "text" | "confirm" | "progress" | "progress-stop" | "progress-fail";
  message: string;
  title?: string;
  options?: WizardSelectOption<unknown>[];
  mask?: boolean;
  initialValue?: unknown;
  validationError?: string;
};

export type ScriptedPrompter = WizardPrompter & { asked: RecordedPrompt[]; remaining: () => number };

export function createScriptedPrompter(script: ScriptedAnswer[]): ScriptedPrompter {
  const queue = [...script];
  const asked: RecordedPrompt[] = [];

  function next<K extends ScriptedAnswer["kind"]>(kind: K, message: string): Extract<ScriptedAnswer, { kind: K }> {
    const answer = queue.shift();
    if (!answer) throw new Error(`Unscripted ${kind} prompt: "${message}"`);
    if (answer.kind !== kind) throw new Error(`Expected a ${answer.kind} prompt but got ${kind}: "${message}"`);
    const expected = answer.expectMessage;
    if (expected !== undefined && !(typeof expected === "string" ? message === expected : expected.test(message))) {
      throw new Error(`Prompt "${message}" does not match ${String(expected)}`);
    }
    return answer as Extract<ScriptedAnswer, { kind: K }>;
  }

  const prompter: ScriptedPrompter = {
    asked,
    remaining: () => queue.length,
    intro: async (title) => void asked.push({ kind: "intro", message: title }),
    outro: async (message) => void asked.push({ kind: "outro", message }),
    note: async (message, title) => void asked.push({ kind: "note", message, ...(title ? { title } : {}) }),
    select: async <T>(params: { message: string; options: WizardSelectOption<T>[]; initialValue?: T }) => {
      asked.push({
        kind: "select",
        message: params.message,
        options: params.options as WizardSelectOption<unknown>[],
        initialValue: params.initialValue,
      });
      const answer = next("select", params.message);
      if (!params.options.some((option) => option.value === answer.value)) {
        throw new Error(`Scripted value ${String(answer.value)} is not an option of "${params.message}"`);
      }
      return answer.value as T;
    },
    multiselect: async <T>(params: { message: string; options: WizardSelectOption<T>[] }) => {
      asked.push({ kind: "multiselect", message: params.message, options: params.options as WizardSelectOption<unknown>[] });
      return next("multiselect", params.message).values as T[];
    },
    text: async (params) => {
      const record: RecordedPrompt = { kind: "text", message: params.message, mask: params.mask ?? false };
      asked.push(record);
      const answer = next("text", params.message);
      const error = params.validate?.(answer.value);
      if (error) {
        record.validationError = error;
        throw new Error(`Scripted text "${answer.value}" failed validation: ${error}`);
      }
      return answer.value;
    },
    confirm: async (params) => {
      asked.push({ kind: "confirm", message: params.message, initialValue: params.initialValue });
      return next("confirm", params.message).value;
    },
    progress: (label) => {
      asked.push({ kind: "progress", message: label });
      return {
        update: () => undefined,
        stop: (message) => void asked.push({ kind: "progress-stop", message: message ?? "" }),
        fail: (message) => void asked.push({ kind: "progress-fail", message }),
      };
    },
  };
  return prompter;
}
