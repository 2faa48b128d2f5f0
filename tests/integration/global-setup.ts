import { startStack, type Stack } from "../../scripts/stack/start-stack";
import { stackEnvironment, testStackOptions } from "../../scripts/stack/test-stack-options";

let ownStack: Stack | undefined;

/**
 * Uses the stack `npm test` started (STACK_APP_URL set); run alone, `vitest --project
 * integration` starts its own and stops it afterwards.
 */
export async function setup() {
  if (process.env.STACK_APP_URL) return;

  ownStack = await startStack(testStackOptions((line) => console.log(`[integration] ${line}`)));
  Object.assign(process.env, stackEnvironment(ownStack));
}

export async function teardown() {
  await ownStack?.stop();
}
