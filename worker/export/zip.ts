import { ByteWriter } from './bytes';

export interface ZipEntry {
  name: string;
  /** Called when the entry's turn comes, so a later part can depend on what an earlier one counted. */
  data: () => ReadableStream<Uint8Array>;
}

const GZIP_HEADER = 10;
const GZIP_TRAILER = 8;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const METHOD_DEFLATE = 8;
const DOS_DATE_1980_01_01 = 0x0021;

function bytesOf(write: (out: ByteWriter) => void): Uint8Array {
  const out = new ByteWriter(1024);
  write(out);
  const chunks = out.finish();
  return chunks.length === 1 ? chunks[0]! : new Uint8Array(chunks.flatMap((chunk) => [...chunk]));
}

const ascii = (out: ByteWriter, text: string) => out.chars(text, 0, text.length, false);

/**
 * A ZIP archive written as it goes: each entry is deflated by the runtime's native CompressionStream
 * (zlib in workerd and Node, far faster than deflate in JavaScript), its CRC and sizes follow it in a
 * data descriptor, and the central directory closes the file. Nothing is held but the stream buffers.
 * Sizes are 32-bit (no ZIP64): an export's sheet stays far below 4 GiB.
 */
export async function* zipChunks(entries: ZipEntry[]): AsyncGenerator<Uint8Array> {
  const central: { name: string; crc: number; compressed: number; size: number; offset: number }[] = [];
  let offset = 0;
  for (const entry of entries) {
    const header = bytesOf((out) => {
      out.u32(0x04034b50);
      out.u16(20);
      out.u16(FLAG_DATA_DESCRIPTOR);
      out.u16(METHOD_DEFLATE);
      out.u16(0);
      out.u16(DOS_DATE_1980_01_01);
      out.zeros(12); // CRC and sizes come in the data descriptor
      out.u16(entry.name.length);
      out.u16(0);
      ascii(out, entry.name);
    });
    yield header;
    let compressed = 0;
    // gzip is deflate plus a 10-byte header and a trailer holding the CRC-32 and the size, computed
    // natively: the entry's data is the deflate part, the trailer fills the data descriptor.
    const compressor = new CompressionStream('gzip');
    const writer = compressor.writable.getWriter();
    // At most two writes wait for the compressor: the next page is built while zlib works on this one,
    // yet input never runs further ahead of the output that is read.
    const pump = (async () => {
      const source = entry.data().getReader();
      const inFlight: Promise<void>[] = [];
      try {
        for (let read = await source.read(); !read.done; read = await source.read()) {
          inFlight.push(writer.write(read.value));
          if (inFlight.length >= 2) await inFlight.shift();
        }
        await Promise.all(inFlight);
        await writer.close();
      } catch (error) {
        await writer.abort(error).catch(() => undefined);
        await source.cancel(error).catch(() => undefined);
        throw error;
      }
    })();
    const reader = compressor.readable.getReader();
    let headerSeen = 0;
    let held = new Uint8Array(0);
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      let chunk = read.value;
      if (headerSeen < GZIP_HEADER) {
        const skip = Math.min(GZIP_HEADER - headerSeen, chunk.length);
        // Byte 3 (FLG) must be 0: no file name or extra field, so the header is exactly 10 bytes.
        if (headerSeen <= 3 && headerSeen + skip > 3 && chunk[3 - headerSeen] !== 0) throw new Error('Unexpected gzip header flags.');
        headerSeen += skip;
        chunk = chunk.subarray(skip);
      }
      // The last 8 bytes are the trailer, so they are held back until the next chunk proves they are not.
      const joined = new Uint8Array(held.length + chunk.length);
      joined.set(held);
      joined.set(chunk, held.length);
      if (joined.length > GZIP_TRAILER) {
        const body = joined.subarray(0, joined.length - GZIP_TRAILER);
        compressed += body.length;
        yield body;
        held = joined.slice(joined.length - GZIP_TRAILER);
      } else held = joined;
    }
    await pump;
    const trailer = new DataView(held.buffer, held.byteOffset, held.byteLength);
    const crc = trailer.getUint32(0, true);
    const size = trailer.getUint32(4, true);
    yield bytesOf((out) => {
      out.u32(0x08074b50);
      out.u32(crc);
      out.u32(compressed);
      out.u32(size);
    });
    central.push({ name: entry.name, crc, compressed, size, offset });
    offset += header.length + compressed + 16;
  }
  yield bytesOf((out) => {
    const start = out.length;
    for (const file of central) {
      out.u32(0x02014b50);
      out.u16(20);
      out.u16(20);
      out.u16(FLAG_DATA_DESCRIPTOR);
      out.u16(METHOD_DEFLATE);
      out.u16(0);
      out.u16(DOS_DATE_1980_01_01);
      out.u32(file.crc);
      out.u32(file.compressed);
      out.u32(file.size);
      out.u16(file.name.length);
      out.zeros(12); // extra and comment lengths, disk, attributes
      out.u32(file.offset);
      ascii(out, file.name);
    }
    const directorySize = out.length - start;
    out.u32(0x06054b50);
    out.zeros(4);
    out.u16(central.length);
    out.u16(central.length);
    out.u32(directorySize);
    out.u32(offset);
    out.u16(0);
  });
}

/** Any async source of chunks as a byte stream; each pull takes exactly one chunk, so it always progresses. */
export function streamOf(chunks: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
