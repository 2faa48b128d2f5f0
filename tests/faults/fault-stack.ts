import { startStack, type Stack } from "../../scripts/stack/start-stack";
import { stackEnvironment, testRateLimitEnv, testStackOptions } from "../../scripts/stack/test-stack-options";

/**
 * Starts a stack for one fault test file on its own ports and data folder, and points the shared
 * test helpers at it. Each file kills or restarts parts of its stack, so none is shared.
 */
export async function startFaultStack(name: string): Promise<Stack> {
  const enginePort = Number(process.env.FAULTS_INNGEST_PORT ?? 8788);
  const stack = await startStack({
    ...testStackOptions((line) => console.log(`[${name}] ${line}`)),
    name,
    appPort: Number(process.env.FAULTS_APP_PORT ?? 3710),
    enginePort,
    engineExtraPorts: [enginePort + 1, enginePort + 2, enginePort + 3],
    persistentEngine: true,
    // Work the engine loses between its last snapshot and a kill is found and sent again after a minute.
    appEnv: { ...testRateLimitEnv, STALLED_AFTER_MINUTES: "1" },
  });
  Object.assign(process.env, stackEnvironment(stack));
  return stack;
}
