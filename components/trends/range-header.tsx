// The top of a trend report (trends, emotions): its title and what it counts, the range form,
// and, when the range asked for is not valid, why and that the default range is shown instead.
import type { ReactNode } from "react";
import { Alert } from "@/components/action-outcome";
import { RangeForm } from "@/components/trends/range-form";
import type { trendRangeOrDefault } from "@/lib/trends/reports";

type Props = ReturnType<typeof trendRangeOrDefault> & {
  title: string;
  /** The page the form reloads with the chosen range. */
  action: string;
  categories: { id: number; name: string }[];
  /** What the page shows, under the title. */
  children: ReactNode;
};

export function RangeHeader({ title, action, range, problem, categories, children }: Props) {
  return (
    <>
      <div>
        <h1 className="page-title">{title}</h1>
        <p className="mt-1 text-sm text-slate-700">{children}</p>
      </div>
      <RangeForm action={action} from={range.from} to={range.to} granularity={range.granularity} categoryId={range.categoryId} categories={categories} errors={problem?.fieldErrors} />
      {problem ? <Alert>{problem.message} Showing the last four weeks instead.</Alert> : null}
    </>
  );
}
