/**
 * The prompt surface of the wizard. Commands talk to a WizardPrompter only; `clack-prompter.ts` is the
 * one file that imports @clack/prompts, and tests pass a scripted prompter instead.
 */
export type WizardSelectOption<T> = { value: T; label: string; hint?: string };

export type WizardProgress = {
  update: (message: string) => void;
  stop: (message?: string) => void;
  /** Ends the progress as a failure: the message is shown with the failure symbol, inside the frame. */
  fail: (message: string) => void;
};

export type WizardPrompter = {
  intro: (title: string) => Promise<void>;
  outro: (message: string) => Promise<void>;
  note: (message: string, title?: string) => Promise<void>;
  /** `searchable: true` lets the user type to filter long lists (model catalogs). */
  select: <T>(params: { message: string; options: WizardSelectOption<T>[]; initialValue?: T; searchable?: boolean }) => Promise<T>;
  multiselect: <T>(params: {
    message: string;
    options: WizardSelectOption<T>[];
    initialValues?: T[];
    searchable?: boolean;
  }) => Promise<T[]>;
  /** `mask: true` hides the typed characters (API keys). */
  text: (params: {
    message: string;
    initialValue?: string;
    placeholder?: string;
    mask?: boolean;
    validate?: (value: string) => string | undefined;
  }) => Promise<string>;
  confirm: (params: { message: string; initialValue?: boolean }) => Promise<boolean>;
  progress: (label: string) => WizardProgress;
};

/** Thrown when the user cancels a prompt (Ctrl-C / Esc); the CLI turns it into exit code 1. */
export class WizardCancelledError extends Error {
  /** True when the prompter already told the user (the CLI then prints nothing more). */
  readonly shown: boolean;

  constructor(message = "Setup cancelled.", options: { shown?: boolean } = {}) {
    super(message);
    this.name = "WizardCancelledError";
    this.shown = options.shown ?? false;
  }
}
