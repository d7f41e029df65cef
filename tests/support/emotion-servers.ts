// Real HTTP servers for emotion tests, all on loopback and an OS-chosen port:
// - the project's emotion server with a real backend (the built-in model trained on
//   demo data, or the tiny ONNX model);
// - "misbehaving service" servers (slow, 500, TEI-shaped, header-capturing). These are
//   not mocks of our server: they are real http servers standing in for a remote
//   service in a state we cannot otherwise produce on demand (overloaded, crashing).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { trainDemoEmotionModel } from "@/lib/emotion/builtin-model";
import { createBuiltinBackend } from "@/models/emotion/builtin-backend";
import { createEmotionServer, shutdownServer, type EmotionServerOptions } from "@/models/emotion/server";
import type { EmotionBackend } from "@/models/emotion/types";

export interface RunningServer {
  server: http.Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

export async function listen(server: http.Server, port = 0): Promise<RunningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return { server, port: actual, url: `http://127.0.0.1:${actual}/`, close: () => shutdownServer(server, 1000) };
}

let demoBackend: Promise<EmotionBackend> | undefined;

/** The built-in backend trained on a small demo set; trained once per test file. */
export function demoEmotionBackend(): Promise<EmotionBackend> {
  demoBackend ??= trainDemoEmotionModel(1500).then((m) => createBuiltinBackend(m.classifier, m.artifact.modelId));
  return demoBackend;
}

export async function startEmotionServer(options: Partial<EmotionServerOptions> = {}, port = 0): Promise<RunningServer> {
  const backend = options.backend ?? (await demoEmotionBackend());
  return listen(createEmotionServer({ ...options, backend }), port);
}

/** A port nothing listens on (bound once by the OS, then released). */
export async function unusedPort(): Promise<number> {
  const running = await listen(http.createServer());
  await running.close();
  return running.port;
}

export type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void | Promise<void>;

/** A real http server answering with `handler`; counts requests. */
export async function startStubService(handler: Handler): Promise<RunningServer & { requests: () => number }> {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => void handler(req, Buffer.concat(chunks).toString("utf8"), res));
  });
  const running = await listen(server);
  return { ...running, requests: () => requests, close: () => shutdownServer(server, 100) };
}

/** A stub service for the length of `run`, closed afterwards whatever happens. */
export async function withStubService<T>(handler: Handler, run: (stub: Awaited<ReturnType<typeof startStubService>>) => Promise<T>): Promise<T> {
  const stub = await startStubService(handler);
  try {
    return await run(stub);
  } finally {
    await stub.close();
  }
}

export function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(value));
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed, headers: response.headers };
}
