// What a supervisor chooses for a training run: the training data, the test data and
// the algorithm. One schema serves the form, the REST API and the CLI.
import { z } from "zod";

const isoDate = z.coerce.date({ message: "Enter a valid date." });

export const trainSelectionSchema = z
  .object({
    datasetIds: z.array(z.coerce.number().int().positive()).default([]),
    categoryIds: z.array(z.coerce.number().int().positive()).default([]),
    from: isoDate.optional(),
    to: isoDate.optional(),
    includeCorrections: z.coerce.boolean().default(true),
    /**
     * At most this many rows from the generated demo datasets among datasetIds (a sample
     * stratified by label): demo text as a down-weighted prior while real labels are few.
     * Absent: every demo row. See lib/training/demo-prior.ts.
     */
    demoLimit: z.coerce.number().int().min(0, "The demo limit cannot be negative.").optional(),
  })
  // The supervisors' own labels alone are a valid training set.
  .refine((t) => t.datasetIds.length > 0 || t.includeCorrections, { message: "Choose at least one training dataset.", path: ["datasetIds"] });

export const testSelectionSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("holdout"),
    percent: z.coerce.number().min(5, "Hold out at least 5%.").max(50, "Hold out at most 50%."),
    seed: z.coerce.number().int().min(0).default(42),
  }),
  z.object({ kind: z.literal("time"), splitAt: isoDate }),
  z.object({ kind: z.literal("dataset"), datasetIds: z.array(z.coerce.number().int().positive()).min(1, "Choose a test dataset.") }),
]);

export const trainingRunSchema = z.object({
  name: z.string().trim().max(80).optional(),
  algorithm: z.string().trim().min(1).default("nb"),
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).default({}),
  train: trainSelectionSchema,
  test: testSelectionSchema,
});

export type TestSelection = z.infer<typeof testSelectionSchema>;
export type TrainingRunInput = z.infer<typeof trainingRunSchema>;
