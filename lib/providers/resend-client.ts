import { Resend } from "resend";
import { getConfig } from "@/lib/config";

let client: Resend | undefined;

/** Returns the Resend client pointed at RESEND_BASE_URL. */
export function getResend(): Resend {
  if (client) return client;

  const { resend } = getConfig();
  client = new Resend(resend.apiKey, { baseUrl: resend.baseUrl });
  return client;
}
