import { getConfig } from "@/lib/config";

/** A `key=` query parameter, as in a Google Maps or Street View URL. */
const keyParameter = /([?&]key=)[^&\s"'<>]+/gi;

/**
 * Removes every provider key and secret, and any `key=` query parameter, from text that came
 * out of a provider call, such as an error message. Call it before such text is stored,
 * because stored failure reasons are shown on the results page and in the export.
 */
export function redactProviderKeys(text: string): string {
  const { google, gemini, stripe, resend } = getConfig();
  return redactSecrets(text, [google.apiKey, gemini.apiKey, stripe.secretKey, stripe.webhookSecret, resend.apiKey]);
}

/** Replaces each of `secrets` and the value of any `key=` query parameter with "[redacted]". */
export function redactSecrets(text: string, secrets: string[]): string {
  let redacted = text.replace(keyParameter, "$1[redacted]");
  for (const secret of secrets) {
    if (secret !== "") redacted = redacted.split(secret).join("[redacted]");
  }
  return redacted;
}
