import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { z } from "zod";

import { shouldInjectError, simulateLatency, type EmulatorContext } from "./context";
import { assessImage } from "./distress-assessment";
import { malformations, writeAnswerText } from "./gemini-answer";
import { SlidingWindowQuota } from "./gemini-quota";
import { headerValue, queryParams, sendJson, type Route, type RouteRequest } from "./http";

/**
 * Estimated usage: Gemini counts 258 tokens for an image that fits in one tile, and about four
 * characters of English text make a token.
 */
const tokensPerImage = 258;
const charactersPerToken = 4;

const partSchema = z
  .object({
    text: z.string().optional(),
    inlineData: z
      .object({
        mimeType: z.string().min(1),
        data: z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, "Base64 decoding failed"),
      })
      .optional(),
  })
  .loose();

const responseSchemaShape = z.object({ properties: z.record(z.string(), z.unknown()).optional() }).loose();

const generateContentRequestSchema = z
  .object({
    contents: z
      .array(z.object({ role: z.string().optional(), parts: z.array(partSchema).min(1) }).loose())
      .min(1, "contents must not be empty"),
    systemInstruction: z.object({ parts: z.array(partSchema) }).loose().optional(),
    generationConfig: z
      .object({
        responseMimeType: z.string().optional(),
        responseSchema: responseSchemaShape.optional(),
        responseJsonSchema: responseSchemaShape.optional(),
        temperature: z.number().min(0).max(2).optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

type GenerateContentRequest = z.infer<typeof generateContentRequestSchema>;

/** Routes of the Gemini API's generateContent method, at every API version the SDK can use. */
export function geminiRoutes(context: EmulatorContext): { routes: Route[]; resetQuota(): void } {
  const quota = new SlidingWindowQuota();
  return {
    routes: [
      {
        method: "POST",
        pattern: /^\/(?<version>v1|v1beta|v1alpha)\/models\/(?<model>[^/:]+):generateContent$/,
        handler: (request, response) => handleGenerateContent(context, quota, request, response),
      },
    ],
    resetQuota: () => quota.reset(),
  };
}

/** Sends an error in the Google API format, `{ error: { code, message, status } }`. */
export function sendGeminiError(
  response: ServerResponse,
  code: number,
  status: string,
  message: string,
  extra: { details?: unknown[]; headers?: Record<string, string> } = {},
): void {
  const error = { code, message, status, ...(extra.details ? { details: extra.details } : {}) };
  sendJson(response, code, { error }, extra.headers);
}

async function handleGenerateContent(
  context: EmulatorContext,
  quota: SlidingWindowQuota,
  request: RouteRequest,
  response: ServerResponse,
): Promise<void> {
  const arrivalMs = context.now();
  context.stats.countRequest("gemini");
  const { version = "v1beta", model = "" } = request.params;

  const apiKey = headerValue(request.headers, "x-goog-api-key") ?? queryParams(request.url).key;
  if (!apiKey) {
    sendGeminiError(
      response,
      403,
      "PERMISSION_DENIED",
      "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    );
    return;
  }

  const body = parseRequestBody(request.body);
  if (!body.ok) {
    sendGeminiError(response, 400, "INVALID_ARGUMENT", body.message);
    return;
  }
  if (!model.startsWith("gemini-")) {
    sendGeminiError(
      response,
      404,
      "NOT_FOUND",
      `models/${model} is not found for API version ${version}, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
    );
    return;
  }

  const knobs = context.knobs();
  if (!quota.tryAccept(arrivalMs, knobs.geminiRpm)) {
    sendQuotaExceeded(context, response, model, knobs.geminiRpm ?? 0, knobs.geminiRetryAfterSeconds);
    return;
  }
  context.stats.recordGeminiAccepted(arrivalMs);

  await simulateLatency(context, "gemini");
  if (shouldInjectError(context, "gemini")) {
    sendInjectedError(context, response);
    return;
  }

  sendJson(response, 200, buildResponse(context, model, body.request));
}

function parseRequestBody(raw: Buffer): { ok: true; request: GenerateContentRequest } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch (error) {
    return { ok: false, message: `Invalid JSON payload received. ${(error as Error).message}` };
  }

  const parsed = generateContentRequestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `Invalid value at '${issue?.path.join(".") ?? ""}': ${issue?.message ?? "invalid request"}` };
  }
  return { ok: true, request: parsed.data };
}

function buildResponse(context: EmulatorContext, model: string, request: GenerateContentRequest) {
  const parts = request.contents.flatMap((content) => content.parts);
  const image = parts.find((part) => part.inlineData)?.inlineData;
  const imageBytes = image ? Buffer.from(image.data, "base64") : null;
  const config = request.generationConfig;
  const schema = config?.responseJsonSchema ?? config?.responseSchema;

  const malformed = context.random() < context.knobs().geminiMalformedRate;
  const malformation = malformed ? (malformations[Math.floor(context.random() * malformations.length)] ?? "truncated-json") : null;
  if (malformed) {
    context.stats.countGeminiMalformed();
  }

  const text = writeAnswerText(
    assessImage(imageBytes),
    {
      json: config?.responseMimeType === "application/json",
      schemaProperties: schema?.properties ? Object.keys(schema.properties) : null,
    },
    malformation,
  );

  const promptCharacters = [...parts, ...(request.systemInstruction?.parts ?? [])].reduce((sum, part) => sum + (part.text?.length ?? 0), 0);
  const textTokens = Math.ceil(promptCharacters / charactersPerToken);
  const imageTokens = parts.filter((part) => part.inlineData).length * tokensPerImage;
  const candidatesTokenCount = Math.ceil(text.length / charactersPerToken);

  return {
    candidates: [{ content: { parts: [{ text }], role: "model" }, finishReason: "STOP", index: 0 }],
    usageMetadata: {
      promptTokenCount: textTokens + imageTokens,
      candidatesTokenCount,
      totalTokenCount: textTokens + imageTokens + candidatesTokenCount,
      promptTokensDetails: [
        { modality: "TEXT", tokenCount: textTokens },
        ...(imageTokens > 0 ? [{ modality: "IMAGE", tokenCount: imageTokens }] : []),
      ],
    },
    modelVersion: model,
    responseId: randomBytes(15).toString("base64url"),
  };
}

function sendQuotaExceeded(
  context: EmulatorContext,
  response: ServerResponse,
  model: string,
  limit: number,
  retryAfterSeconds: number | null,
): void {
  context.stats.countGeminiRateLimited();

  const details: unknown[] = [
    {
      "@type": "type.googleapis.com/google.rpc.QuotaFailure",
      violations: [
        {
          quotaMetric: "generativelanguage.googleapis.com/generate_content_requests",
          quotaId: "GenerateRequestsPerMinutePerProjectPerModel",
          quotaDimensions: { model, location: "global" },
          quotaValue: String(limit),
        },
      ],
    },
  ];
  if (retryAfterSeconds !== null) {
    details.push({ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${retryAfterSeconds}s` });
  }

  sendGeminiError(
    response,
    429,
    "RESOURCE_EXHAUSTED",
    `You exceeded your current quota of ${limit} requests per minute for ${model}. Please retry later.`,
    { details, headers: retryAfterSeconds !== null ? { "Retry-After": String(retryAfterSeconds) } : {} },
  );
}

function sendInjectedError(context: EmulatorContext, response: ServerResponse): void {
  if (context.random() < 0.5) {
    sendGeminiError(response, 500, "INTERNAL", "An internal error has occurred. Please retry or report the problem if it persists.");
    return;
  }
  sendGeminiError(response, 503, "UNAVAILABLE", "The model is overloaded. Please try again later.");
}
