// Thin binding to the XGBoost WebAssembly build shipped in ml-xgboost.
//
// Why not ml-xgboost's own XGBoost class: it passes the whole training
// matrix through emscripten's `ccall(..., "array")`, which copies it onto the
// 5 MB WASM stack — training on 11.5k messages × 300 features (14 MB)
// crashes with "memory access out of bounds". It also mallocs/frees and
// builds an ml-matrix per predicted row. This binding calls the same
// exported C functions (create_model, set_param, train_full_model,
// predict_one, save_model, load_model, free_memory_model) but places the
// matrices on the growable WASM heap.
//
// The module compiles asynchronously, hence loadXgboostRuntime(); after it
// has resolved everything here is synchronous.

interface EmscriptenModule {
  isReady: Promise<EmscriptenModule>;
  HEAPU8: Uint8Array;
  HEAPF32: Float32Array;
  _malloc(size: number): number;
  _free(ptr: number): void;
  _create_model(data: number, labels: number, rows: number, cols: number): number;
  _free_memory_model(model: number): void;
  _train_full_model(model: number, iterations: number): void;
  _predict_one(model: number, row: number, cols: number, out: number): number;
  _save_model(model: number): number;
  _get_file_content(ptr: number, size: number): void;
  _load_model(ptr: number, size: number): number;
  _set_param(model: number, name: number, value: number): void;
}

let runtime: EmscriptenModule | null = null;
let loading: Promise<EmscriptenModule> | null = null;

// The emscripten glue reports its (harmless) fallback from streaming
// compilation, and XGBoost announces its tree method, on the console it
// captures at load time; only those lines are filtered, the rest passes.
const NOISE = /wasm streaming compile failed|falling back to ArrayBuffer instantiation|Tree method is selected/;

export function isXgboostReady(): boolean {
  return runtime !== null;
}

export async function loadXgboostRuntime(): Promise<void> {
  if (runtime) return;
  if (!loading) {
    loading = (async () => {
      const warn = console.warn;
      const log = console.log;
      console.warn = (...args: unknown[]) => (NOISE.test(String(args[0])) ? undefined : warn(...args));
      console.log = (...args: unknown[]) => (NOISE.test(String(args[0])) ? undefined : log(...args));
      try {
        const mod = (await import("ml-xgboost/dist/wasm/xgboost.js")) as { default?: EmscriptenModule } & EmscriptenModule;
        const glue = mod.default ?? mod;
        return await glue.isReady;
      } finally {
        console.warn = warn;
        console.log = log;
      }
    })();
  }
  const m = await loading;
  runtime = m;
}

function rt(): EmscriptenModule {
  if (!runtime) throw new Error("the xgboost runtime is not loaded (call loadXgboostRuntime first)");
  return runtime;
}

function withHeapString<T>(m: EmscriptenModule, s: string, fn: (ptr: number) => T): T {
  const bytes = new TextEncoder().encode(s);
  const ptr = m._malloc(bytes.length + 1);
  m.HEAPU8.set(bytes, ptr);
  m.HEAPU8[ptr + bytes.length] = 0;
  try {
    return fn(ptr);
  } finally {
    m._free(ptr);
  }
}

/** A trained booster living in WASM memory; free() it when done. */
export class XgbBooster {
  private handle: number;
  private rowPtr = 0;
  private outPtr = 0;

  private constructor(handle: number, readonly nFeatures: number, readonly outputSize: number) {
    this.handle = handle;
  }

  /** Trains on a row-major float32 matrix (rows × cols) with numeric labels. */
  static train(
    data: Float32Array,
    labels: Float32Array,
    rows: number,
    cols: number,
    params: Record<string, string | number>,
    rounds: number,
    outputSize: number,
  ): XgbBooster {
    const m = rt();
    const dataPtr = m._malloc(data.byteLength);
    const labelPtr = m._malloc(labels.byteLength);
    // HEAP views must be read after malloc: heap growth replaces them.
    m.HEAPF32.set(data, dataPtr >> 2);
    m.HEAPF32.set(labels, labelPtr >> 2);
    const handle = m._create_model(dataPtr, labelPtr, rows, cols);
    m._free(dataPtr);
    m._free(labelPtr);
    if (handle === 0) throw new Error("xgboost could not create its training matrix");
    for (const [name, value] of Object.entries(params)) {
      withHeapString(m, name, (n) => withHeapString(m, String(value), (v) => m._set_param(handle, n, v)));
    }
    m._train_full_model(handle, rounds);
    return new XgbBooster(handle, cols, outputSize);
  }

  static load(bytes: Uint8Array, nFeatures: number, outputSize: number): XgbBooster {
    const m = rt();
    const ptr = m._malloc(bytes.length);
    m.HEAPU8.set(bytes, ptr);
    const handle = m._load_model(ptr, bytes.length);
    m._free(ptr);
    if (handle === 0) throw new Error("xgboost could not read the stored model");
    return new XgbBooster(handle, nFeatures, outputSize);
  }

  /** Predicts one dense row into out (outputSize values). */
  predictRow(row: Float32Array, out: Float64Array): void {
    const m = rt();
    if (this.handle === 0) throw new Error("xgboost model has been freed");
    if (this.rowPtr === 0) {
      this.rowPtr = m._malloc(this.nFeatures * 4);
      this.outPtr = m._malloc(Math.max(1, this.outputSize) * 4);
    }
    m.HEAPF32.set(row, this.rowPtr >> 2);
    const size = m._predict_one(this.handle, this.rowPtr, this.nFeatures, this.outPtr);
    const heap = m.HEAPF32;
    const base = this.outPtr >> 2;
    for (let i = 0; i < this.outputSize; i++) out[i] = i < size ? heap[base + i] : 0;
  }

  save(): Uint8Array {
    const m = rt();
    const size = m._save_model(this.handle);
    if (size <= 0) throw new Error("xgboost could not save the model");
    const ptr = m._malloc(size);
    m._get_file_content(ptr, size);
    const bytes = m.HEAPU8.slice(ptr, ptr + size);
    m._free(ptr);
    return bytes;
  }

  free(): void {
    if (this.handle === 0) return;
    const m = rt();
    m._free_memory_model(this.handle);
    if (this.rowPtr !== 0) {
      m._free(this.rowPtr);
      m._free(this.outPtr);
    }
    this.handle = 0;
    this.rowPtr = 0;
    this.outPtr = 0;
  }
}
