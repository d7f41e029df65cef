// A plain GET form: filters live in the URL, so a filtered view can be bookmarked and shared.
import { SENTIMENTS, TASK_STATUSES } from "@/db/schema";
import { SENTIMENT_TRENDS } from "@/db/conversation-trend";
import { InputField, SelectField } from "@/components/form-fields";

type Props = {
  action: string;
  values: Record<string, string | undefined>;
  categories: { id: number; name: string }[];
  emotions: string[];
  extra?: React.ReactNode;
  /** The order when none is chosen (the queue: priority, then time left). */
  defaultSort?: string;
};

const SORTS = [
  { value: "priority", label: "Priority, then time left" },
  { value: "newest", label: "Newest first" },
  { value: "negative", label: "Most negative first" },
  { value: "uncertain", label: "Lowest confidence first" },
];

const dateValue = (v: string | undefined) => (v ? v.slice(0, 10) : "");

export function TaskFilters({ action, values, categories, emotions, extra, defaultSort = "newest" }: Props) {
  return (
    <form method="get" action={action} className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label="Filter tasks">
      <InputField id="f-q" name="q" label="Search" defaultValue={values.q ?? ""} placeholder="REQ-003001, name, e-mail, words…" title="A reference, the customer's name, e-mail or external id, or words of the request" />
      <SelectField id="f-category" name="category" label="Category" none="All" defaultValue={values.category} choices={categories.map((c) => ({ value: c.id, label: c.name }))} />
      <SelectField id="f-sentiment" name="sentiment" label="Sentiment" none="All" defaultValue={values.sentiment} choices={SENTIMENTS} />
      <SelectField id="f-emotion" name="emotion" label="Emotion" none="All" defaultValue={values.emotion} choices={emotions}>
        <option value="pending">pending</option>
      </SelectField>
      <SelectField id="f-status" name="status" label="Status" none="All" defaultValue={values.status} choices={TASK_STATUSES} />
      <SelectField id="f-trend" name="trend" label="Conversation" none="All" defaultValue={values.trend} choices={SENTIMENT_TRENDS} />
      <InputField id="f-from" name="from" label="From" type="date" defaultValue={dateValue(values.from)} />
      <InputField id="f-to" name="to" label="To (inclusive)" type="date" defaultValue={dateValue(values.to)} />
      <SelectField id="f-sort" name="sort" label="Order" defaultValue={values.sort ?? defaultSort} choices={SORTS} />
      {values.account ? <input type="hidden" name="account" value={values.account} /> : null}
      {extra}
      <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-4">
        <button type="submit" className="btn-primary">Apply</button>
        <a href={action} className="btn-secondary">Clear</a>
      </div>
    </form>
  );
}
