package io.github.soundstream.train;

/** Why a training run ended. */
public enum StopReason {
    /** The step or epoch limit was reached. */
    MAX_STEPS,
    /** The process used the CPU time it was given ({@code --cpu-minutes}); the step finished and was saved. */
    CPU_BUDGET,
    /** Ctrl-C or SIGTERM: the current step finished and was saved. */
    SIGNAL,
    /** Too many non-finite steps in a row: the last good state was saved. */
    NON_FINITE
}
