"use client";

// The file and delimiter fields of the models page's CSV uploads (labelled data, score a CSV):
// choosing either reads the file's first line again, so the column choices always match it.
import { useState, type ChangeEvent, type ReactNode } from "react";
import { DELIMITERS, readHeader } from "@/components/models/csv-upload";

type Options = {
  /** A new file or delimiter: what was checked or scored before no longer applies. */
  reset: () => void;
  /** The column names just read (not called when the file is cleared). */
  onHeader: (columns: string[]) => void;
  onFile?: (file: File | null) => void;
};

export function useCsvFile({ reset, onHeader, onFile }: Options) {
  const [file, setFile] = useState<File | null>(null);
  const [delimiter, setDelimiter] = useState(",");
  const [columns, setColumns] = useState<string[]>([]);
  const load = async (f: File | null, d: string) => {
    reset();
    if (!f) return setColumns([]);
    const header = await readHeader(f, d);
    setColumns(header);
    onHeader(header);
  };
  return {
    file,
    delimiter,
    columns,
    chooseFile: (e: ChangeEvent<HTMLInputElement>) => {
      const f = e.target.files?.[0] ?? null;
      setFile(f);
      onFile?.(f);
      void load(f, delimiter);
    },
    chooseDelimiter: (d: string) => {
      setDelimiter(d);
      void load(file, d);
    },
  };
}

type CsvFile = ReturnType<typeof useCsvFile>;

export function CsvFileFields({ idPrefix, fileLabel, csv }: { idPrefix: string; fileLabel: ReactNode; csv: CsvFile }) {
  return (
    <>
      <div>
        <label htmlFor={`${idPrefix}-file`} className="field-label">{fileLabel}</label>
        <input id={`${idPrefix}-file`} type="file" accept=".csv,.tsv,.txt,text/csv" className="field-input" onChange={csv.chooseFile} />
      </div>
      <div>
        <label htmlFor={`${idPrefix}-delimiter`} className="field-label">Delimiter</label>
        <select id={`${idPrefix}-delimiter`} className="field-input" value={csv.delimiter} onChange={(e) => csv.chooseDelimiter(e.target.value)}>
          {DELIMITERS.map((d) => <option key={d.label} value={d.value}>{d.label}</option>)}
        </select>
      </div>
    </>
  );
}

/** Said when the file's first line, split with the chosen delimiter, names no column. */
export function NoColumnsAlert({ csv }: { csv: CsvFile }) {
  return csv.file && csv.columns.length === 0 ? <p role="alert" className="field-error">The first line of this file has no column names with this delimiter.</p> : null;
}
