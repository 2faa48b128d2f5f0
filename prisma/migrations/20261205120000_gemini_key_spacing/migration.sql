-- CreateTable
CREATE TABLE "GeminiKeyCall" (
    "key" INTEGER NOT NULL,
    "nextCallAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "GeminiKeyCall_pkey" PRIMARY KEY ("key")
);
