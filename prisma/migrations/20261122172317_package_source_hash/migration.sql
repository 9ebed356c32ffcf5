-- AlterTable
ALTER TABLE "CoursePackage" ADD COLUMN "sourceHash" TEXT;

-- CreateIndex
CREATE INDEX "CoursePackage_sourceHash_idx" ON "CoursePackage"("sourceHash");

