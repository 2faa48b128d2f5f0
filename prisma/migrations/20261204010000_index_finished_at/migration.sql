-- CreateIndex
CREATE INDEX "Property_finishedAt_idx" ON "Property"("finishedAt");

