package io.github.soundstream.train;

import io.github.soundstream.checkpoint.CheckpointStore;
import java.nio.file.Path;

/** Holds a checkpoint folder's training lock until its standard input closes (for the lock test). */
public final class FolderLockChild {
    private FolderLockChild() {
    }

    public static void main(String[] args) throws Exception {
        try (var lock = new CheckpointStore(Path.of(args[0])).lock()) {
            System.out.println("locked");
            System.out.flush();
            System.in.read(); // returns when the parent closes our stdin
        }
    }
}
