/** The per-file analysis budget's default, apart so that the command line reads it without loading the engine. */
export const DEFAULT_FILE_BUDGET_MS = 10_000;
