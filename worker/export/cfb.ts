import { ByteWriter } from './bytes';

// Compound File Binary (MS-CFB) version 3: the OLE2 container a BIFF8 .xls lives in, holding one stream.
const SECTOR = 512;
const MINI_SECTOR = 64;
const MINI_CUTOFF = 4096;
const FREESECT = 0xffffffff;
const ENDOFCHAIN = 0xfffffffe;
const FATSECT = 0xfffffffd;
const DIFSECT = 0xfffffffc;
const NOSTREAM = 0xffffffff;
const FAT_ENTRIES = SECTOR / 4;
const HEADER_DIFAT = 109;

const sectorsFor = (bytes: number, size = SECTOR) => Math.ceil(bytes / size);

function directoryEntry(out: ByteWriter, name: string, type: 0 | 2 | 5, child: number, start: number, size: number) {
  out.chars(name, 0, name.length, true);
  out.zeros(64 - name.length * 2);
  out.u16(name ? (name.length + 1) * 2 : 0);
  out.u8(type);
  out.u8(type ? 1 : 0); // black in the red-black tree; one entry needs no balancing
  out.u32(NOSTREAM);
  out.u32(NOSTREAM);
  out.u32(child);
  out.zeros(16 + 4 + 16); // CLSID, state bits, creation and modification times
  out.u32(start);
  out.u32(size);
  out.u32(0);
}

/**
 * Wraps one stream (e.g. "Workbook") in a compound file. A stream under 4096 bytes must live in the
 * mini stream; a large one needs more FAT sectors than the header lists, so DIFAT sectors follow.
 */
export function compoundFile(streamName: string, chunks: Uint8Array[]): Uint8Array[] {
  const size = chunks.reduce((total, chunk) => total + chunk.length, 0);
  const mini = size < MINI_CUTOFF;
  // Sector layout: [data (or mini stream container)] [mini FAT?] [directory] [FAT…] [DIFAT…]
  const dataSectors = mini ? sectorsFor(sectorsFor(size, MINI_SECTOR) * MINI_SECTOR) : sectorsFor(size);
  const miniFatSectors = mini ? 1 : 0;
  let fatSectors = 1;
  let difatSectors = 0;
  for (;;) {
    difatSectors = Math.max(0, Math.ceil((fatSectors - HEADER_DIFAT) / (FAT_ENTRIES - 1)));
    const total = dataSectors + miniFatSectors + 1 + fatSectors + difatSectors;
    if (fatSectors * FAT_ENTRIES >= total) break;
    fatSectors += 1;
  }
  const miniFatStart = dataSectors;
  const directoryStart = dataSectors + miniFatSectors;
  const fatStart = directoryStart + 1;
  const difatStart = fatStart + fatSectors;

  const head = new ByteWriter(SECTOR);
  head.u32(0xe011cfd0);
  head.u32(0xe11ab1a1);
  head.zeros(16);
  head.u16(0x003e);
  head.u16(0x0003);
  head.u16(0xfffe);
  head.u16(9);
  head.u16(6);
  head.zeros(6);
  head.u32(0);
  head.u32(fatSectors);
  head.u32(directoryStart);
  head.u32(0);
  head.u32(MINI_CUTOFF);
  head.u32(mini ? miniFatStart : ENDOFCHAIN);
  head.u32(miniFatSectors);
  head.u32(difatSectors ? difatStart : ENDOFCHAIN);
  head.u32(difatSectors);
  for (let index = 0; index < HEADER_DIFAT; index += 1) head.u32(index < fatSectors ? fatStart + index : FREESECT);

  const tail = new ByteWriter(64 * 1024);
  tail.zeros(dataSectors * SECTOR - size);
  if (mini) {
    const miniSectors = sectorsFor(size, MINI_SECTOR);
    for (let index = 0; index < FAT_ENTRIES; index += 1) tail.u32(index < miniSectors - 1 ? index + 1 : index === miniSectors - 1 ? ENDOFCHAIN : FREESECT);
  }
  // The root entry owns the mini stream; the stream itself starts at sector 0 (a mini sector when small).
  directoryEntry(tail, 'Root Entry', 5, 1, mini ? 0 : ENDOFCHAIN, mini ? sectorsFor(size, MINI_SECTOR) * MINI_SECTOR : 0);
  directoryEntry(tail, streamName, 2, NOSTREAM, 0, size);
  directoryEntry(tail, '', 0, NOSTREAM, 0, 0);
  directoryEntry(tail, '', 0, NOSTREAM, 0, 0);

  const fat: number[] = [];
  for (let index = 0; index < dataSectors; index += 1) fat.push(index < dataSectors - 1 ? index + 1 : ENDOFCHAIN);
  if (mini) fat.push(ENDOFCHAIN);
  fat.push(ENDOFCHAIN);
  for (let index = 0; index < fatSectors; index += 1) fat.push(FATSECT);
  for (let index = 0; index < difatSectors; index += 1) fat.push(DIFSECT);
  for (let index = 0; index < fatSectors * FAT_ENTRIES; index += 1) tail.u32(fat[index] ?? FREESECT);

  for (let sector = 0; sector < difatSectors; sector += 1) {
    for (let slot = 0; slot < FAT_ENTRIES - 1; slot += 1) {
      const fatIndex = HEADER_DIFAT + sector * (FAT_ENTRIES - 1) + slot;
      tail.u32(fatIndex < fatSectors ? fatStart + fatIndex : FREESECT);
    }
    tail.u32(sector < difatSectors - 1 ? difatStart + sector + 1 : ENDOFCHAIN);
  }
  return [...head.finish(), ...chunks, ...tail.finish()];
}
