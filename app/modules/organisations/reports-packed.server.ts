import { Prisma } from "../../generated/prisma/client";

/**
 * Large reads for reports, packed: one row per learner whose records are joined by the database
 * (group_concat: fields separated by U+001F, records by U+001E). Turning a result row into a
 * JavaScript object costs the driver far more than splitting a string, so an organisation of
 * thousands of members reads its progress and evidence in a few thousand rows instead of tens
 * of thousands. The packed fields are ids, codes, numbers and timestamps: none contains the
 * separators.
 */
export type PackedRows = { userId: string; records: string }[];

const FIELD = "\u001f";
const RECORD = "\u001e";

/** A DateTime column as milliseconds since 1970 (null stays null), to pack as a number. */
export function epochMs(column: string): Prisma.Sql {
  return Prisma.raw(`CAST(ROUND(unixepoch(${column}, 'subsec') * 1000) AS INTEGER)`);
}

/** The records of one packed row, each as its fields. */
export function* unpackRecords(records: string): Generator<string[]> {
  for (const record of records.split(RECORD)) yield record.split(FIELD);
}

export function unpack<T>(rows: PackedRows, read: (userId: string, fields: string[]) => T): T[] {
  const result: T[] = [];
  for (const row of rows) {
    for (const fields of unpackRecords(row.records)) result.push(read(row.userId, fields));
  }
  return result;
}
