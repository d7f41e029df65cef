// npm run emotion-server — the self-hosted emotion inference server.
//
// Serves the transformer model in EMOTION_MODEL_DIR when set, otherwise the built-in
// model (EMOTION_BUILTIN_MODEL, default data/emotion-model.json, or one trained from
// demo data at start). Listens on EMOTION_SERVER_HOST:EMOTION_SERVER_PORT (default
// 127.0.0.1:8090). Point the app at it with EMOTION_INFERENCE_URL=http://127.0.0.1:8090/.
// SIGTERM / SIGINT: stop accepting, finish requests in flight, exit.
import type { AddressInfo } from "node:net";
import { ConfigError } from "@/db/config";
import { loadEmotionBackend } from "@/lib/emotion/load-backend";
import { parseEmotionServerConfig } from "@/lib/emotion/server-config";
import { logger } from "@/lib/platform/logger";
import { createEmotionServer, shutdownServer } from "@/models/emotion/server";
import { runCli } from "./run-cli";

runCli(async () => {
  const config = parseEmotionServerConfig();
  const started = performance.now();
  const { backend, description } = await loadEmotionBackend(config);
  const server = createEmotionServer({
    backend,
    maxBatch: config.EMOTION_MAX_BATCH,
    maxInputChars: config.EMOTION_MAX_INPUT_CHARS,
    log: (level, message, fields) => logger[level](message, fields),
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) =>
      reject(new ConfigError(`cannot listen on ${config.EMOTION_SERVER_HOST}:${config.EMOTION_SERVER_PORT} (EMOTION_SERVER_HOST/EMOTION_SERVER_PORT): ${e.code ?? e.message}`)),
    );
    server.listen(config.EMOTION_SERVER_PORT, config.EMOTION_SERVER_HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  logger.info("emotion server listening", {
    url: `http://${config.EMOTION_SERVER_HOST}:${port}/`,
    model: backend.id,
    backend: backend.kind,
    labels: backend.labels,
    source: description,
    readyMs: Math.round(performance.now() - started),
  });

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGTERM", () => resolve("SIGTERM"));
    process.once("SIGINT", () => resolve("SIGINT"));
  });
  logger.info("emotion server stopping", { signal });
  await shutdownServer(server, 10_000);
  await backend.close?.();
  logger.info("emotion server stopped");
  return 0;
});
