/** Free re-runs per campaign: enough for imagery or a provider to recover, not an open tap on the providers. */
export const maxFreeReruns = 3;
