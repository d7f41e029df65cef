// Errors raised by the model layer. The app maps ModelInputError to a 4xx
// response: it always means the caller's data or parameters were wrong, never
// that the engine failed.

export class ModelInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelInputError";
  }
}

/** Raised by loadClassifier for artifacts that are not (or no longer) readable. */
export class ModelArtifactError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelArtifactError";
  }
}
