// The web server's answers to requests Node's HTTP parser refuses (server/refusals.ts),
// on a real Node HTTP server and real sockets.
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerClientError, checkMultipartPagePost, MAX_PAGE_POST_BYTES, refusal } from "../../server/refusals";

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((_req, res) => res.end("served"));
  server.on("clientError", answerClientError);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function rawRequest(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(new URL(base).port), "127.0.0.1", () => socket.end(text));
    let answer = "";
    socket.on("data", (d) => (answer += String(d)));
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
  });
}

describe("requests the HTTP parser refuses", () => {
  it("a URL over the header limit sent with a large body is answered 431 in JSON, not with a connection reset", async () => {
    // Node's default answer destroys the socket at once, and a client still uploading gets
    // ECONNRESET instead of the status (seen in the reliability fuzzer).
    const body = "z".repeat(3 * 1024 * 1024);
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${base}/api/v1/models/1/promote?q=${"a".repeat(20_000)}`, { method: "POST", body });
      expect(res.status).toBe(431);
      expect(res.headers.get("content-type")).toBe("application/json");
      expect(await res.json()).toMatchObject({ error: { code: "headers_too_large" } });
    }
    // The server still serves the next request.
    expect(await (await fetch(`${base}/after`)).text()).toBe("served");
  });

  it("a request that is not HTTP is answered 400 in JSON", async () => {
    const answer = await rawRequest("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(answer.split("\r\n\r\n")[1])).toMatchObject({ error: { code: "bad_request:http" } });
  });
});

describe("page POSTs with a multipart body (server actions sent by a form)", () => {
  // A real HTTP server wired as server/serve.ts wires it; `handle` stands in for Next.js
  // (which needs a build) and reports what it received.
  let multipartServer: http.Server;
  let url: string;
  const received: { method?: string; url?: string; body: string; original: boolean }[] = [];

  beforeAll(async () => {
    const originals = new WeakSet<http.IncomingMessage>();
    const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({ method: req.method, url: req.url, body: Buffer.concat(chunks).toString("latin1"), original: originals.has(req) });
        res.end("handled");
      });
    };
    multipartServer = http.createServer((req, res) => {
      originals.add(req);
      if (checkMultipartPagePost(req, res, handle)) return;
      handle(req, res);
    });
    await new Promise<void>((resolve) => multipartServer.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(multipartServer.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    multipartServer.closeAllConnections();
    await new Promise((resolve) => multipartServer.close(resolve));
  });

  it("a body that cannot be parsed is answered 400 in JSON and never reaches Next.js", async () => {
    received.length = 0;
    const bad: [string, BodyInit][] = [
      ["multipart/form-data; boundary=zz", new Uint8Array([0x2d, 0x2d, 0x7a, 0x7a, 0x0d, 0x0a, 0xff, 0xfe, 0xc0, 0xaf])],
      ["multipart/form-data", JSON.stringify({ name: "no boundary" })],
      ["Multipart/Form-Data; boundary=x", "not multipart at all"],
    ];
    for (const [type, body] of bad) {
      const res = await fetch(`${url}/feedback`, { method: "POST", headers: { "content-type": type }, body });
      expect(res.status, type).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/json");
      expect(await res.json()).toMatchObject({ error: { code: "bad_request:form" } });
    }
    expect(received).toEqual([]);
  });

  it("a valid body reaches Next.js byte for byte, with the same method, path and headers", async () => {
    received.length = 0;
    const form = new FormData();
    form.append("$ACTION_ID_abc", "");
    form.append("text", "My order 😀 never arrived\r\n<script>");
    form.append("file", new Blob([new Uint8Array([0, 255, 1, 254])]), "x.bin");
    const request = new Request(`${url}/feedback?x=1`, { method: "POST", body: form });
    const sent = Buffer.from(await request.clone().arrayBuffer()).toString("latin1");
    const res = await fetch(request);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("handled");
    expect(received).toEqual([{ method: "POST", url: "/feedback?x=1", body: sent, original: false }]);
  });

  it("the connection stays open for the next request after a handed-on body", async () => {
    // A raw socket: fetch would quietly open a new connection if the server closed this one.
    const { port } = multipartServer.address() as AddressInfo;
    const socket = net.connect({ port, host: "127.0.0.1" });
    let answers = "";
    socket.on("data", (d: Buffer) => (answers += d.toString("latin1")));
    const body = "--x\r\ncontent-disposition: form-data; name=\"text\"\r\n\r\nhello\r\n--x--\r\n";
    socket.write(`POST /feedback HTTP/1.1\r\nhost: x\r\ncontent-type: multipart/form-data; boundary=x\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
    const until = Date.now() + 10_000;
    while (!answers.includes("handled") && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
    socket.write("GET /next HTTP/1.1\r\nhost: x\r\n\r\n");
    while ((answers.match(/handled/g) ?? []).length < 2 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
    socket.destroy();
    expect(answers.match(/HTTP\/1\.1 200 /g)).toHaveLength(2);
  });

  it("a chunked body over the 1 MB server actions accept is answered 413, not with a connection reset", async () => {
    received.length = 0;
    for (let i = 0; i < 5; i++) {
      // 3 MB in 64 KB chunks: the client is still sending when the answer is written.
      let sent = 0;
      const stream = new ReadableStream({
        pull(c) {
          if (sent >= 3 * MAX_PAGE_POST_BYTES) return c.close();
          sent += 64 * 1024;
          c.enqueue(new Uint8Array(64 * 1024).fill(0x61));
        },
      });
      const res = await fetch(`${url}/feedback`, { method: "POST", headers: { "content-type": "multipart/form-data; boundary=x" }, body: stream, duplex: "half" } as RequestInit);
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ error: { code: "payload_too_large" } });
    }
    expect(received).toEqual([]);
  });

  it("after that 413 the server keeps reading for a while, so a client still uploading is not reset", async () => {
    // A raw socket that keeps writing for a second after the answer: with the socket
    // destroyed on flush, these writes fail with EPIPE or ECONNRESET.
    const { port } = multipartServer.address() as AddressInfo;
    const socket = net.connect({ port, host: "127.0.0.1", allowHalfOpen: true });
    const errors: string[] = [];
    socket.on("error", (e: NodeJS.ErrnoException) => errors.push(e.code ?? e.message));
    let answerText = "";
    socket.on("data", (d: Buffer) => (answerText += d.toString("latin1")));
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write("POST /feedback HTTP/1.1\r\nhost: x\r\ncontent-type: multipart/form-data; boundary=x\r\ntransfer-encoding: chunked\r\n\r\n");
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const framed = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]);
    const until = Date.now() + 60_000;
    while (!answerText.includes("\r\n\r\n") && Date.now() < until) {
      socket.write(framed);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(answerText).toMatch(/^HTTP\/1\.1 413 /);
    const answeredAt = Date.now();
    while (Date.now() - answeredAt < 1000) {
      socket.write(framed);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(errors).toEqual([]);
    socket.destroy();
  });

  it("GETs, other content types and /api/ requests go straight to Next.js, untouched", async () => {
    received.length = 0;
    await fetch(`${url}/feedback`);
    await fetch(`${url}/feedback`, { method: "POST", headers: { "content-type": "text/plain" }, body: "x" });
    await fetch(`${url}/api/v1/tasks`, { method: "POST", headers: { "content-type": "multipart/form-data; boundary=zz" }, body: "broken" });
    expect(received.map((r) => [r.method, r.url, r.original])).toEqual([
      ["GET", "/feedback", true],
      ["POST", "/feedback", true],
      ["POST", "/api/v1/tasks", true],
    ]);
  });
});

describe("page POSTs from another site (server actions with a foreign Origin)", () => {
  const post = (headers: Record<string, string>) => refusal(Object.assign(new http.IncomingMessage(new net.Socket()), { method: "POST", url: "/review", headers: { host: "portal.example", ...headers } }));

  it("are refused with a 403 before Next.js answers them with a 500", () => {
    for (const origin of ["https://evil.example", "null", "not a url", "http://portal.example.evil.example"]) {
      expect(post({ origin, "next-action": "abc" })?.status, origin).toBe(403);
      expect(post({ origin })?.code, origin).toBe("forbidden:origin");
    }
  });

  it("let this site's own forms through, and requests without an Origin as Next.js does", () => {
    expect(post({ origin: "http://portal.example", "next-action": "abc" })).toBeNull();
    expect(post({ origin: "https://public.example", "x-forwarded-host": "public.example" })).toBeNull();
    expect(post({})).toBeNull();
    // The API checks its own callers (lib/api/route.ts); sign-in callbacks may come from a provider.
    expect(refusal(Object.assign(new http.IncomingMessage(new net.Socket()), { method: "POST", url: "/api/auth/callback/oidc", headers: { host: "portal.example", origin: "https://idp.example" } }))).toBeNull();
  });
});
