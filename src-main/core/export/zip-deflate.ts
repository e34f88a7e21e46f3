import { constants, crc32, createDeflateRaw, type DeflateRaw } from 'node:zlib';
import type { AsyncFlateStreamHandler, FlateError, ZipInputFile } from 'fflate';

/**
 * A deflated file for fflate's streaming Zip, compressed by Node's native zlib instead of fflate's
 * JavaScript deflate (several times slower on the export's 100 MB of CSV, on the thread that also
 * builds the rows).
 *
 * Text is written as UTF-8 into a block buffer, and each full block is written to one zlib stream
 * per file. The stream deflates on libuv's thread pool, not on the thread that builds the rows:
 * while one block is compressed the next is being written, and on a machine with two cores the
 * compression runs beside the row building instead of after it. At most IN_FLIGHT blocks are out
 * at once (`ready` waits for one to come back), and their buffers are reused.
 *
 * One stream for the whole file, not a one-shot deflate per block: each of those opened a zlib
 * state of its own (some 300 KiB of native memory) and gathered its output in fresh buffers that
 * it then joined, over 3,000 blocks at city scale. The stream writes its output into one buffer
 * until it is full and hands it on in slices, so what is thrown away is about the compressed bytes
 * themselves.
 */

const BLOCK_BYTES = 256 * 1024;
/** Blocks written to the stream and not yet compressed: one being deflated, one waiting. */
const IN_FLIGHT = 2;
/** The stream's output buffer, handed on in slices: the size of an age chunk. */
const OUTPUT_BYTES = 64 * 1024;

/** General purpose flag bits 1–2 for the compression level, as fflate's own ZipDeflate writes them. */
const levelFlag = (level: number) => (level === 1 ? 3 : level < 6 ? 2 : level === 9 ? 1 : 0);

const EMPTY = new Uint8Array(0);

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
  /** Opened at the first block (after Zip.add has copied this file's fields), ended with the last. */
  private stream: DeflateRaw | null = null;
  /** Blocks written to the stream that it has not finished with. */
  private inFlight = 0;
  private failed = false;
  private waiting: (() => void) | null = null;
  private ended = false;
  private whenEnded: (() => void) | null = null;

  /**
   * Sees every uncompressed byte once, in order, before it is deflated (the package's SHA-256):
   * the text is encoded as UTF-8 once, into the block, and the checksums read the block.
   */
  onBytes: (bytes: Buffer) => void = () => undefined;

  /** UTF-8 text; the last piece may be empty. Call `ready` between pieces to bound what is held. */
  push(text: string, final = false): void {
    this.add(
      Buffer.byteLength(text, 'utf8'),
      final,
      () => Buffer.from(text, 'utf8'),
      (block, at) => block.write(text, at, 'utf8'),
    );
  }

  /** UTF-8 made elsewhere (a page from another thread): deflated where it lies when it is larger than a block. */
  pushBytes(bytes: Uint8Array): void {
    const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.add(
      input.length,
      false,
      () => input,
      (block, at) => input.copy(block, at),
    );
  }

  private add(length: number, final: boolean, whole: () => Buffer, into: (block: Buffer, at: number) => number): void {
    if (this.used + length > BLOCK_BYTES && this.used > 0) this.flush(false);
    if (length > BLOCK_BYTES) {
      // Larger than a block (a whole JSON file, a page of records): deflated at once, in a buffer of its own.
      this.deflate(whole(), final, null);
      return;
    }
    this.block ??= this.spare.pop() ?? Buffer.allocUnsafe(BLOCK_BYTES);
    this.used += into(this.block, this.used);
    if (final || this.used === BLOCK_BYTES) this.flush(final);
  }

  /** Resolves once fewer than IN_FLIGHT blocks are being deflated. */
  ready(): Promise<void> {
    if (this.inFlight < IN_FLIGHT || this.failed) return Promise.resolve();
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** Resolves once the final piece has been deflated and the whole file handed on (or it failed). */
  done(): Promise<void> {
    if (this.ended || this.failed) return Promise.resolve();
    return new Promise((resolve) => {
      const before = this.whenEnded;
      this.whenEnded = () => {
        before?.();
        resolve();
      };
    });
  }

  private flush(final: boolean): void {
    const block = this.block!;
    const input = block.subarray(0, this.used);
    this.block = null;
    this.used = 0;
    this.deflate(input, final, block);
  }

  private open(): DeflateRaw {
    // Each block ends with a sync flush, so its bytes go on before the next block is written.
    const stream = createDeflateRaw({ level: this.level, chunkSize: OUTPUT_BYTES, flush: constants.Z_SYNC_FLUSH });
    stream.on('data', (out: Buffer) => {
      if (!this.failed) this.ondata(null, out as Buffer<ArrayBuffer>, false);
    });
    stream.on('end', () => {
      // The Zip keeps a copy of this file's fields, the spare list among them: emptied at the end.
      this.spare.length = 0;
      this.stream = null;
      if (!this.failed) this.ondata(null, EMPTY as Uint8Array<ArrayBuffer>, true);
      this.settle();
    });
    stream.on('error', (error) => {
      if (this.failed) return;
      this.failed = true;
      this.ondata(error as unknown as FlateError, null as unknown as Buffer<ArrayBuffer>, true);
      this.wake();
      this.settle();
    });
    return stream;
  }

  /** `reuse` is the block buffer `input` lies in, given back to `spare` once zlib is done with it. */
  private deflate(input: Buffer, final: boolean, reuse: Buffer | null): void {
    this.size += input.length;
    this.crc = crc32(input, this.crc);
    this.onBytes(input);
    if (this.failed) return;
    const stream = (this.stream ??= this.open());
    this.inFlight++;
    stream.write(input, () => {
      this.inFlight--;
      if (reuse && !final) this.spare.push(reuse);
      this.wake();
    });
    if (final) stream.end();
  }

  private wake(): void {
    const wake = this.waiting;
    this.waiting = null;
    wake?.();
  }

  private settle(): void {
    this.ended = true;
    const settled = this.whenEnded;
    this.whenEnded = null;
    settled?.();
  }
}
