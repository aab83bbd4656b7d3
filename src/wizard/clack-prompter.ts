/** The terminal implementation of WizardPrompter, over @clack/prompts (the only file importing it). */
import * as clack from "@clack/prompts";
import { WizardCancelledError, type WizardPrompter, type WizardSelectOption } from "./prompts.js";

function guard<T>(value: T): Exclude<T, symbol> {
  if (clack.isCancel(value)) {
    clack.cancel("Setup cancelled.");
    throw new WizardCancelledError();
  }
  return value as Exclude<T, symbol>;
}

type ClackOption<T> = { value: T; label: string; hint?: string };

function toClackOptions<T>(options: WizardSelectOption<T>[]): ClackOption<T>[] {
  return options.map((option) => ({ value: option.value, label: option.label, ...(option.hint ? { hint: option.hint } : {}) }));
}

export function createClackPrompter(): WizardPrompter {
  return {
    intro: async (title) => clack.intro(title),
    outro: async (message) => clack.outro(message),
    note: async (message, title) => clack.note(message, title),
    select: async (params) => {
      const options = toClackOptions(params.options) as Parameters<typeof clack.select>[0]["options"];
      const common = { message: params.message, options, ...(params.initialValue !== undefined ? { initialValue: params.initialValue } : {}) };
      const answer = params.searchable ? await clack.autocomplete({ ...common, maxItems: 12 }) : await clack.select(common);
      return guard(answer) as typeof params.initialValue & {};
    },
    multiselect: async (params) => {
      const options = [...toClackOptions(params.options)] as clack.Option<(typeof params.options)[number]["value"]>[];
      const common = { message: params.message, options, ...(params.initialValues ? { initialValues: params.initialValues } : {}) };
      const answer = params.searchable ? await clack.autocompleteMultiselect(common) : await clack.multiselect({ ...common, required: false });
      return guard(answer) as never;
    },
    text: async (params) => {
      const validate = params.validate ? (value: string | undefined) => params.validate?.(value ?? "") : undefined;
      const answer = params.mask
        ? await clack.password({ message: params.message, ...(validate ? { validate } : {}) })
        : await clack.text({
            message: params.message,
            ...(params.initialValue !== undefined ? { initialValue: params.initialValue } : {}),
            ...(params.placeholder !== undefined ? { placeholder: params.placeholder } : {}),
            ...(validate ? { validate } : {}),
          });
      return guard(answer);
    },
    confirm: async (params) => guard(await clack.confirm({ message: params.message, initialValue: params.initialValue ?? true })),
    progress: (label) => {
      const spin = clack.spinner();
      spin.start(label);
      return { update: (message) => spin.message(message), stop: (message) => spin.stop(message) };
    },
  };
}
