import { buildEngine, cachedEnginePath, pinnedEngineVersion } from "./stack/engine";

// `npm run engine:build`: builds the pinned Inngest engine into .cache/engine/ ahead of the first run.
async function main() {
  const version = pinnedEngineVersion();
  const started = Date.now();
  const output = await buildEngine(version);
  console.log(`Built Inngest ${version} at ${output} in ${Math.round((Date.now() - started) / 1000)} s.`);
}

main().catch((error) => {
  console.error(`Building the Inngest engine failed: ${(error as Error).message}`);
  console.error(`Set INNGEST_ENGINE_PATH to an inngest binary to skip the build (expected path: ${cachedEnginePath(pinnedEngineVersion())}).`);
  process.exit(1);
});
