import { constants, crc32, deflateRawSync } from 'node:zlib';
import type { AsyncFlateStreamHandler, FlateError, ZipInputFile } from 'fflate';

/**
 * A deflated file for fflate's streaming Zip, compressed by Node's native zlib instead of fflate's
 * JavaScript deflate (several times slower on the export's 100 MB of CSV, on the thread that also
 * builds the rows).
 *
 * Text is written as UTF-8 into one reused block buffer; each full block is deflated on its own
 * and ended with a sync flush, so the blocks join into one valid deflate stream (the technique
 * pigz uses) and only the last carries the final-block bit. A block does not see the previous
 * block's window, a fraction of a percent of size at this length. Reusing the block matters for
 * memory: a fresh byte buffer per batch of rows is garbage outside the JavaScript heap, which the
 * collector lets pile up to tens of megabytes.
 */

const BLOCK_BYTES = 256 * 1024;

/** General purpose flag bits 1–2 for the compression level, as fflate's own ZipDeflate writes them. */
const levelFlag = (level: number) => (level === 1 ? 3 : level < 6 ? 2 : level === 9 ? 1 : 0);

export class NativeZipDeflate implements ZipInputFile {
  readonly compression = 8;
  readonly flag: number;
  /** Uncompressed bytes so far. */
  size = 0;
  crc = 0;
  mtime?: Date;
  /** Set by Zip.add. */
  ondata: AsyncFlateStreamHandler = () => undefined;

  constructor(
    readonly filename: string,
    private readonly level: number,
  ) {
    this.flag = levelFlag(level);
  }

  /** Allocated at the first piece and let go at the last: the Zip keeps a copy of each file's fields. */
  private block: Buffer | null = null;
  private used = 0;

  /**
   * Sees every uncompressed byte once, in order, before it is deflated (the package's SHA-256):
   * the text is encoded as UTF-8 once, into the block, and the checksums read the block.
   */
  onBytes: (bytes: Buffer) => void = () => undefined;

  /** UTF-8 text; the last piece may be empty. */
  push(text: string, final = false): void {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (this.used + bytes > BLOCK_BYTES && this.used > 0) this.flush(false);
    if (bytes > BLOCK_BYTES) {
      // Larger than a block (a whole JSON file): deflated at once.
      this.deflate(Buffer.from(text, 'utf8'), final);
      if (final) this.block = null;
      return;
    }
    this.block ??= Buffer.allocUnsafe(BLOCK_BYTES);
    this.used += this.block.write(text, this.used, 'utf8');
    if (final || this.used === BLOCK_BYTES) this.flush(final);
  }

  private flush(final: boolean): void {
    const input = this.block!.subarray(0, this.used);
    this.used = 0;
    this.deflate(input, final);
    if (final) this.block = null;
  }

  private deflate(input: Buffer, final: boolean): void {
    this.size += input.length;
    this.crc = crc32(input, this.crc);
    this.onBytes(input);
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
