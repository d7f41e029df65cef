// A real OpenID Connect provider on loopback for tests: panva's `oidc-provider` (the
// certified implementation) with one confidential client, its own signing key, and a
// minimal login page where the test types who it is (e-mail, name, groups, whether the
// e-mail is verified). Nothing about the protocol is faked. For tests of the relying
// party's checks it can alter the ID token in its next token response: change a claim
// without re-signing, re-sign an expired token with its real key, or sign with a key
// that is not its own.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from "jose";
import Provider, { type Configuration } from "oidc-provider";

export type TestIdpClient = { clientId: string; clientSecret: string; redirectUris: string[] };
export type TamperMode = "claim" | "expired" | "foreign-key";
export type TestIdp = {
  issuer: string;
  /** The next token response's ID token is altered this way (once). */
  tamperNextIdToken(mode: TamperMode, claims?: Record<string, unknown>): void;
  /** Signs an ID token with the provider's own key (for direct tests of token checks). */
  signIdToken(claims: JWTPayload, options?: { key?: "own" | "foreign"; kid?: string }): Promise<string>;
  close(): Promise<void>;
};

type Account = { email: string; name: string; emailVerified: boolean; groups: string[] };

/** The subject the test provider gives an e-mail: stable, and not the e-mail itself. */
export function subjectFor(email: string): string {
  return `sub-${crypto.createHash("sha256").update(email.toLowerCase()).digest("hex").slice(0, 20)}`;
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const unb64 = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function loginPage(uid: string, clientId: string): string {
  return `<!doctype html><html><head><title>Test IdP</title></head><body>
<h1>Test IdP</h1><p>Signing in to ${escapeHtml(clientId)}</p>
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>IdP e-mail <input name="email" type="email" required></label><br>
<label>IdP name <input name="name"></label><br>
<label>IdP groups <input name="groups" placeholder="comma,separated"></label><br>
<label><input type="checkbox" name="email_verified" value="true" checked> E-mail verified</label><br>
<button type="submit">Log in at the IdP</button>
</form></body></html>`;
}

export async function startTestIdp({ port = 0, client }: { port?: number; client: TestIdpClient }): Promise<TestIdp> {
  const kid = `test-${crypto.randomBytes(6).toString("hex")}`;
  const own = await generateKeyPair("RS256", { extractable: true });
  const foreign = await generateKeyPair("RS256", { extractable: true });
  const privateJwk: JWK = { ...(await exportJWK(own.privateKey)), kid, alg: "RS256", use: "sig" };
  const accounts = new Map<string, Account>();
  let tamper: { mode: TamperMode; claims: Record<string, unknown> } | null = null;

  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const configuration: Configuration = {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: client.redirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [privateJwk as never] },
    cookies: { keys: [crypto.randomBytes(16).toString("hex")] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    // Put the profile claims in the ID token itself, as Google, Entra ID and Okta do.
    conformIdTokenClaims: false,
    // A first-party test client: consent is implied.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, email: account.email, email_verified: account.emailVerified, name: account.name, groups: account.groups }),
      };
    },
  };
  const provider = new Provider(issuer, configuration);

  async function altered(idToken: string, mode: TamperMode, claims: Record<string, unknown>): Promise<string> {
    const [header, payload, signature] = idToken.split(".");
    const decoded = unb64(payload);
    if (mode === "claim") return `${header}.${b64({ ...decoded, ...claims })}.${signature}`;
    const now = Math.floor(Date.now() / 1000);
    const values = mode === "expired" ? { ...decoded, iat: now - 7200, exp: now - 3600, ...claims } : { ...decoded, ...claims };
    return new SignJWT(values)
      .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
      .sign(mode === "expired" ? own.privateKey : foreign.privateKey);
  }

  // A refused token request is otherwise invisible to the test that caused it.
  const report = (event: string) => (_ctx: unknown, error: Error & { error_detail?: string }) =>
    console.error(`test IdP ${event}: ${error.message} ${error.error_detail ?? ""}`);
  provider.on("grant.error", report("grant.error"));
  provider.on("server_error", report("server_error"));
  provider.on("authorization.error", report("authorization.error"));

  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as Record<string, unknown> | undefined;
    if (tamper && ctx.method === "POST" && ctx.path === "/token" && body && typeof body.id_token === "string") {
      const { mode, claims } = tamper;
      tamper = null;
      ctx.body = { ...body, id_token: await altered(body.id_token, mode, claims) };
    }
  });

  const callback = provider.callback();
  server.on("request", async (req, res) => {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(new URL(req.url ?? "/", issuer).pathname);
    if (!match) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (!match[2]) {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return res.end(loginPage(details.uid, String(details.params.client_id)));
      }
      const form = await readForm(req);
      const email = (form.get("email") ?? "").trim();
      const accountId = subjectFor(email);
      accounts.set(accountId, {
        email,
        name: (form.get("name") ?? "").trim() || email,
        emailVerified: form.get("email_verified") === "true",
        groups: (form.get("groups") ?? "").split(",").map((g) => g.trim()).filter(Boolean),
      });
      await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
    } catch (error) {
      res.writeHead(400, { "content-type": "text/plain" });
      res.end(`interaction failed: ${(error as Error).message}`);
    }
  });

  return {
    issuer,
    tamperNextIdToken(mode, claims = {}) {
      tamper = { mode, claims };
    },
    async signIdToken(claims, options = {}) {
      return new SignJWT(claims)
        .setProtectedHeader({ alg: "RS256", kid: options.kid ?? kid, typ: "JWT" })
        .sign(options.key === "foreign" ? foreign.privateKey : own.privateKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
