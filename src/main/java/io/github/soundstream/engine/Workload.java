package io.github.soundstream.engine;

/** What a process will do with the engine: gradients need the oneDNN cap on some processors, inference does not. */
public enum Workload {
    INFERENCE,
    TRAINING
}
