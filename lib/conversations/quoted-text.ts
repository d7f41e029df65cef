// A customer's e-mail reply usually quotes the whole thread below it. Only what they wrote now
// is their message (and is what gets scored): the text above the first quote marker.
const QUOTE_STARTS = [
  /^On .{1,200}wrote:\s*$/, // Gmail, Apple Mail, Thunderbird
  /^Le .{1,200}a écrit\s*:\s*$/,
  /^Am .{1,200}schrieb .{0,100}:\s*$/,
  /^-{2,}\s*Original Message\s*-{2,}\s*$/i, // Outlook
  /^_{10,}\s*$/, // Outlook's rule above the quoted header block
  /^From: .+$/, // a forwarded or Outlook-quoted header block
];

export function withoutQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (QUOTE_STARTS.some((re) => re.test(line.trim()))) break;
    // "On Tue, 3 Mar 2026 at 10:00, Support <x@y>" wraps before "wrote:" in some clients.
    if (/^On .{1,200}$/.test(line.trim()) && /^.{0,200}wrote:\s*$/.test(lines[i + 1]?.trim() ?? "") && i + 1 < lines.length) break;
    if (line.startsWith(">")) continue;
    kept.push(line);
  }
  return kept.join("\n").trim();
}
