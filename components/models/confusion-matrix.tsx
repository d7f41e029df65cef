// Rows are the true labels, columns the predicted ones; the diagonal is what the model got right.
export function ConfusionMatrix({ labels, matrix, caption }: { labels: string[]; matrix: number[][]; caption: string }) {
  const max = Math.max(1, ...matrix.flat());
  return (
    <table className="text-sm">
      <caption className="mb-2 text-left text-sm font-medium text-slate-800">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="p-1 text-left text-xs text-slate-600">true ↓ / predicted →</th>
          {labels.map((l) => (
            <th key={l} scope="col" className="p-1 text-xs font-semibold text-slate-700">{l}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.map((row, i) => (
          <tr key={labels[i]}>
            <th scope="row" className="p-1 text-left text-xs font-semibold text-slate-700">{labels[i]}</th>
            {row.map((n, j) => {
              const strength = n / max;
              const diagonal = i === j;
              return (
                <td
                  key={j}
                  className={`h-10 w-16 border border-white text-center font-medium ${strength > 0.5 ? "text-white" : "text-slate-900"}`}
                  style={{ backgroundColor: diagonal ? `rgba(4, 120, 87, ${0.12 + strength * 0.88})` : `rgba(190, 18, 60, ${0.08 + strength * 0.92})` }}
                >
                  {n}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
