// Model artifact envelope and binary-array encoding.
//
// Weight arrays are stored as base64 of their little-endian bytes: about 5.3
// characters per float32 instead of ~10 for decimal JSON, and bit-exact, so a
// loaded model predicts exactly what the trained one did. Written by hand
// (not Buffer/btoa) so the same code runs in Node and in the browser.

import { ModelArtifactError } from "./errors";

export const ARTIFACT_FORMAT = "customer-sentiment-analyzer/text-classifier";
export const ARTIFACT_VERSION = 1;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

// Typed arrays use the platform byte order; every JS engine we target is
// little-endian, and the check keeps a big-endian host from misreading.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = "";
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    chunk += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + ALPHABET[(v >> 6) & 63] + ALPHABET[v & 63];
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = "";
    }
  }
  if (i < n) {
    const v = (bytes[i] << 16) | (i + 1 < n ? bytes[i + 1] << 8 : 0);
    chunk += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + (i + 1 < n ? ALPHABET[(v >> 6) & 63] : "=") + "=";
  }
  parts.push(chunk);
  return parts.join("");
}

export function base64ToBytes(s: string): Uint8Array {
  if (s.length % 4 !== 0) throw new ModelArtifactError("corrupt artifact: base64 length is not a multiple of 4");
  const pad = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const a = DECODE[s.charCodeAt(i)];
    const b = DECODE[s.charCodeAt(i + 1)];
    const c = s[i + 2] === "=" ? 0 : DECODE[s.charCodeAt(i + 2)];
    const d = s[i + 3] === "=" ? 0 : DECODE[s.charCodeAt(i + 3)];
    if ((a | b | c | d) < 0 || a === undefined || b === undefined) throw new ModelArtifactError("corrupt artifact: invalid base64");
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = v >> 16;
    if (o < out.length) out[o++] = (v >> 8) & 255;
    if (o < out.length) out[o++] = v & 255;
  }
  return out;
}

function assertLittleEndian(): void {
  if (!LITTLE_ENDIAN) throw new ModelArtifactError("model artifacts need a little-endian host");
}

/** A float array's little-endian bytes, as base64. */
function encodeFloats(a: Float32Array | Float64Array): string {
  assertLittleEndian();
  return bytesToBase64(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
}

type FloatArrayType<A> = { new (buffer: ArrayBuffer, byteOffset: number, length: number): A; readonly BYTES_PER_ELEMENT: number };

/** The float array encodeFloats wrote; `name` and `items` word the errors ("float32", "weights"). */
function decodeFloats<A extends Float32Array | Float64Array>(s: string, expectedLength: number | undefined, type: FloatArrayType<A>, name: string, items: string): A {
  assertLittleEndian();
  const bytes = base64ToBytes(s); // a fresh buffer of its own, so a view of it is aligned and shares nothing
  if (bytes.length % type.BYTES_PER_ELEMENT !== 0) throw new ModelArtifactError(`corrupt artifact: ${name} array has a partial element`);
  const out = new type(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length / type.BYTES_PER_ELEMENT);
  if (expectedLength !== undefined && out.length !== expectedLength) {
    throw new ModelArtifactError(`corrupt artifact: expected ${expectedLength} ${items}, found ${out.length}`);
  }
  return out;
}

export function encodeFloat32(a: Float32Array): string {
  return encodeFloats(a);
}

export function decodeFloat32(s: string, expectedLength?: number): Float32Array {
  return decodeFloats(s, expectedLength, Float32Array, "float32", "weights");
}

export function encodeFloat64(a: Float64Array): string {
  return encodeFloats(a);
}

export function decodeFloat64(s: string, expectedLength?: number): Float64Array {
  return decodeFloats(s, expectedLength, Float64Array, "float64", "values");
}

/** Parses the JSON envelope and checks format and version; returns the parsed object. */
export function parseArtifact(artifact: unknown): Record<string, unknown> {
  if (typeof artifact !== "string" || artifact.length === 0) {
    throw new ModelArtifactError("model artifact must be a non-empty JSON string");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(artifact);
  } catch (e) {
    throw new ModelArtifactError(`model artifact is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ModelArtifactError("model artifact must be a JSON object");
  }
  const obj = parsed as Record<string, unknown>;
  if (obj.format !== ARTIFACT_FORMAT) {
    throw new ModelArtifactError(`not a text-classifier artifact (format ${JSON.stringify(obj.format)}, expected "${ARTIFACT_FORMAT}")`);
  }
  if (obj.version !== ARTIFACT_VERSION) {
    throw new ModelArtifactError(`unsupported artifact version ${JSON.stringify(obj.version)} (this build reads version ${ARTIFACT_VERSION})`);
  }
  return obj;
}
