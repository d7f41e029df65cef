// Hostile requests for the fuzzer: malformed, oversized, deeply nested, wrongly encoded
// and injection-shaped, generated from a seeded PRNG so a failing case can be replayed.
import type { Rng } from "./prng";

export type FuzzCase = {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array | string;
};

/** Strings that have broken web applications: injections, traversal, encodings, sizes. */
export const HOSTILE_STRINGS = [
  "'; DROP TABLE tasks; --",
  "\" OR 1=1 --",
  "1 UNION SELECT password_hash FROM users --",
  "%' AND 1=(SELECT COUNT(*) FROM sqlite_master) --",
  "<script>window.__xss = 1</script>",
  "<img src=x onerror=\"window.__xss=1\">",
  "javascript:alert(1)",
  "\"><svg onload=alert(1)>",
  "{{constructor.constructor('return process')()}}",
  "${process.exit()}",
  "../../../../etc/passwd",
  "..%2f..%2f..%2fetc%2fpasswd",
  "C:\\Windows\\win.ini",
  "\u0000",
  "a\u0000b",
  "\u202eevil\u202c",
  "\ud800",
  "\udfff\ud800",
  "😀".repeat(2000),
  "=cmd|' /C calc'!A0",
  "__proto__",
  "constructor",
  "prototype",
  "null",
  "undefined",
  "NaN",
  "-1",
  "0",
  "9".repeat(400),
  "1e309",
  " ",
  "",
  "\t\n\r",
  "x".repeat(5121),
  "y".repeat(120_000),
];

export const HOSTILE_VALUES: unknown[] = [
  ...HOSTILE_STRINGS,
  null,
  true,
  false,
  0,
  -1,
  1.5,
  2 ** 53 + 1,
  -(2 ** 63),
  1e308,
  [],
  {},
  [null],
  ["x"],
  { __proto__: { admin: true } },
  JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}'),
  { toString: "x", valueOf: "y", hasOwnProperty: "z" },
];

type Route = { method: string; path: (id: string) => string; body?: () => Record<string, unknown> };

/** Every /api/v1 operation (lib/api/openapi.ts), with a valid body to mutate. */
export function apiRoutes(ids: { task: number; model: number; dataset: number }): Route[] {
  return [
    { method: "POST", path: () => "/predictions", body: () => ({ persist: true, category: "Billing", inputs: [{ text: "Where is my refund?", external_id: "x", account: { name: "Fuzz" } }] }) },
    { method: "GET", path: () => "/tasks" },
    { method: "POST", path: () => "/tasks", body: () => ({ account: { name: "Fuzz", email: "fuzz@example.test", external_ref: "fz" }, category: "Billing", text: "The invoice is wrong", channel: "api", external_id: "fz" }) },
    { method: "GET", path: (id) => `/tasks/${id}` },
    { method: "POST", path: (id) => `/tasks/${id}/review`, body: () => ({ label: "negative", note: "fuzz" }) },
    { method: "GET", path: () => "/trends/categories" },
    { method: "GET", path: () => "/accounts/at-risk" },
    { method: "GET", path: () => "/models" },
    { method: "GET", path: (id) => `/models/${id}` },
    { method: "POST", path: (id) => `/models/${id}/promote` },
    { method: "POST", path: () => "/training-runs", body: () => ({ algorithm: "nb", train: { dataset_ids: [ids.dataset] }, test: { kind: "holdout", percent: 20 } }) },
    { method: "GET", path: (id) => `/training-runs/${id}` },
    { method: "GET", path: () => "/openapi.json" },
  ];
}

const QUERY_KEYS = ["category", "sentiment", "emotion", "status", "account", "from", "to", "q", "flagged", "reviewed", "sort", "cursor", "limit", "granularity", "rule", "n", "k", "days", "page", "__proto__", "constructor[prototype][x]", "a[b][c]"];
const BAD_IDS = ["abc", "-1", "0", "1e3", "1.5", "99999999999999999999", "%00", "..%2f..%2fetc%2fpasswd", "1;drop%20table%20tasks", "0x10", "%F0%9F%98%80", "%ff", "1%20OR%201=1", "null", "__proto__", "constructor"];

/** Percent-encodes the UTF-8 bytes (a lone surrogate becomes U+FFFD, which encodeURIComponent refuses). */
function enc(value: unknown): string {
  const bytes = Buffer.from(typeof value === "string" ? value : (JSON.stringify(value) ?? ""), "utf8");
  return [...bytes].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, "0").toUpperCase()}`)).join("");
}

/** Replaces one field (at any depth) of a JSON value with a hostile value, or adds a key. */
function mutate(rng: Rng, value: unknown, depth = 0): unknown {
  if (value && typeof value === "object" && (depth < 3 || rng.chance(0.5))) {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length && rng.chance(0.8)) {
      const [key] = rng.pick(entries);
      const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
      (copy as Record<string, unknown>)[key] = rng.chance(0.6) ? mutate(rng, (value as Record<string, unknown>)[key], depth + 1) : rng.pick(HOSTILE_VALUES);
      if (rng.chance(0.1) && !Array.isArray(copy)) delete (copy as Record<string, unknown>)[key];
      return copy;
    }
    if (!Array.isArray(value)) return { ...value, [rng.pick(["__proto__", "constructor", "extra", "admin", "role", "$where"])]: rng.pick(HOSTILE_VALUES) };
  }
  return rng.pick(HOSTILE_VALUES);
}

function nested(depth: number, kind: "array" | "object"): string {
  return kind === "array" ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** A body that is not what the route expects, chosen at random from the families above. */
function hostileBody(rng: Rng, valid: Record<string, unknown> | undefined): { kind: string; body: Uint8Array | string; contentType?: string } {
  const base = valid ?? { x: 1 };
  const roll = rng.int(14);
  switch (roll) {
    case 0:
    case 1:
    case 2:
    case 3:
      return { kind: "mutated-json", body: JSON.stringify(mutate(rng, base)) };
    case 4:
      return { kind: "malformed-json", body: rng.pick(["{", "}", "{\"a\":}", "[1,2,", "{'a': 1}", "{\"a\": NaN}", "{\"a\": 1,}", "/* c */ {}", "nul", "", "\u0000", "{\"text\": \"\\ud800\"}", "{\"a\":\"\\u00\"}", JSON.stringify(base).slice(0, -3)]) };
    case 5:
      return { kind: "deep-nesting", body: nested(rng.pick([100, 1000, 10_000, 100_000]), rng.chance(0.5) ? "array" : "object") };
    case 6: {
      // Deep nesting inside an otherwise valid body.
      const key = rng.pick(Object.keys(base));
      const json = JSON.stringify({ ...base, [key]: "__NESTED__" }).replace('"__NESTED__"', nested(rng.pick([500, 5000, 50_000]), "array"));
      return { kind: "deep-nesting-in-field", body: json };
    }
    case 7: {
      const bytes = rng.pick([
        [0xff, 0xfe, 0x7b, 0x7d],
        [0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d],
        [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d],
        [0x80, 0x81, 0x82],
        [0xef, 0xbb, 0xbf, 0x7b, 0x7d],
      ]);
      return { kind: "invalid-utf8", body: new Uint8Array(bytes) };
    }
    case 8: {
      // UTF-16 with a BOM, declared as such or not.
      const text = JSON.stringify(base);
      const buf = new Uint8Array(2 + text.length * 2);
      buf[0] = 0xff;
      buf[1] = 0xfe;
      for (let i = 0; i < text.length; i++) {
        buf[2 + i * 2] = text.charCodeAt(i) & 0xff;
        buf[3 + i * 2] = text.charCodeAt(i) >> 8;
      }
      return { kind: "utf16", body: buf, contentType: rng.pick(["application/json; charset=utf-16", "application/json"]) };
    }
    case 9:
      return {
        kind: "wrong-content-type",
        body: rng.chance(0.5) ? JSON.stringify(base) : "text=hello&label=negative",
        contentType: rng.pick(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/jsonp", "application/json-patch+json", "", "application/json\r\nx-injected: 1".replace(/\r\n/, " ")]),
      };
    case 10: {
      const size = rng.pick([1024 * 1024 + 1, 3 * 1024 * 1024]);
      return { kind: "oversized", body: JSON.stringify({ ...base, text: "z".repeat(size) }) };
    }
    case 11: {
      // Many keys / long arrays: cheap to send, expensive to validate carelessly.
      const obj: Record<string, unknown> = { ...base };
      for (let i = 0; i < 20_000; i++) obj[`k${i}`] = i;
      if ("inputs" in base) obj.inputs = Array.from({ length: rng.pick([101, 10_000]) }, () => "hi");
      return { kind: "wide", body: JSON.stringify(obj) };
    }
    case 12:
      return { kind: "top-level-type", body: rng.pick(["null", "1", "\"str\"", "[]", "true", "[" + JSON.stringify(base) + "]"]) };
    default:
      return { kind: "prototype-pollution", body: JSON.stringify(base).replace(/^\{/, '{"__proto__":{"admin":true,"scopes":["train"]},"constructor":{"prototype":{"polluted":1}},') };
  }
}

export function nextApiCase(rng: Rng, routes: Route[], ids: { task: number; model: number }, key: string): FuzzCase {
  const route = rng.pick(routes);
  const goodId = String(route.path("ID").includes("/models/") ? ids.model : route.path("ID").includes("/training-runs/") ? ids.model : ids.task);
  const id = rng.chance(0.3) ? rng.pick(BAD_IDS) : goodId;
  let path = `/api/v1${route.path(id)}`;
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  const auth = rng.int(20);
  if (auth === 0) delete headers.authorization;
  else if (auth === 1) headers.authorization = rng.pick(["Bearer", "Bearer " + "a".repeat(10_000), "Basic YWRtaW46YWRtaW4=", `Bearer ${key}x`, `Bearer ${key.slice(0, -1)}`, "Bearer csa_aaaaaaaaaa_" + "A".repeat(43), "bearer  " + key, "Bearer ' OR 1=1 --"]);
  else if (auth === 2) headers.cookie = rng.pick(["authjs.session-token=garbage", "authjs.session-token=" + "x".repeat(5000), "a=b; __proto__=x"]);

  let kind = "";
  let method = route.method;
  if (rng.chance(0.05)) {
    // Any method no route of this path serves (GET /tasks and POST /tasks are both served).
    const served = new Set(routes.filter((r) => r.path("ID") === route.path("ID")).map((r) => r.method));
    method = rng.pick(["PUT", "DELETE", "PATCH", "OPTIONS", "GET", "POST"].filter((m) => !served.has(m)));
    kind = "wrong-method";
  }
  if (route.method === "GET" || !route.body) {
    // Hostile query strings (and, for bodiless POSTs, an unexpected body).
    const params = Array.from({ length: 1 + rng.int(4) }, () => `${enc(rng.pick(QUERY_KEYS))}=${enc(rng.pick(HOSTILE_VALUES))}`);
    if (rng.chance(0.2)) params.push("limit=1&limit=2&limit=999999");
    if (rng.chance(0.1)) params.push(rng.pick(["q=%FF%FE", "q=%C0%AF", "q=%", "q=%zz", "from=%ED%A0%80"]));
    if (rng.chance(0.1)) params.push(`cursor=${enc(Buffer.from(rng.pick(['[1e999, "x"]', "[null,null]", "{}", "\u0000"])).toString("base64url"))}`);
    path += `?${params.join("&")}`;
    if (route.method === "POST") {
      const b = hostileBody(rng, undefined);
      return { kind: kind || `bodiless-post:${b.kind}`, method, path, headers: { ...headers, "content-type": b.contentType ?? "application/json" }, body: method === "GET" ? undefined : b.body };
    }
    return { kind: kind || "hostile-query", method, path, headers };
  }
  const b = hostileBody(rng, route.body());
  if (b.contentType !== "") headers["content-type"] = b.contentType ?? "application/json";
  return { kind: kind || b.kind, method, path, headers, body: method === "GET" ? undefined : b.body };
}


// ---- outside /api/v1: sign-in, probes, CSV exports, signed-in forms ------------------

/** A hostile query string: 1–4 hostile keys and values, sometimes malformed escapes or repeats. */
export function hostileQuery(rng: Rng, keys: string[] = QUERY_KEYS): string {
  const params = Array.from({ length: 1 + rng.int(4) }, () => `${enc(rng.pick(keys))}=${enc(rng.pick(HOSTILE_VALUES))}`);
  if (rng.chance(0.2)) params.push("limit=1&limit=2&limit=999999");
  if (rng.chance(0.15)) params.push(rng.pick(["q=%FF%FE", "q=%C0%AF", "q=%", "q=%zz", "from=%ED%A0%80", "a=%00", "b=%0d%0aSet-Cookie:%20x=1"]));
  return params.join("&");
}

const AUTH_QUERY_KEYS = ["callbackUrl", "error", "code", "csrf", "provider", "redirect", "json", "__proto__"];
const CALLBACK_URLS = ["x", "%", "javascript:alert(1)", "//evil.example/phish", "https://evil.example/phish", "/\\evil.example", "data:text/html,<script>alert(1)</script>", "/tasks", "http://127.0.0.1:1/", " ", "\u0000"];

/**
 * A hostile request to next-auth's password sign-in, POST /api/auth/callback/credentials.
 * `csrf` is a real token and its cookie (next-auth's double-submit check); the password is
 * never the right one, so no case may end signed in.
 */
export function authCallbackCase(rng: Rng, csrf: { token: string; cookie: string }, knownEmail: string): FuzzCase {
  const path0 = "/api/auth/callback/credentials";
  const field = (valid: string) => (rng.chance(0.4) ? rng.pick(HOSTILE_STRINGS) : valid);
  const values: Record<string, string> = {
    csrfToken: rng.chance(0.8) ? csrf.token : rng.pick(["", "x", csrf.token.slice(0, -1), csrf.token + "x", "a".repeat(5000)]),
    email: rng.chance(0.5) ? knownEmail : field(`nobody-${rng.int(1e6)}@example.test`),
    password: field(rng.pick(["wrong-password-123", "' OR 1=1 --", "x".repeat(201)])),
  };
  if (rng.chance(0.3)) values.callbackUrl = rng.pick(CALLBACK_URLS);
  if (rng.chance(0.1)) values.redirect = rng.pick(["false", "true", "x"]);
  const headers: Record<string, string> = { cookie: csrf.cookie };
  const cookieRoll = rng.int(12);
  if (cookieRoll === 0) delete headers.cookie;
  else if (cookieRoll === 1) headers.cookie = `authjs.csrf-token=${rng.pick(["garbage", "a|b", "%ff", "x".repeat(5000)])}`;
  else if (cookieRoll === 2) headers.cookie = `${csrf.cookie}; authjs.callback-url=${enc(rng.pick(CALLBACK_URLS))}`;
  else if (cookieRoll === 3) headers.cookie = `${csrf.cookie}; authjs.session-token=${rng.pick(["garbage", "x".repeat(5000), "eyJhbGciOiJub25lIn0.e30."])}`;
  let path = path0;
  let kind = "form";
  if (rng.chance(0.25)) {
    path += `?${rng.chance(0.5) ? hostileQuery(rng, AUTH_QUERY_KEYS) : `callbackUrl=${enc(rng.pick(CALLBACK_URLS))}`}`;
    kind = "hostile-query";
  }
  const roll = rng.int(12);
  if (roll === 0) return { kind: "json", method: "POST", path, headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(mutate(rng, values)) };
  if (roll === 1) return { kind: "malformed-json", method: "POST", path, headers: { ...headers, "content-type": "application/json" }, body: rng.pick(["{", "[1,", "nul", "\u0000", ""]) };
  if (roll === 2) return { kind: "multipart", method: "POST", path, headers: { ...headers, "content-type": "multipart/form-data; boundary=zz" }, body: rng.chance(0.5) ? "--zz\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nx\r\n--zz--\r\n" : new Uint8Array([0x2d, 0x2d, 0x7a, 0x7a, 0xff, 0xfe]) };
  if (roll === 3) return { kind: "invalid-utf8", method: "POST", path, headers: { ...headers, "content-type": "application/x-www-form-urlencoded" }, body: new Uint8Array([...utf8("email="), 0xff, 0xfe, ...utf8("&password=%ff%&csrfToken="), ...utf8(csrf.token)]) };
  if (roll === 4) return { kind: "oversized", method: "POST", path, headers: { ...headers, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ ...values, password: "p".repeat(rng.pick([10_000, 2 * 1024 * 1024])) }).toString() };
  if (roll === 5) return { kind: "wrong-method", method: rng.pick(["GET", "PUT", "DELETE", "PATCH"]), path, headers, body: undefined };
  if (roll === 6) return { kind: "wrong-content-type", method: "POST", path, headers: { ...headers, "content-type": rng.pick(["text/plain", "application/xml", ""]) }, body: new URLSearchParams(values).toString() };
  if (roll === 7) {
    const dup = `${new URLSearchParams(values).toString()}&email=${enc(rng.pick(HOSTILE_STRINGS))}&password=x&__proto__=%7B%7D&constructor%5Bprototype%5D%5Badmin%5D=1`;
    return { kind: "repeated-fields", method: "POST", path, headers: { ...headers, "content-type": "application/x-www-form-urlencoded" }, body: dup };
  }
  return { kind, method: "POST", path, headers: { ...headers, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(values).toString() };
}

/** A hostile request to /api/health or /api/ready: odd methods, query strings, headers and bodies. */
export function probeCase(rng: Rng): FuzzCase {
  const route = rng.pick(["/api/health", "/api/ready"]);
  const method = rng.chance(0.7) ? "GET" : rng.pick(["HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]);
  const path = rng.chance(0.7) ? `${route}?${hostileQuery(rng)}` : route;
  const headers: Record<string, string> = {};
  if (rng.chance(0.3)) headers.cookie = rng.pick(["authjs.session-token=garbage", "a=b; __proto__=x", `authjs.session-token=${"x".repeat(5000)}`]);
  if (rng.chance(0.2)) headers.authorization = rng.pick(["Bearer x", "Basic YWRtaW46YWRtaW4=", `Bearer ${"a".repeat(10_000)}`]);
  if (rng.chance(0.2)) headers["x-request-id"] = rng.pick(["../../etc/passwd", "<script>", "a".repeat(1000), "ok-id.1"]);
  if (rng.chance(0.1)) headers.accept = rng.pick(["text/html", "*/*;q=x", "application/json, text/plain"]);
  let body: FuzzCase["body"];
  if (method !== "GET" && method !== "HEAD" && rng.chance(0.7)) {
    const b = hostileBody(rng, { status: "ok" });
    body = b.body;
    headers["content-type"] = b.contentType ?? "application/json";
  }
  return { kind: `${route.slice(5)}:${method}`, method, path, headers, body };
}

/** The query keys the CSV exports read (lib/reviews, lib/trends, lib/at-risk), plus the generic ones. */
const CSV_QUERY_KEYS = [...QUERY_KEYS, "reviewer", "model", "change", "queue", "rule", "min_negative", "window", "negative_share", "streak"];
export const CSV_ROUTES = ["/review/history.csv", "/trends/categories.csv", "/accounts/at-risk.csv"];

/** A GET of a CSV export with a hostile query string, as the signed-in supervisor (usually). */
export function csvCase(rng: Rng, cookies: { supervisor: string; agent: string }): FuzzCase {
  const route = rng.pick(CSV_ROUTES);
  const roll = rng.int(20);
  const headers: Record<string, string> = { cookie: cookies.supervisor };
  let kind = "hostile-query";
  if (roll === 0) {
    delete headers.cookie;
    kind = "anonymous";
  } else if (roll === 1) {
    headers.cookie = cookies.agent;
    kind = "agent";
  } else if (roll === 2) {
    headers.cookie = rng.pick(["authjs.session-token=garbage", `authjs.session-token=${"x".repeat(5000)}`]);
    kind = "bad-session";
  }
  const method = rng.chance(0.05) ? rng.pick(["POST", "PUT", "DELETE"]) : "GET";
  return { kind, method, path: `${route}?${hostileQuery(rng, CSV_QUERY_KEYS)}`, headers };
}

/** The hidden fields React renders for a server action form (no-JavaScript path), of the first form holding `marker`. */
export function actionFields(html: string, marker: string): [string, string][] {
  const form = [...html.matchAll(/<form[\s\S]*?<\/form>/g)].map((m) => m[0]).find((f) => f.includes(marker));
  if (!form) return [];
  return [...form.matchAll(/<input type="hidden" name="(\$ACTION[^"]*)"(?: value="([^"]*)")?/g)].map((m) => [m[1], (m[2] ?? "").replace(/&quot;/g, '"').replace(/&amp;/g, "&")]);
}

export type FormFuzzCase = { kind: string; headers: Record<string, string>; body: BodyInit; submitsAction: boolean };

/**
 * A submission of a signed-in page's server action: the action's hidden fields and the
 * form's values, some hostile; or a broken submission (missing session, another role's
 * session, malformed multipart, wrong content type, forged action id, over 1 MB).
 * `submitsAction` is true when the action itself must run and answer with its form state.
 */
export function pageFormCase(rng: Rng, hidden: [string, string][], valid: Record<string, string | string[]>, cookies: { own: string; lowerRole: string }): FormFuzzCase {
  const form = new FormData();
  for (const [k, v] of hidden) form.append(k, v);
  for (const [k, v] of Object.entries(valid)) {
    const roll = rng.int(10);
    if (roll === 0) continue; // missing
    const values = Array.isArray(v) ? v : [v];
    for (const one of values) form.append(k, roll <= 3 ? rng.pick(HOSTILE_STRINGS) : one);
  }
  if (rng.chance(0.1)) form.append(rng.pick(["__proto__", "constructor", "role", "id"]), rng.pick(HOSTILE_STRINGS));
  const own = { cookie: cookies.own };
  const roll = rng.int(16);
  if (roll === 0) return { kind: "anonymous", headers: {}, body: form, submitsAction: false };
  if (roll === 1) return { kind: "lower-role", headers: { cookie: cookies.lowerRole }, body: form, submitsAction: false };
  if (roll === 2) return { kind: "bad-session", headers: { cookie: `authjs.session-token=${rng.pick(["garbage", "x".repeat(4000)])}` }, body: form, submitsAction: false };
  if (roll === 3) return { kind: "malformed-multipart", headers: { ...own, "content-type": rng.pick(["multipart/form-data; boundary=zz", "multipart/form-data"]) }, body: new Uint8Array([0x2d, 0x2d, 0x7a, 0x7a, 0x0d, 0x0a, 0xff, 0xfe, 0xc0, 0xaf]), submitsAction: false };
  if (roll === 4) return { kind: "wrong-content-type", headers: { ...own, "content-type": rng.pick(["application/json", "text/plain", "application/x-www-form-urlencoded"]) }, body: JSON.stringify(valid), submitsAction: false };
  if (roll === 5) return { kind: "bad-action-header", headers: { ...own, "next-action": rng.pick(["0".repeat(40), "../../etc/passwd", "x", "7f".repeat(21)]), "content-type": "text/plain;charset=UTF-8" }, body: JSON.stringify([valid]), submitsAction: false };
  if (roll === 6) {
    const forged = new FormData();
    const otherId = rng.pick(["0".repeat(42), "7f".repeat(21), "../../etc/passwd", ""]);
    const byField = rng.chance(0.5);
    for (const [k, v] of hidden) forged.append(k, !byField && k.endsWith(":0") ? v.replace(/"id":"[0-9a-f]+"/, `"id":"${otherId}"`) : v);
    if (byField) forged.append(`$ACTION_ID_${otherId}`, "");
    for (const [k, v] of Object.entries(valid)) forged.append(k, Array.isArray(v) ? v[0] : v);
    return { kind: "forged-action-id", headers: own, body: forged, submitsAction: false };
  }
  if (roll === 7) {
    form.set(Object.keys(valid)[0], "o".repeat(2 * 1024 * 1024));
    return { kind: "oversized", headers: own, body: form, submitsAction: false };
  }
  return { kind: `form-${roll}`, headers: own, body: form, submitsAction: true };
}

export { utf8 };
