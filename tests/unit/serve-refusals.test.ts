// The web server's answers to requests Node's HTTP parser refuses (scripts/serve-refusals.ts),
// on a real Node HTTP server and real sockets.
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerClientError } from "../../scripts/serve-refusals";

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
