import { constants, crc32, deflateRawSync } from 'node:zlib';
import type { AsyncFlateStreamHandler, FlateError, ZipInputFile } from 'fflate';

/**
 * A deflated file for fflate's streaming Zip, compressed by Node's native zlib instead of fflate's
 * JavaScript deflate (several times slower on the export's 100 MB of CSV, on the thread that also
 * builds the rows).
 *
 * Input is gathered into blocks; each block is deflated on its own and ended with a sync flush, so
 * the blocks join into one valid deflate stream (the technique pigz uses) and only the last one
 * carries the final-block bit. A block does not see the previous block's window, which costs a
 * fraction of a percent of size at this block length.
 */

const BLOCK_BYTES = 256 * 1024;

/** General purpose flag bits 1–2 for the compression level, as fflate's own ZipDeflate writes them. */
const levelFlag = (level: number) => (level === 1 ? 3 : level < 6 ? 2 : level === 9 ? 1 : 0);

export class NativeZipDeflate implements ZipInputFile {
  readonly compression = 8;
  readonly flag: number;
  size = 0;
  crc = 0;
  mtime?: Date;
  /** Set by Zip.add. */
  ondata: AsyncFlateStreamHandler = () => undefined;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;

  constructor(
    readonly filename: string,
    private readonly level: number,
  ) {
    this.flag = levelFlag(level);
  }

  push(data: Uint8Array, final = false): void {
    this.size += data.length;
    this.crc = crc32(data, this.crc);
    if (data.length) {
      this.pending.push(data);
      this.pendingBytes += data.length;
    }
    if (final || this.pendingBytes >= BLOCK_BYTES) this.flush(final);
  }

  private flush(final: boolean): void {
    const input = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    let out: Buffer<ArrayBuffer>;
    try {
      out = deflateRawSync(input, { level: this.level, finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH });
    } catch (error) {
      this.ondata(error as FlateError, null as unknown as Buffer<ArrayBuffer>, final);
      return;
    }
    this.ondata(null, out, final);
  }
}
