package io.github.soundstream.checkpoint;

/** A second trainer asked for a checkpoint folder that another one holds. */
public final class FolderInUseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public FolderInUseException(String message) {
        super(message);
    }
}
