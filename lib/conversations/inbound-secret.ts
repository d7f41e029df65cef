// The inbound-mail webhook's own secret (INBOUND_EMAIL_SECRET), apart from API keys: a mail
// provider holds it, not a person, and it can do one thing only.
import crypto from "node:crypto";
import { env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";

export const INBOUND_SECRET_HEADER = "x-inbound-secret";

/** Throws 503 when no secret is set up and 401 when the header does not match (compared in constant time). */
export function checkInboundSecret(headers: Headers): void {
  const secret = env().INBOUND_EMAIL_SECRET;
  if (!secret) throw new AppError("unavailable:inbound_email", "Inbound e-mail is not set up: set INBOUND_EMAIL_SECRET.");
  const given = headers.get(INBOUND_SECRET_HEADER) ?? "";
  // Hashing both first gives equal lengths, so timingSafeEqual reveals neither length nor prefix.
  const digest = (s: string) => crypto.createHash("sha256").update(s).digest();
  if (!given || !crypto.timingSafeEqual(digest(given), digest(secret))) {
    throw new AppError("unauthorized:inbound_secret", `Send the inbound secret in the ${INBOUND_SECRET_HEADER} header.`);
  }
}
