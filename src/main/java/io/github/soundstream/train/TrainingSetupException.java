package io.github.soundstream.train;

/** Bad training input found before anything was written: the command reports it and exits with status 2. */
public final class TrainingSetupException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public TrainingSetupException(String message) {
        super(message);
    }
}
