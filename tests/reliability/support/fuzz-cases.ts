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
    method = rng.pick(["PUT", "DELETE", "PATCH", "OPTIONS"]);
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
      return { kind: kind || `bodiless-post:${b.kind}`, method, path, headers: { ...headers, "content-type": b.contentType ?? "application/json" }, body: b.body };
    }
    return { kind: kind || "hostile-query", method, path, headers };
  }
  const b = hostileBody(rng, route.body());
  if (b.contentType !== "") headers["content-type"] = b.contentType ?? "application/json";
  return { kind: kind || b.kind, method, path, headers, body: method === "GET" ? undefined : b.body };
}

export { utf8 };
