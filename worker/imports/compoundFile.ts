import { ImportFileError } from './limits';

// A strict reader of Compound File Binary (MS-CFB, versions 3 and 4), the OLE container an .xls
// workbook (and an encrypted .xlsx) lives in. Every offset, count and sector number is checked
// against the file before it is used, and every sector chain is followed at most once per sector, so
// a malformed or hostile file ends in a clear error, never a loop or an out-of-range read.

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const NOSTREAM = 0xffffffff;
const HEADER_DIFAT = 109;
const DIRECTORY_ENTRY = 128;
const STREAM = 2;
const ROOT = 5;

export const isCompoundFile = (bytes: Uint8Array) => bytes.length >= 8 && SIGNATURE.every((byte, index) => bytes[index] === byte);

const invalid = () => new ImportFileError('invalid_xls');

interface DirectoryEntry {
  name: string;
  type: number;
  start: number;
  size: number;
}

export class CompoundFile {
  private readonly view: DataView;
  private readonly sectorSize: number;
  private readonly sectorCount: number;
  private readonly fat: Uint32Array;
  private readonly entries: DirectoryEntry[];
  private readonly miniCutoff: number;
  private readonly miniSectorSize: number;
  private readonly rootStart: number;
  private readonly rootSize: number;
  private readonly miniFatStart: number;
  private readonly miniFatSectors: number;
  private miniFat?: Uint32Array;
  private miniStream?: Uint8Array;

  constructor(private readonly bytes: Uint8Array) {
    if (!isCompoundFile(bytes) || bytes.length < 512) throw invalid();
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const major = this.u16(0x1a);
    const sectorShift = this.u16(0x1e);
    const miniShift = this.u16(0x20);
    if (this.u16(0x1c) !== 0xfffe || !((major === 3 && sectorShift === 9) || (major === 4 && sectorShift === 12)) || miniShift !== 6) throw invalid();
    this.sectorSize = 1 << sectorShift;
    this.miniSectorSize = 1 << miniShift;
    this.miniCutoff = this.u32(0x38);
    // The header takes the first sector's place; whole data sectors follow it.
    this.sectorCount = Math.max(0, Math.floor((bytes.length - this.sectorSize) / this.sectorSize));
    this.fat = this.readFat(this.u32(0x2c), this.u32(0x44), this.u32(0x48));
    const directory = this.chain(this.fat, this.u32(0x30), this.sectorCount);
    this.entries = [];
    for (let at = 0; at + DIRECTORY_ENTRY <= directory.length; at += DIRECTORY_ENTRY) this.entries.push(this.entryAt(directory, at));
    const root = this.entries[0];
    if (!root || root.type !== ROOT) throw invalid();
    this.rootStart = root.start;
    this.rootSize = root.size;
    this.miniFatStart = this.u32(0x3c);
    this.miniFatSectors = this.u32(0x40);
  }

  private u16(at: number) {
    return this.view.getUint16(at, true);
  }

  private u32(at: number) {
    return this.view.getUint32(at, true);
  }

  /** The bytes of one regular sector; a sector past the end of the file is an error. */
  private sector(index: number): Uint8Array {
    if (index >= this.sectorCount) throw invalid();
    const start = (index + 1) * this.sectorSize;
    return this.bytes.subarray(start, start + this.sectorSize);
  }

  /** The FAT, from the header's 109 DIFAT slots and then the DIFAT sector chain. */
  private readFat(fatSectors: number, firstDifat: number, difatSectors: number): Uint32Array {
    if (fatSectors === 0 || fatSectors > this.sectorCount || difatSectors > this.sectorCount) throw invalid();
    const fatSectorIds: number[] = [];
    for (let slot = 0; slot < HEADER_DIFAT && fatSectorIds.length < fatSectors; slot++) fatSectorIds.push(this.u32(0x4c + slot * 4));
    const perDifat = this.sectorSize / 4 - 1;
    const visited = new Set<number>();
    let next = firstDifat;
    while (fatSectorIds.length < fatSectors) {
      if (next === ENDOFCHAIN || next === FREESECT || visited.has(next) || visited.size >= difatSectors) throw invalid();
      visited.add(next);
      const difat = this.sector(next);
      const view = new DataView(difat.buffer, difat.byteOffset, difat.byteLength);
      for (let slot = 0; slot < perDifat && fatSectorIds.length < fatSectors; slot++) fatSectorIds.push(view.getUint32(slot * 4, true));
      next = view.getUint32(perDifat * 4, true);
    }
    const entriesPerSector = this.sectorSize / 4;
    const fat = new Uint32Array(fatSectors * entriesPerSector);
    fatSectorIds.forEach((id, index) => {
      const sector = this.sector(id);
      const view = new DataView(sector.buffer, sector.byteOffset, sector.byteLength);
      for (let slot = 0; slot < entriesPerSector; slot++) fat[index * entriesPerSector + slot] = view.getUint32(slot * 4, true);
    });
    return fat;
  }

  /** A chain of regular sectors (or, with the mini FAT, of mini sectors) as one buffer; loops and strays are errors. */
  private chain(table: Uint32Array, start: number, limit: number, read: (index: number) => Uint8Array = (index) => this.sector(index), size = this.sectorSize): Uint8Array {
    const parts: Uint8Array[] = [];
    const visited = new Set<number>();
    for (let index = start; index !== ENDOFCHAIN; index = table[index]!) {
      if (index >= table.length || index >= limit || visited.has(index)) throw invalid();
      visited.add(index);
      parts.push(read(index));
    }
    const out = new Uint8Array(parts.length * size);
    parts.forEach((part, at) => {
      out.set(part, at * size);
    });
    return out;
  }

  private entryAt(directory: Uint8Array, at: number): DirectoryEntry {
    const view = new DataView(directory.buffer, directory.byteOffset + at, DIRECTORY_ENTRY);
    const nameBytes = Math.min(view.getUint16(0x40, true), 64);
    let name = '';
    for (let offset = 0; offset + 2 < nameBytes; offset += 2) name += String.fromCharCode(view.getUint16(offset, true));
    return { name, type: view.getUint8(0x42), start: view.getUint32(0x74, true), size: view.getUint32(0x78, true) };
  }

  /** Whether the file holds a stream of this name (any case). */
  has(name: string): boolean {
    return this.entries.some((entry) => entry.type === STREAM && entry.name.toLowerCase() === name.toLowerCase());
  }

  /** A stream's bytes, at most `maxBytes` long (its declared size may not exceed what its chain holds). */
  stream(name: string, maxBytes: number): Uint8Array | undefined {
    const entry = this.entries.find((candidate) => candidate.type === STREAM && candidate.name.toLowerCase() === name.toLowerCase());
    if (!entry) return undefined;
    if (entry.size > maxBytes) throw new ImportFileError('file_too_large_unpacked', { limit: maxBytes });
    let data: Uint8Array;
    if (entry.size < this.miniCutoff) {
      if (entry.size === 0) return new Uint8Array(0);
      data = this.chain(this.loadMiniFat(), entry.start, Number.MAX_SAFE_INTEGER, (index) => this.miniSector(index), this.miniSectorSize);
    } else data = this.chain(this.fat, entry.start, this.sectorCount);
    if (data.length < entry.size) throw invalid();
    return data.subarray(0, entry.size);
  }

  private loadMiniFat(): Uint32Array {
    if (!this.miniFat) {
      if (this.miniFatStart === ENDOFCHAIN || this.miniFatSectors === 0 || this.rootStart === ENDOFCHAIN || this.rootStart === NOSTREAM) throw invalid();
      const table = this.chain(this.fat, this.miniFatStart, this.sectorCount);
      this.miniFat = new Uint32Array(table.buffer.slice(table.byteOffset, table.byteOffset + table.length));
      this.miniStream = this.chain(this.fat, this.rootStart, this.sectorCount).subarray(0, this.rootSize);
    }
    return this.miniFat;
  }

  private miniSector(index: number): Uint8Array {
    const start = index * this.miniSectorSize;
    if (!this.miniStream || start + this.miniSectorSize > this.miniStream.length) throw invalid();
    return this.miniStream.subarray(start, start + this.miniSectorSize);
  }
}
