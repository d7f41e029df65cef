// Verifies an ID token ourselves: signature against the provider's published keys,
// issuer, audience, expiry. next-auth (oauth4webapi) checks the claims but, as OpenID
// Connect allows for tokens fetched over TLS, not the signature; the portal checks
// it anyway so a token altered between the provider and us is never trusted.
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";

export class IdTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IdTokenError";
  }
}

const ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];
const DISCOVERY_TTL_MS = 60 * 60 * 1000;

type KeySet = { jwks: ReturnType<typeof createRemoteJWKSet>; fetchedAt: number };
const keySets = new Map<string, KeySet>();

async function keySetFor(issuer: string): Promise<KeySet["jwks"]> {
  const cached = keySets.get(issuer);
  if (cached && Date.now() - cached.fetchedAt < DISCOVERY_TTL_MS) return cached.jwks;
  const url = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  let jwksUri: unknown;
  try {
    const response = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`status ${response.status}`);
    jwksUri = ((await response.json()) as { jwks_uri?: unknown }).jwks_uri;
  } catch (error) {
    throw new IdTokenError(`the provider's discovery document could not be read (${(error as Error).message})`);
  }
  if (typeof jwksUri !== "string") throw new IdTokenError("the provider's discovery document names no jwks_uri");
  // A key the set does not know yet makes jose fetch the keys again (rotation), at most every 10 s.
  const jwks = createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: 10_000, cacheMaxAge: 10 * 60 * 1000 });
  keySets.set(issuer, { jwks, fetchedAt: Date.now() });
  return jwks;
}

export async function verifyIdToken({
  idToken,
  issuer,
  acceptedIssuers = [issuer],
  clientId,
}: {
  idToken: string;
  issuer: string;
  acceptedIssuers?: string[];
  clientId: string;
}): Promise<JWTPayload & { sub: string }> {
  const jwks = await keySetFor(issuer);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, jwks, {
      issuer: acceptedIssuers,
      audience: clientId,
      algorithms: ALGORITHMS,
      requiredClaims: ["sub", "exp", "iat"],
      clockTolerance: 60,
    }));
  } catch (error) {
    throw new IdTokenError(`the ID token was refused: ${(error as Error).message}`);
  }
  // With several audiences, the token must say it was issued to us (OIDC Core 3.1.3.7).
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== clientId) {
    throw new IdTokenError("the ID token was refused: it was issued to another party (azp)");
  }
  if (typeof payload.sub !== "string" || !payload.sub) throw new IdTokenError("the ID token has no subject");
  return payload as JWTPayload & { sub: string };
}
