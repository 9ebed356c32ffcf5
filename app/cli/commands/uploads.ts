import { parseArgs } from "node:util";
import { UPLOAD_KEPT_DAYS } from "../../modules/packages/import-jobs";
import { expireUploads } from "../../modules/packages/import-jobs.server";
import { env } from "../../utils/env.server";
import type { CliCommand } from "../command";
import { withDatabase } from "../database";

const usage = `Usage: npm run -s cli -- uploads

Removes the uploaded packages that waited ${UPLOAD_KEPT_DAYS} days in the library without being
imported or discarded (their authors see that the upload expired), and upload folders a day
old that no import job names. The server does this every hour by itself; use this from cron
when the server runs several instances, or to free the disk now.`;

export const uploadsCommand: CliCommand = {
  name: "uploads",
  summary: `Remove uploads left ${UPLOAD_KEPT_DAYS} days without being imported`,
  usage,
  async run(args, io) {
    parseArgs({ args, options: {}, strict: true });
    return withDatabase(async (db) => {
      const removed = await expireUploads(db, env().CONTENT_DIR);
      io.stdout(`Uploads: ${removed} removed.`);
      return 0;
    });
  },
};
