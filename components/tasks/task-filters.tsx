// A plain GET form: filters live in the URL, so a filtered view can be bookmarked and shared.
import { SENTIMENTS, TASK_STATUSES } from "@/db/schema";
import { SENTIMENT_TRENDS } from "@/db/conversation-trend";

type Props = {
  action: string;
  values: Record<string, string | undefined>;
  categories: { id: number; name: string }[];
  emotions: string[];
  extra?: React.ReactNode;
  /** The order when none is chosen (the queue: priority, then time left). */
  defaultSort?: string;
};

const dateValue = (v: string | undefined) => (v ? v.slice(0, 10) : "");

export function TaskFilters({ action, values, categories, emotions, extra, defaultSort = "newest" }: Props) {
  return (
    <form method="get" action={action} className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label="Filter tasks">
      <div>
        <label htmlFor="f-q" className="field-label">Search</label>
        <input id="f-q" name="q" defaultValue={values.q ?? ""} className="field-input" placeholder="REQ-003001, name, e-mail, words…" title="A reference, the customer's name, e-mail or external id, or words of the request" />
      </div>
      <div>
        <label htmlFor="f-category" className="field-label">Category</label>
        <select id="f-category" name="category" defaultValue={values.category ?? ""} className="field-input">
          <option value="">All</option>
          {categories.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="f-sentiment" className="field-label">Sentiment</label>
        <select id="f-sentiment" name="sentiment" defaultValue={values.sentiment ?? ""} className="field-input">
          <option value="">All</option>
          {SENTIMENTS.map((s) => <option key={s}>{s}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="f-emotion" className="field-label">Emotion</label>
        <select id="f-emotion" name="emotion" defaultValue={values.emotion ?? ""} className="field-input">
          <option value="">All</option>
          {emotions.map((e) => <option key={e}>{e}</option>)}
          <option value="pending">pending</option>
        </select>
      </div>
      <div>
        <label htmlFor="f-status" className="field-label">Status</label>
        <select id="f-status" name="status" defaultValue={values.status ?? ""} className="field-input">
          <option value="">All</option>
          {TASK_STATUSES.map((s) => <option key={s}>{s}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="f-trend" className="field-label">Conversation</label>
        <select id="f-trend" name="trend" defaultValue={values.trend ?? ""} className="field-input">
          <option value="">All</option>
          {SENTIMENT_TRENDS.map((t) => <option key={t}>{t}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="f-from" className="field-label">From</label>
        <input id="f-from" name="from" type="date" defaultValue={dateValue(values.from)} className="field-input" />
      </div>
      <div>
        <label htmlFor="f-to" className="field-label">To (inclusive)</label>
        <input id="f-to" name="to" type="date" defaultValue={dateValue(values.to)} className="field-input" />
      </div>
      <div>
        <label htmlFor="f-sort" className="field-label">Order</label>
        <select id="f-sort" name="sort" defaultValue={values.sort ?? defaultSort} className="field-input">
          <option value="priority">Priority, then time left</option>
          <option value="newest">Newest first</option>
          <option value="negative">Most negative first</option>
          <option value="uncertain">Lowest confidence first</option>
        </select>
      </div>
      {values.account ? <input type="hidden" name="account" value={values.account} /> : null}
      {extra}
      <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-4">
        <button type="submit" className="btn-primary">Apply</button>
        <a href={action} className="btn-secondary">Clear</a>
      </div>
    </form>
  );
}
