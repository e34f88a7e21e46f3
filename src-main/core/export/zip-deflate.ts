import { constants, crc32, deflateRaw } from 'node:zlib';
import type { AsyncFlateStreamHandler, FlateError, ZipInputFile } from 'fflate';

/**
 * A deflated file for fflate's streaming Zip, compressed by Node's native zlib instead of fflate's
 * JavaScript deflate (several times slower on the export's 100 MB of CSV, on the thread that also
 * builds the rows).
 *
 * Text is written as UTF-8 into a block buffer; each full block is deflated on its own and ended
 * with a sync flush, so the blocks join into one valid deflate stream (the technique pigz uses) and
 * only the last carries the final-block bit. A block does not see the previous block's window, a
 * fraction of a percent of size at this length.
 *
 * The blocks are deflated on libuv's thread pool, not on the thread that builds the rows: while
 * one block is compressed the next is being written, and on a machine with two cores the
 * compression runs beside the row building instead of after it. Their output is handed on in
 * block order. At most IN_FLIGHT blocks are out at once (`ready` waits for one to come back), and
 * their buffers are reused: a fresh byte buffer per block is garbage outside the JavaScript heap,
 * which the collector lets pile up to tens of megabytes.
 */

const BLOCK_BYTES = 256 * 1024;
/** Blocks being deflated at once: enough to keep the pool's threads busy, few enough to hold little. */
const IN_FLIGHT = 2;

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

  /** The block being filled; null before the first piece and after the last. */
  private block: Buffer | null = null;
  private used = 0;
  /** Block buffers back from the thread pool, to be filled again. */
  private readonly spare: Buffer[] = [];
  /** Blocks sent to be deflated whose output has not been handed on yet. */
  private inFlight = 0;
  /** Resolves when the last block sent has been handed on; output is chained onto it in order. */
  private tail: Promise<void> = Promise.resolve();
  private failed = false;
  private waiting: (() => void) | null = null;

  /**
   * Sees every uncompressed byte once, in order, before it is deflated (the package's SHA-256):
   * the text is encoded as UTF-8 once, into the block, and the checksums read the block.
   */
  onBytes: (bytes: Buffer) => void = () => undefined;

  /** UTF-8 text; the last piece may be empty. Call `ready` between pieces to bound what is held. */
  push(text: string, final = false): void {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (this.used + bytes > BLOCK_BYTES && this.used > 0) this.flush(false);
    if (bytes > BLOCK_BYTES) {
      // Larger than a block (a whole JSON file): deflated at once, in a buffer of its own.
      this.deflate(Buffer.from(text, 'utf8'), final, null);
      return;
    }
    this.block ??= this.spare.pop() ?? Buffer.allocUnsafe(BLOCK_BYTES);
    this.used += this.block.write(text, this.used, 'utf8');
    if (final || this.used === BLOCK_BYTES) this.flush(final);
  }

  /** Resolves once fewer than IN_FLIGHT blocks are being deflated. */
  ready(): Promise<void> {
    if (this.inFlight < IN_FLIGHT || this.failed) return Promise.resolve();
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** Resolves once every block pushed has been handed on (after the final piece: the whole file). */
  done(): Promise<void> {
    return this.tail;
  }

  private flush(final: boolean): void {
    const block = this.block!;
    const input = block.subarray(0, this.used);
    this.block = null;
    this.used = 0;
    this.deflate(input, final, block);
  }

  /** `reuse` is the block buffer `input` lies in, given back to `spare` once zlib is done with it. */
  private deflate(input: Buffer, final: boolean, reuse: Buffer | null): void {
    this.size += input.length;
    this.crc = crc32(input, this.crc);
    this.onBytes(input);
    this.inFlight++;
    const output = new Promise<Buffer>((resolve, reject) => {
      deflateRaw(input, { level: this.level, finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }, (error, out) => {
        if (reuse && !final) this.spare.push(reuse);
        if (error) reject(error);
        else resolve(out);
      });
    });
    output.catch(() => undefined);
    this.tail = this.tail.then(async () => {
      let out: Buffer;
      try {
        out = await output;
      } catch (error) {
        if (!this.failed) {
          this.failed = true;
          this.ondata(error as FlateError, null as unknown as Buffer<ArrayBuffer>, final);
        }
        return;
      } finally {
        this.inFlight--;
        const wake = this.waiting;
        this.waiting = null;
        wake?.();
      }
      // The Zip keeps a copy of this file's fields, the spare list among them: emptied at the end.
      if (final) this.spare.length = 0;
      if (!this.failed) this.ondata(null, out as Buffer<ArrayBuffer>, final);
    });
  }
}
