// The login page's message for ?error=…: only the page's own codes pick a message.
// Names of Object.prototype members once picked a function or an object, and the page
// answered 500 to anyone (GET /login?error=constructor).
import { describe, expect, it } from "vitest";
import { signInErrorMessage } from "@/app/(auth)/login/messages";

describe("the login page's error message", () => {
  it("is the calm default for codes that are names of Object's own members", () => {
    const fallback = signInErrorMessage("something_else");
    for (const code of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"]) {
      expect(signInErrorMessage(code), code).toBe(fallback);
      expect(typeof signInErrorMessage(code)).toBe("string");
    }
  });

  it("keeps the known messages", () => {
    expect(signInErrorMessage("CredentialsSignin")).toBe("Wrong e-mail or password.");
    expect(signInErrorMessage(undefined)).toBeNull();
  });
});

describe("a sign-in refused as too soon", () => {
  it("tells how long to wait, from next-auth's ?code=, and ignores a code that is not a wait", () => {
    expect(signInErrorMessage("CredentialsSignin", "throttled_8")).toBe("Too many sign-in attempts. Wait 8 seconds and try again.");
    expect(signInErrorMessage("CredentialsSignin", "throttled_1")).toBe("Too many sign-in attempts. Wait 1 second and try again.");
    expect(signInErrorMessage("CredentialsSignin", "throttled_x")).toBe("Wrong e-mail or password.");
    expect(signInErrorMessage("CredentialsSignin", "credentials")).toBe("Wrong e-mail or password.");
    expect(signInErrorMessage("sso_pending", "throttled_8")).toMatch(/waiting for an administrator/);
  });
});
