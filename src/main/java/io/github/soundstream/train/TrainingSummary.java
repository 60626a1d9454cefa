package io.github.soundstream.train;

import java.nio.file.Path;
import java.util.List;

/**
 * How a run ended.
 *
 * @param finalStep       steps completed
 * @param lastCheckpoint  newest checkpoint written (null if none)
 * @param runDir          the TensorBoard run directory
 * @param stoppedBy       why the run ended
 * @param skippedSteps    steps skipped for non-finite values
 * @param skippedFiles    unreadable files, as "path: reason"
 */
public record TrainingSummary(long finalStep, Path lastCheckpoint, Path runDir, StopReason stoppedBy, long skippedSteps,
        List<String> skippedFiles) {
}
