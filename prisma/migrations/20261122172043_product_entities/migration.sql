-- AlterTable
ALTER TABLE "User" ADD COLUMN "deletionRequestedAt" DATETIME;

-- AlterTable
ALTER TABLE "CompetenceEvidence" ADD COLUMN "score" REAL;

-- CreateTable
CREATE TABLE "ImportJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "step" TEXT NOT NULL DEFAULT '',
    "progress" REAL NOT NULL DEFAULT 0,
    "fileName" TEXT NOT NULL,
    "uploadPath" TEXT NOT NULL,
    "report" TEXT NOT NULL DEFAULT '{}',
    "packageId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ImportJob_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LearnerTarget" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "competenceId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LearnerTarget_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LearnerTarget_competenceId_fkey" FOREIGN KEY ("competenceId") REFERENCES "Competence" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CompetenceProfileSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "frameworkId" TEXT NOT NULL,
    "profile" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CompetenceProfileSnapshot_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScormCommit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "attemptId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'commit',
    "payload" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ScormCommit_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "ScormAttempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LdRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "packageId" TEXT NOT NULL,
    "organisationId" TEXT,
    "state" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LdRun_packageId_fkey" FOREIGN KEY ("packageId") REFERENCES "CoursePackage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LdRunParticipant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "roles" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LdRunParticipant_runId_fkey" FOREIGN KEY ("runId") REFERENCES "LdRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LdRunParticipant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CoursePackage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "warnings" TEXT NOT NULL DEFAULT '[]',
    "sizeBytes" INTEGER NOT NULL DEFAULT 0,
    "importedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CoursePackage_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CoursePackage_importedById_fkey" FOREIGN KEY ("importedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_CoursePackage" ("courseId", "createdAt", "id", "importedById", "kind", "model", "storageKey", "updatedAt", "version") SELECT "courseId", "createdAt", "id", "importedById", "kind", "model", "storageKey", "updatedAt", "version" FROM "CoursePackage";
DROP TABLE "CoursePackage";
ALTER TABLE "new_CoursePackage" RENAME TO "CoursePackage";
CREATE UNIQUE INDEX "CoursePackage_storageKey_key" ON "CoursePackage"("storageKey");
CREATE INDEX "CoursePackage_importedById_idx" ON "CoursePackage"("importedById");
CREATE UNIQUE INDEX "CoursePackage_courseId_version_key" ON "CoursePackage"("courseId", "version");
CREATE TABLE "new_LearningObjectMetadata" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "packageId" TEXT NOT NULL,
    "lom" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "language" TEXT,
    "resourceType" TEXT,
    "learningTimeMinutes" INTEGER,
    "difficulty" TEXT,
    "licence" TEXT,
    "keywords" TEXT NOT NULL DEFAULT '[]',
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LearningObjectMetadata_packageId_fkey" FOREIGN KEY ("packageId") REFERENCES "CoursePackage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_LearningObjectMetadata" ("createdAt", "description", "difficulty", "id", "language", "learningTimeMinutes", "lom", "packageId", "resourceType", "searchText", "title", "updatedAt") SELECT "createdAt", "description", "difficulty", "id", "language", "learningTimeMinutes", "lom", "packageId", "resourceType", "searchText", "title", "updatedAt" FROM "LearningObjectMetadata";
DROP TABLE "LearningObjectMetadata";
ALTER TABLE "new_LearningObjectMetadata" RENAME TO "LearningObjectMetadata";
CREATE UNIQUE INDEX "LearningObjectMetadata_packageId_key" ON "LearningObjectMetadata"("packageId");
CREATE TABLE "new_Enrolment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "packageId" TEXT NOT NULL,
    "ldRunId" TEXT,
    "sequencingState" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Enrolment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_packageId_fkey" FOREIGN KEY ("packageId") REFERENCES "CoursePackage" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_ldRunId_fkey" FOREIGN KEY ("ldRunId") REFERENCES "LdRun" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Enrolment" ("courseId", "createdAt", "id", "packageId", "updatedAt", "userId") SELECT "courseId", "createdAt", "id", "packageId", "updatedAt", "userId" FROM "Enrolment";
DROP TABLE "Enrolment";
ALTER TABLE "new_Enrolment" RENAME TO "Enrolment";
CREATE INDEX "Enrolment_courseId_idx" ON "Enrolment"("courseId");
CREATE INDEX "Enrolment_packageId_idx" ON "Enrolment"("packageId");
CREATE INDEX "Enrolment_ldRunId_idx" ON "Enrolment"("ldRunId");
CREATE UNIQUE INDEX "Enrolment_userId_courseId_key" ON "Enrolment"("userId", "courseId");
CREATE TABLE "new_Assignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "nodeId" TEXT,
    "teamId" TEXT,
    "userId" TEXT,
    "dueAt" DATETIME,
    "reason" TEXT,
    "mandatory" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Assignment_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Assignment_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Assignment_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Assignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Assignment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Assignment" ("courseId", "createdAt", "createdById", "dueAt", "id", "nodeId", "organisationId", "reason", "teamId", "updatedAt", "userId") SELECT "courseId", "createdAt", "createdById", "dueAt", "id", "nodeId", "organisationId", "reason", "teamId", "updatedAt", "userId" FROM "Assignment";
DROP TABLE "Assignment";
ALTER TABLE "new_Assignment" RENAME TO "Assignment";
CREATE INDEX "Assignment_organisationId_idx" ON "Assignment"("organisationId");
CREATE INDEX "Assignment_courseId_idx" ON "Assignment"("courseId");
CREATE INDEX "Assignment_teamId_idx" ON "Assignment"("teamId");
CREATE INDEX "Assignment_userId_idx" ON "Assignment"("userId");
CREATE INDEX "Assignment_createdById_idx" ON "Assignment"("createdById");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ImportJob_userId_idx" ON "ImportJob"("userId");

-- CreateIndex
CREATE INDEX "LearnerTarget_competenceId_idx" ON "LearnerTarget"("competenceId");

-- CreateIndex
CREATE UNIQUE INDEX "LearnerTarget_userId_competenceId_key" ON "LearnerTarget"("userId", "competenceId");

-- CreateIndex
CREATE INDEX "CompetenceProfileSnapshot_userId_createdAt_idx" ON "CompetenceProfileSnapshot"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "ScormCommit_attemptId_idx" ON "ScormCommit"("attemptId");

-- CreateIndex
CREATE INDEX "LdRun_packageId_idx" ON "LdRun"("packageId");

-- CreateIndex
CREATE INDEX "LdRun_organisationId_idx" ON "LdRun"("organisationId");

-- CreateIndex
CREATE INDEX "LdRunParticipant_userId_idx" ON "LdRunParticipant"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "LdRunParticipant_runId_userId_key" ON "LdRunParticipant"("runId", "userId");

