import { z } from "zod";

/**
 * Reads finished runs from the Inngest dev server's GraphQL API (`POST /v0/gql`, the API its
 * dashboard uses) to measure steps per run, step output sizes and events per `step.sendEvent`.
 */

export type RunLimitsSample = {
  runsInspected: number;
  runsByFunction: Record<string, number>;
  maxStepsInOneRun: number;
  maxStepsFunction: string | null;
  maxStepOutputBytes: number;
  maxStepOutputStep: string | null;
  maxEventsInOneSend: number;
};

const functionsSchema = z.object({ data: z.object({ functions: z.array(z.object({ id: z.string(), slug: z.string() })) }) });
const runsPageSchema = z.object({
  data: z.object({
    runs: z.object({
      edges: z.array(z.object({ node: z.object({ id: z.string() }) })),
      pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
    }),
  }),
});
const spanSchema = z.object({ name: z.string(), stepOp: z.string().nullable(), stepType: z.string(), outputID: z.string().nullable() });
const traceSchema = z.object({ data: z.object({ runTrace: z.object({ childrenSpans: z.array(spanSchema) }) }) });
const outputSchema = z.object({ data: z.object({ runTraceSpanOutputByID: z.object({ data: z.string().nullable() }) }) });

/**
 * Inspects up to `runsPerFunction` of the oldest runs of each function whose slug ends with one
 * of `functionSuffixes`. Steps are the trace's spans with a step operation, so `step.sendEvent`
 * counts and the engine's bookkeeping spans do not.
 */
export async function sampleRunLimits(engineUrl: string, sinceMs: number, functionSuffixes: readonly string[], runsPerFunction: number): Promise<RunLimitsSample> {
  const sample: RunLimitsSample = {
    runsInspected: 0,
    runsByFunction: {},
    maxStepsInOneRun: 0,
    maxStepsFunction: null,
    maxStepOutputBytes: 0,
    maxStepOutputStep: null,
    maxEventsInOneSend: 0,
  };

  for (const suffix of functionSuffixes) {
    const runIds = await listRunIds(engineUrl, suffix, sinceMs, runsPerFunction);
    sample.runsByFunction[suffix] = runIds.length;
    for (const runId of runIds) await inspectRun(engineUrl, runId, suffix, sample);
    sample.runsInspected += runIds.length;
  }
  return sample;
}

async function inspectRun(engineUrl: string, runId: string, functionName: string, sample: RunLimitsSample): Promise<void> {
  const trace = traceSchema.parse(
    await queryEngine(engineUrl, "query($id: String!) { runTrace(runID: $id) { childrenSpans { name stepOp stepType outputID } } }", { id: runId }),
  );
  const steps = trace.data.runTrace.childrenSpans.filter((span) => span.stepOp !== null);
  if (steps.length > sample.maxStepsInOneRun) {
    sample.maxStepsInOneRun = steps.length;
    sample.maxStepsFunction = functionName;
  }

  for (const step of steps) {
    if (!step.outputID) continue;
    const output = outputSchema.parse(
      await queryEngine(engineUrl, "query($id: String!) { runTraceSpanOutputByID(outputID: $id) { data } }", { id: step.outputID }),
    ).data.runTraceSpanOutputByID.data;
    const bytes = Buffer.byteLength(output ?? "", "utf8");
    if (bytes > sample.maxStepOutputBytes) {
      sample.maxStepOutputBytes = bytes;
      sample.maxStepOutputStep = `${functionName} / ${step.name}`;
    }
    if (step.stepType === "step.sendEvent" && output) sample.maxEventsInOneSend = Math.max(sample.maxEventsInOneSend, countSentEvents(output));
  }
}

/** `step.sendEvent` returns `{ ids: [...] }`, one id per event of the request. */
function countSentEvents(output: string): number {
  const parsed = z.object({ ids: z.array(z.string()) }).safeParse(JSON.parse(output));
  return parsed.success ? parsed.data.ids.length : 0;
}

/** Returns the ids of up to `limit` completed runs of the function whose slug ends with `functionSuffix`, oldest first. */
export async function listRunIds(engineUrl: string, functionSuffix: string, sinceMs: number, limit: number): Promise<string[]> {
  const functions = functionsSchema.parse(await queryEngine(engineUrl, "{ functions { id slug } }")).data.functions;
  const match = functions.find((candidate) => candidate.slug.endsWith(functionSuffix));
  if (!match) {
    throw new Error(`The engine has no function whose slug ends with ${functionSuffix}. Registered: ${functions.map((fn) => fn.slug).join(", ")}.`);
  }

  const functionId = match.id;
  const ids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100 && ids.length < limit; page++) {
    const body = runsPageSchema.parse(
      await queryEngine(
        engineUrl,
        `query($from: Time!, $fn: [UUID!], $first: Int!, $after: String) {
          runs(first: $first, after: $after, orderBy: [{ field: QUEUED_AT, direction: ASC }], filter: { from: $from, functionIDs: $fn, status: [COMPLETED] }) {
            edges { node { id } } pageInfo { hasNextPage endCursor }
          }
        }`,
        { from: new Date(sinceMs).toISOString(), fn: [functionId], first: Math.min(100, limit - ids.length), after },
      ),
    );
    ids.push(...body.data.runs.edges.map((edge) => edge.node.id));
    if (!body.data.runs.pageInfo.hasNextPage) break;
    after = body.data.runs.pageInfo.endCursor;
  }
  return ids;
}

/** Sends one GraphQL query to the engine and returns the parsed body, failing on HTTP or GraphQL errors. */
export async function queryEngine(engineUrl: string, query: string, variables: Record<string, unknown> = {}): Promise<unknown> {
  const response = await fetch(`${engineUrl}/v0/gql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const body: unknown = await response.json();
  const errors = z.object({ errors: z.array(z.object({ message: z.string() })).optional() }).safeParse(body);
  if (!response.ok || (errors.success && errors.data.errors?.length)) {
    throw new Error(`The engine's GraphQL API returned HTTP ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
  return body;
}
