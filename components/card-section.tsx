// A card with a heading that labels it and a line on how to read what follows: a chart (the
// trends and emotions pages) or a small table.
import type { ReactNode } from "react";

type Props = {
  /** Prefix of the heading's id, which labels the section. */
  id: string;
  title: ReactNode;
  /** What the content shows, or what selecting in it opens. */
  hint: ReactNode;
  /** More classes for the card (e.g. overflow-x-auto around a table). */
  className?: string;
  children: ReactNode;
};

export function CardSection({ id, title, hint, className, children }: Props) {
  const headingId = `${id}-heading`;
  return (
    <section className={className ? `card ${className}` : "card"} aria-labelledby={headingId}>
      <h2 id={headingId} className="text-lg font-semibold">{title}</h2>
      <p className="mb-2 text-sm text-slate-600">{hint}</p>
      {children}
    </section>
  );
}
