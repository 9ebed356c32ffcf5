import yauzl from "yauzl";

export interface ZipEntryInfo {
  name: string;
  compressionMethod: number;
  extraFieldLength: number;
  content: string;
}

/** Every entry of a zip in its stored order, with how it was stored and its text. */
export function readZip(buffer: Buffer): Promise<ZipEntryInfo[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const entries: ZipEntryInfo[] = [];
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            entries.push({
              name: entry.fileName,
              compressionMethod: entry.compressionMethod,
              extraFieldLength: entry.extraFieldLength,
              content: Buffer.concat(chunks).toString("utf8"),
            });
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(entries));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}
