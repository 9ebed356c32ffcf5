-- CreateIndex
CREATE INDEX "Progress_reads_idx" ON "Progress"("enrolmentId", "nodeId", "status", "score", "timeSpentSeconds", "lastAccessAt", "completedAt");
