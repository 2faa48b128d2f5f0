import { z } from "zod";

import { formatParamPath } from "./stripe-form";

/**
 * Schemas of the Stripe request parameters the emulator implements. Form values arrive as
 * strings, so numbers are parsed here. Unknown parameters are rejected the way Stripe does,
 * except a list of real ones the emulator accepts and ignores.
 */

const integerString = z.string().regex(/^-?\d+$/, "Invalid integer").transform(Number);
const positiveInteger = integerString.pipe(z.number().int().min(1, "Invalid positive integer"));
const nonNegativeInteger = integerString.pipe(z.number().int().min(0, "Invalid non-negative integer"));

/** Stripe allows 50 keys of up to 40 characters with values of up to 500 characters. */
export const metadataSchema = z
  .record(z.string().max(40, "Metadata keys can have up to 40 characters"), z.string().max(500, "Metadata values can have up to 500 characters"))
  .refine((metadata) => Object.keys(metadata).length <= 50, "Metadata can have up to 50 keys")
  // An empty value unsets a key in Stripe, so it never appears on the object.
  .transform((metadata) => Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== "")));

const expandSchema = z.array(z.string()).optional();

const urlString = z.string().refine((value) => URL.canParse(value), "Not a valid URL");

/** Real session parameters that change nothing the emulator models. */
const ignoredSessionParams = [
  "allow_promotion_codes",
  "automatic_tax",
  "billing_address_collection",
  "consent_collection",
  "custom_fields",
  "custom_text",
  "customer_creation",
  "invoice_creation",
  "locale",
  "payment_method_collection",
  "payment_method_options",
  "phone_number_collection",
  "submit_type",
  "tax_id_collection",
  "ui_mode",
] as const;

const lineItemSchema = z
  .object({
    price: z.string().optional(),
    price_data: z
      .object({
        currency: z.string().regex(/^[A-Za-z]{3}$/, "Invalid currency").transform((currency) => currency.toLowerCase()),
        unit_amount: nonNegativeInteger,
        product_data: z
          .object({
            name: z.string().min(1, "Missing required param"),
            description: z.string().optional(),
            images: z.array(urlString).optional(),
            metadata: metadataSchema.optional(),
          })
          .strict(),
        tax_behavior: z.enum(["exclusive", "inclusive", "unspecified"]).optional(),
      })
      .strict()
      .optional(),
    quantity: positiveInteger,
  })
  .strict();

export const createSessionSchema = z
  .object({
    mode: z.enum(["payment", "setup", "subscription"]),
    line_items: z.array(lineItemSchema).max(100, "A session can have up to 100 line items").optional(),
    success_url: urlString.optional(),
    cancel_url: urlString.optional(),
    customer_email: z.email("Invalid email address").optional(),
    client_reference_id: z.string().max(200, "client_reference_id can have up to 200 characters").optional(),
    metadata: metadataSchema.optional(),
    payment_intent_data: z
      .object({
        metadata: metadataSchema.optional(),
        description: z.string().optional(),
        receipt_email: z.email("Invalid email address").optional(),
      })
      .strict()
      .optional(),
    payment_method_types: z.array(z.string()).optional(),
    expires_at: integerString.optional(),
    expand: expandSchema,
    ...acceptAndIgnore(ignoredSessionParams),
  })
  .strict();

export const createRefundSchema = z
  .object({
    payment_intent: z.string().optional(),
    charge: z.string().optional(),
    amount: positiveInteger.optional(),
    reason: z.enum(["duplicate", "fraudulent", "requested_by_customer"]).optional(),
    metadata: metadataSchema.optional(),
    expand: expandSchema,
  })
  .strict();

export const listRefundsSchema = z
  .object({
    payment_intent: z.string().optional(),
    charge: z.string().optional(),
    limit: positiveInteger.pipe(z.number().max(100, "limit must be at most 100")).optional(),
    expand: expandSchema,
  })
  .strict();

export const retrieveSchema = z.object({ expand: expandSchema }).strict();

function acceptAndIgnore<const Names extends readonly string[]>(names: Names): { [Name in Names[number]]: z.ZodOptional<z.ZodUnknown> } {
  return Object.fromEntries(names.map((name) => [name, z.unknown().optional()])) as { [Name in Names[number]]: z.ZodOptional<z.ZodUnknown> };
}

/** Stripe's error body: `{ error: { type, code?, message, param? } }`. */
export interface StripeErrorBody {
  error: { type: string; code?: string; message: string; param?: string; doc_url?: string };
}

/** Converts the first schema issue into Stripe's wording for invalid parameters. */
export function toStripeParamError(error: z.ZodError): StripeErrorBody {
  const issue = error.issues[0];
  if (!issue) {
    return { error: { type: "invalid_request_error", message: "Invalid request." } };
  }

  if (issue.code === "unrecognized_keys") {
    const param = formatParamPath([...issue.path, issue.keys[0] ?? ""]);
    return { error: { type: "invalid_request_error", code: "parameter_unknown", message: `Received unknown parameter: ${param}`, param } };
  }

  const param = formatParamPath(issue.path);
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return { error: { type: "invalid_request_error", code: "parameter_missing", message: `Missing required param: ${param}.`, param } };
  }
  if (issue.message.startsWith("Invalid integer") || issue.message.startsWith("Invalid positive integer")) {
    return { error: { type: "invalid_request_error", code: "parameter_invalid_integer", message: `${issue.message}: ${param}`, param } };
  }
  return { error: { type: "invalid_request_error", code: "parameter_invalid", message: `Invalid ${param}: ${issue.message}`, param } };
}
