/** A small helper to assemble ONNX graphs with onnx-proto: named nodes, constants, typed inputs. */
import { onnx } from 'onnx-proto';

export type Dim = number | string;

export class GraphBuilder {
  readonly nodes: onnx.INodeProto[] = [];
  readonly initializers: onnx.ITensorProto[] = [];
  readonly inputs: onnx.IValueInfoProto[] = [];
  readonly outputs: onnx.IValueInfoProto[] = [];
  private count = 0;

  private fresh(op: string): string {
    return `${op.toLowerCase()}_${this.count++}`;
  }

  /** Adds a node and returns its output names; attributes are ints, int lists or floats. */
  op(opType: string, inputs: string[], attrs: Record<string, number | number[]> = {}, nOut = 1): string[] {
    const name = this.fresh(opType);
    const output = Array.from({ length: nOut }, (_, i) => `${name}:${i}`);
    const attribute = Object.entries(attrs).map(([k, v]) =>
      Array.isArray(v)
        ? { name: k, type: onnx.AttributeProto.AttributeType.INTS, ints: v }
        : Number.isInteger(v) && k !== 'epsilon' && k !== 'alpha'
          ? { name: k, type: onnx.AttributeProto.AttributeType.INT, i: v }
          : { name: k, type: onnx.AttributeProto.AttributeType.FLOAT, f: v },
    );
    this.nodes.push({ name, opType, input: inputs, output, attribute });
    return output;
  }

  op1(opType: string, inputs: string[], attrs: Record<string, number | number[]> = {}): string {
    return this.op(opType, inputs, attrs)[0];
  }

  /** An int64 constant (shapes for Reshape). */
  ints(values: number[]): string {
    const name = this.fresh('const_i64');
    this.initializers.push({ name, dataType: onnx.TensorProto.DataType.INT64, dims: [values.length], int64Data: values });
    return name;
  }

  /** A float scalar constant (broadcasts in Mul/Add). */
  scalar(value: number): string {
    const name = this.fresh('const_f32');
    this.initializers.push({ name, dataType: onnx.TensorProto.DataType.FLOAT, dims: [], floatData: [value] });
    return name;
  }

  /** A float tensor constant (positional frequencies, masks, unit gains). */
  floats(values: ArrayLike<number>, dims: number[]): string {
    const name = this.fresh('const_f32');
    this.initializers.push({ name, dataType: onnx.TensorProto.DataType.FLOAT, dims, floatData: Array.from(values) });
    return name;
  }

  /**
   * A model weight under its own name: a graph input by default (fed per run, so edited weights need
   * no new session), or an initializer when `data` is given (copied once, when the session is made).
   */
  weight(name: string, dims: number[], data?: Float32Array): string {
    if (!data) return this.input(name, dims);
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength); // little-endian float32, as ONNX raw data
    this.initializers.push({ name, dataType: onnx.TensorProto.DataType.FLOAT, dims, rawData: bytes });
    return name;
  }

  input(name: string, dims: Dim[]): string {
    this.inputs.push(valueInfo(name, dims));
    return name;
  }

  output(from: string, name: string, dims: Dim[]): void {
    this.nodes.push({ name: `${name}_identity`, opType: 'Identity', input: [from], output: [name] });
    this.outputs.push(valueInfo(name, dims));
  }

  /** Serialises an ir_version 8, opset 17 model. */
  toModel(graphName: string, docString = ''): Uint8Array {
    const model: onnx.IModelProto = {
      irVersion: 8,
      opsetImport: [{ domain: '', version: 17 }],
      producerName: 'task-vector-lab',
      docString,
      graph: { name: graphName, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
    };
    return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
  }
}

function valueInfo(name: string, dims: Dim[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}
