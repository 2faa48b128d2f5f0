import Stripe from "stripe";
import { getConfig } from "@/lib/config";

let client: Stripe | undefined;

/** Returns the Stripe client; host, port and protocol come from STRIPE_API_BASE_URL. */
export function getStripe(): Stripe {
  if (client) return client;

  const { stripe } = getConfig();
  client = new Stripe(stripe.secretKey, {
    host: stripe.host,
    port: stripe.port,
    protocol: stripe.protocol,
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
  });
  return client;
}
