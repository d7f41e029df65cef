// Just enough of the protobuf wire format to write an ONNX ModelProto by hand.
//
// Why hand-written: tests of the transformer path must build their model with no
// download, and the generated protobuf code inside onnxruntime is not exported. The
// ONNX schema needs only two wire types here: varints (ints, enums) and
// length-delimited fields (strings, bytes, nested messages, packed int64s).
// Field numbers are those of onnx/onnx.proto (IR version 7).

type Part = Uint8Array;

function varint(value: number | bigint): Part {
  // int64 fields are varints of the two's-complement value; every value here is >= 0.
  let v = BigInt(value);
  if (v < 0n) v = BigInt.asUintN(64, v);
  const bytes: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    bytes.push(byte);
  } while (v > 0n);
  return Uint8Array.from(bytes);
}

function concat(parts: Part[]): Part {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A message under construction: fields are appended in call order. */
export class Message {
  private readonly parts: Part[] = [];

  int(field: number, value: number | bigint): this {
    this.parts.push(varint((field << 3) | 0), varint(value));
    return this;
  }

  bytes(field: number, value: Part): this {
    this.parts.push(varint((field << 3) | 2), varint(value.length), value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, value: Message): this {
    return this.bytes(field, value.encode());
  }

  encode(): Part {
    return concat(this.parts);
  }
}

// ---- ONNX messages --------------------------------------------------------------------

export const DataType = { FLOAT: 1, INT64: 7 } as const;
type DataTypeId = (typeof DataType)[keyof typeof DataType];

/** TensorProto with little-endian raw_data. */
export function tensor(name: string, dataType: DataTypeId, dims: number[], values: ArrayLike<number>): Message {
  const t = new Message();
  for (const d of dims) t.int(1, d);
  t.int(2, dataType);
  t.string(8, name);
  const raw =
    dataType === DataType.FLOAT
      ? new Uint8Array(Float32Array.from(values).buffer)
      : new Uint8Array(BigInt64Array.from(Array.from(values, (v) => BigInt(v))).buffer);
  return t.bytes(9, raw);
}

/** ValueInfoProto of a tensor; a string dimension is symbolic (dim_param). */
export function valueInfo(name: string, elemType: DataTypeId, shape: (number | string)[]): Message {
  const shapeMsg = new Message();
  for (const d of shape) shapeMsg.message(1, typeof d === "number" ? new Message().int(1, d) : new Message().string(2, d));
  const tensorType = new Message().int(1, elemType).message(2, shapeMsg);
  return new Message().string(1, name).message(2, new Message().message(1, tensorType));
}

export type Attribute = { name: string; int: number } | { name: string; ints: number[] };

/** NodeProto with INT / INTS attributes (all the tiny graph needs). */
export function node(opType: string, inputs: string[], outputs: string[], name: string, attributes: Attribute[] = []): Message {
  const n = new Message();
  for (const i of inputs) n.string(1, i);
  for (const o of outputs) n.string(2, o);
  n.string(3, name).string(4, opType);
  for (const a of attributes) {
    const attr = new Message().string(1, a.name);
    if ("int" in a) attr.int(3, a.int).int(20, 2);
    else {
      for (const v of a.ints) attr.int(8, v);
      attr.int(20, 7);
    }
    n.message(5, attr);
  }
  return n;
}

export function graph(opts: { name: string; nodes: Message[]; initializers: Message[]; inputs: Message[]; outputs: Message[] }): Message {
  const g = new Message();
  for (const n of opts.nodes) g.message(1, n);
  g.string(2, opts.name);
  for (const t of opts.initializers) g.message(5, t);
  for (const i of opts.inputs) g.message(11, i);
  for (const o of opts.outputs) g.message(12, o);
  return g;
}

export function model(g: Message, opts: { irVersion: number; opset: number; producer: string }): Uint8Array {
  return new Message()
    .int(1, opts.irVersion)
    .string(2, opts.producer)
    .message(7, g)
    .message(8, new Message().string(1, "").int(2, opts.opset))
    .encode();
}
