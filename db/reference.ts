// The reference a customer is given (the thank-you page, every e-mail's subject): REQ- and the
// task id in at least six digits. One place formats it and one reads it back.
export function formatReference(taskId: number): string {
  return `REQ-${String(taskId).padStart(6, "0")}`;
}

const IN_TEXT = /\bREQ-(\d{1,12})\b/i;
const WHOLE = /^\s*REQ-?(\d{1,12})\s*$/i;

/** The task id of a reference found anywhere in a text (an e-mail subject), or null. */
export function referenceInText(text: string): number | null {
  const m = IN_TEXT.exec(text);
  const id = m ? Number(m[1]) : 0;
  return id > 0 ? id : null;
}

/** The task id when a search is a reference and nothing else ("REQ-003001", "req3001"), or null. */
export function referenceQuery(q: string): number | null {
  const m = WHOLE.exec(q);
  const id = m ? Number(m[1]) : 0;
  return id > 0 ? id : null;
}
