// An RFC 5322 message file (.eml, as mail programs save them) read into the inbound webhook's
// shape: the headers threading and the auto-reply guard need, and the first text/plain part
// (or the HTML one, tags dropped) decoded from quoted-printable or base64 in its charset.
import { AppError } from "@/lib/platform/errors";
import type { InboundEmail } from "./inbound";

type Part = { headers: Map<string, string>; body: Buffer };

/** Splits header lines from the body; `lineOffset` numbers lines in the whole file for errors. */
function splitPart(raw: Buffer, lineOffset = 0): Part {
  const text = raw.toString("latin1"); // byte-preserving; bodies are decoded by their charset later
  const end = /\r?\n\r?\n/.exec(text);
  const head = end ? text.slice(0, end.index) : text;
  const headers = new Map<string, string>();
  const lines = head.split(/\r?\n/);
  let current: string | null = null;
  lines.forEach((line, i) => {
    if (/^[ \t]/.test(line) && current) {
      headers.set(current, `${headers.get(current)} ${line.trim()}`);
      return;
    }
    const colon = line.indexOf(":");
    if (colon <= 0 || !/^[\x21-\x39\x3b-\x7e]+$/.test(line.slice(0, colon))) {
      throw new AppError("validation:eml", `line ${lineOffset + i + 1}: "${line.slice(0, 60)}" is not a header line (Name: value) — is this an .eml file?`);
    }
    current = line.slice(0, colon).toLowerCase();
    // A repeated header (Received) keeps its first value; none the import reads repeats.
    if (!headers.has(current)) headers.set(current, line.slice(colon + 1).trim());
  });
  const bodyStart = end ? end.index + end[0].length : text.length;
  return { headers, body: raw.subarray(Buffer.byteLength(text.slice(0, bodyStart), "latin1")) };
}

function decodeCharset(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset.toLowerCase() === "us-ascii" ? "utf-8" : charset).decode(bytes);
  } catch {
    return bytes.toString("utf8"); // an unknown charset label: UTF-8 is the likeliest
  }
}

function param(value: string, name: string): string | null {
  const m = new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, "i").exec(value);
  return m ? (m[1] ?? m[2]) : null;
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  let bytes = part.body;
  if (encoding === "base64") bytes = Buffer.from(bytes.toString("latin1").replace(/\s+/g, ""), "base64");
  else if (encoding === "quoted-printable") {
    const s = bytes.toString("latin1").replace(/=\r?\n/g, "");
    bytes = Buffer.from(s.replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))), "latin1");
  }
  return decodeCharset(bytes, param(part.headers.get("content-type") ?? "", "charset") ?? "utf-8");
}

/** RFC 2047 encoded words in headers: =?utf-8?B?…?= and =?iso-8859-1?Q?…?=. */
export function decodeHeader(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=(\s+(?==\?))?/g, (_, charset: string, kind: string, data: string) => {
    const bytes =
      kind.toUpperCase() === "B"
        ? Buffer.from(data, "base64")
        : Buffer.from(data.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, h) => String.fromCharCode(parseInt(h, 16))), "latin1");
    return decodeCharset(bytes, charset);
  });
}

/** The first text/plain part (depth first), else the first text/html one with its tags dropped. */
function textOf(part: Part, depth = 0): { plain?: string; html?: string } {
  const type = (part.headers.get("content-type") ?? "text/plain").toLowerCase();
  if (type.startsWith("multipart/") && depth < 5) {
    const boundary = param(part.headers.get("content-type") ?? "", "boundary");
    if (!boundary) return {};
    const body = part.body.toString("latin1");
    const found: { plain?: string; html?: string } = {};
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith("--")) break;
      const inner = textOf(splitPart(Buffer.from(chunk.replace(/^\r?\n/, ""), "latin1")), depth + 1);
      found.plain ??= inner.plain;
      found.html ??= inner.html;
    }
    return found;
  }
  if (/attachment/i.test(part.headers.get("content-disposition") ?? "")) return {};
  if (type.startsWith("text/plain")) return { plain: decodeBody(part) };
  if (type.startsWith("text/html")) return { html: decodeBody(part) };
  return {};
}

const htmlToText = (html: string) =>
  html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, "")
    .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

/** Reads a whole .eml file; AppError naming the line when it is not one. */
export function parseEml(raw: Buffer): InboundEmail {
  if (raw.length === 0) throw new AppError("validation:eml", "line 1: the file is empty.");
  const message = splitPart(raw);
  const from = message.headers.get("from");
  if (!from) throw new AppError("validation:eml", "The message has no From: header, so there is no sender to answer.");
  const { plain, html } = textOf(message);
  const headers: Record<string, string> = {};
  for (const name of ["auto-submitted", "precedence", "x-autoreply", "x-autorespond", "x-auto-response-suppress", "return-path"]) {
    const v = message.headers.get(name);
    if (v !== undefined) headers[name] = v;
  }
  return {
    from: decodeHeader(from),
    to: message.headers.get("to") ? decodeHeader(message.headers.get("to")!) : undefined,
    subject: decodeHeader(message.headers.get("subject") ?? ""),
    text: (plain ?? (html ? htmlToText(html) : "")).replace(/\r\n/g, "\n"),
    message_id: message.headers.get("message-id"),
    in_reply_to: message.headers.get("in-reply-to"),
    references: message.headers.get("references"),
    headers,
  };
}
