/** Little-endian bytes appended to a list of fixed chunks, so a large file never needs one big copy. */
export class ByteWriter {
  private readonly done: Uint8Array[] = [];
  private readonly starts: number[] = [];
  private chunk: Uint8Array;
  private view: DataView;
  private position = 0;
  private flushed = 0;

  constructor(private readonly chunkSize = 256 * 1024) {
    this.chunk = new Uint8Array(chunkSize);
    this.view = new DataView(this.chunk.buffer);
    this.starts.push(0);
  }

  get length(): number {
    return this.flushed + this.position;
  }

  /** Room for `bytes` in the current chunk; a field is never split across chunks, so patches stay simple. */
  private ensure(bytes: number) {
    if (this.position + bytes <= this.chunk.length) return;
    this.done.push(this.chunk.subarray(0, this.position));
    this.flushed += this.position;
    this.starts.push(this.flushed);
    this.chunk = new Uint8Array(Math.max(this.chunkSize, bytes));
    this.view = new DataView(this.chunk.buffer);
    this.position = 0;
  }

  u8(value: number) {
    this.ensure(1);
    this.chunk[this.position++] = value;
  }

  u16(value: number) {
    this.ensure(2);
    this.view.setUint16(this.position, value, true);
    this.position += 2;
  }

  u32(value: number) {
    this.ensure(4);
    this.view.setUint32(this.position, value >>> 0, true);
    this.position += 4;
  }

  f64(value: number) {
    this.ensure(8);
    this.view.setFloat64(this.position, value, true);
    this.position += 8;
  }

  /** Characters as single bytes (all below U+0100) or UTF-16LE. */
  chars(text: string, start: number, end: number, wide: boolean) {
    const size = (end - start) * (wide ? 2 : 1);
    this.ensure(size);
    if (wide) {
      for (let index = start; index < end; index += 1) {
        this.view.setUint16(this.position, text.charCodeAt(index), true);
        this.position += 2;
      }
    } else {
      for (let index = start; index < end; index += 1) this.chunk[this.position++] = text.charCodeAt(index);
    }
  }

  zeros(count: number) {
    this.ensure(count);
    this.chunk.fill(0, this.position, this.position + count);
    this.position += count;
  }

  patchU16(offset: number, value: number) {
    const [chunk, at] = this.locate(offset);
    new DataView(chunk.buffer, chunk.byteOffset).setUint16(at, value, true);
  }

  patchU32(offset: number, value: number) {
    const [chunk, at] = this.locate(offset);
    new DataView(chunk.buffer, chunk.byteOffset).setUint32(at, value >>> 0, true);
  }

  private locate(offset: number): [Uint8Array, number] {
    let index = this.starts.length - 1;
    while (this.starts[index]! > offset) index -= 1;
    const chunk = index === this.starts.length - 1 ? this.chunk : this.done[index]!;
    return [chunk, offset - this.starts[index]!];
  }

  /** The written bytes; the writer must not be used afterwards. */
  finish(): Uint8Array[] {
    const chunks = [...this.done, this.chunk.subarray(0, this.position)];
    this.done.length = 0;
    return chunks;
  }
}

/** Whether every character fits in one byte (Latin-1), so BIFF can store it "compressed". */
export function isLatin1(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) if (text.charCodeAt(index) > 0xff) return false;
  return true;
}
