import { ApiError, GoogleGenAI } from "@google/genai";
import { getConfig } from "@/lib/config";
import { ProviderError, parseRetryAfter, providerTimeoutMs } from "@/lib/providers/provider-error";
import { modelScoreJsonSchema, parseModelAnswer, type ParsedModelAnswer } from "@/lib/scoring/score-contract";
import { scoringPrompt } from "@/lib/scoring/scoring-prompt";

let client: GoogleGenAI | undefined;

function getClient(): GoogleGenAI {
  if (client) return client;

  const { gemini } = getConfig();
  client = new GoogleGenAI({
    apiKey: gemini.apiKey,
    httpOptions: {
      ...(gemini.baseUrl ? { baseUrl: gemini.baseUrl } : {}),
      timeout: providerTimeoutMs,
      // One attempt per call: retries go back through the engine's throttle, so the budget holds.
      retryOptions: { attempts: 1 },
      fetch: fetchKeepingRetryAfter,
    },
  });
  return client;
}

/**
 * Asks Gemini to score one image. Returns the parsed result, or why the response did not parse; throws a
 * ProviderError when the call itself failed.
 */
export async function scoreImage(image: { contentType: string; bytes: Buffer }): Promise<ParsedModelAnswer> {
  const { gemini } = getConfig();

  try {
    const response = await getClient().models.generateContent({
      model: gemini.model,
      contents: [
        {
          role: "user",
          parts: [{ text: scoringPrompt }, { inlineData: { mimeType: image.contentType, data: image.bytes.toString("base64") } }],
        },
      ],
      config: {
        responseMimeType: "application/json",
        responseJsonSchema: modelScoreJsonSchema,
        temperature: 0,
      },
    });
    return parseModelAnswer(response.text);
  } catch (error) {
    throw toProviderError(error);
  }
}

/**
 * Turns a quota or server error into a ProviderError that keeps the provider's requested delay.
 * The SDK's ApiError drops response headers, but it passes errors thrown by its `fetch` through
 * unchanged (@google/genai 2.32, ApiClient.apiCall).
 */
async function fetchKeepingRetryAfter(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  if (response.status !== 429 && response.status < 500) return response;

  const body = await response.text().catch(() => "");
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after")) ?? retryAfterFromMessage(body);
  throw new ProviderError("gemini", `Gemini returned HTTP ${response.status}: ${firstLine(body)}`, true, retryAfterMs);
}

function toProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof ApiError) {
    const retryable = error.status === 429 || error.status === 408 || error.status >= 500;
    return new ProviderError("gemini", `Gemini returned HTTP ${error.status}: ${firstLine(error.message)}`, retryable, retryAfterFromMessage(error.message));
  }
  return new ProviderError("gemini", `Gemini request failed: ${firstLine((error as Error).message ?? String(error))}`, true);
}

/** The SDK folds the response into the message; a RetryInfo detail like `"retryDelay": "12s"` is kept there. */
function retryAfterFromMessage(message: string): number | undefined {
  const match = /"retryDelay"\s*:\s*"(\d+(?:\.\d+)?)s"/.exec(message);
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

function firstLine(text: string): string {
  return text.split("\n")[0]?.slice(0, 300) ?? "";
}
