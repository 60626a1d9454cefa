package io.github.soundstream.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.soundstream.audio.synth.Soundscape;
import io.github.soundstream.bench.CombAnatomy;
import io.github.soundstream.config.TrainingConfig;
import io.github.soundstream.data.DataConfig;
import io.github.soundstream.data.DataPosition;
import io.github.soundstream.data.SyntheticClips;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.metrics.TonalPeaks;
import io.github.soundstream.model.ModelConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A briefly trained decoder adds no comb at the frame rate to audio that has none. Training moves an upsampler's
 * phases apart; with the original's free upsamplers that turns the activations' means into a waveform repeating
 * every frame (steady lines at multiples of 75 Hz), and the balanced ones keep it out. Both are trained here, so
 * the test shows it can tell them apart.
 */
class FrameCombTest {
    private static final int RATE = 24000;
    private static final long STEPS = 40;
    private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"free", "balanced"})
    void aBrieflyTrainedDecoderAddsNoCombAtTheFrameRate(String upsampler) throws Exception {
        EngineSetup.configure(2);
        ModelConfig model = new ModelConfig(4, 16, ModelConfig.DEFAULT_STRIDES, 2, 32, RATE).withUpsampler(upsampler);
        DataConfig data = new DataConfig(null, RATE, 0.5, 2, 1, 16);
        TrainingConfig training = TrainingConfig.builder().maxSteps(STEPS).generatorLr(3e-3).discWarmupSteps(STEPS)
                .saveInterval(1000).maxCheckpoints(1).logInterval(1000).sampleInterval(1000).seed(7).build();
        Trainer.Setup setup = new Trainer.Setup("test", "run", "combtest", model, TrainingFixtures.discriminators(),
                data, training, dir.resolve("ck"), dir.resolve("logs"));
        float[] clip = Soundscape.generate(3, RATE, 3 * RATE);
        try (TrainingModels models = new TrainingModels(model, setup.discriminators(), 7, Device.cpu())) {
            new Trainer(setup, models, new SyntheticClips(7, 16, RATE, data.clipSamples()), QUIET, true)
                    .run(0, DataPosition.START, 0, new AtomicBoolean());
            float[] y;
            try (NDManager m = models.manager().newSubManager()) {
                NDArray x = m.create(clip, new Shape(1, 1, clip.length));
                y = Arrays.copyOf(models.generator().forward(x, 2, false, models.constants()).audio().toFloatArray(),
                        clip.length);
            }
            double[] lines = TonalPeaks.steadyLineFrequencies(clip, y, RATE);
            long comb = Arrays.stream(lines).filter(f -> onComb(f, model.frameRate())).count();
            // measured: free 8 of 9 lines on the comb, its frame-periodic part 13.5 dB below the output; balanced
            // 0 of 2, 31 dB below
            assertTrue(upsampler.equals("free") ? comb >= 5 : comb <= 1, upsampler + ": " + comb + " of "
                    + lines.length + " steady lines at multiples of " + model.frameRate() + " Hz " + Arrays.toString(lines)
                    + "; the output's frame-periodic part is " + CombAnatomy.belowDb(y, model.hopLength())
                    + " dB below it");
        }
    }

    private static boolean onComb(double hz, double frameRate) {
        double bin = RATE / (double) TonalPeaks.fftSize(RATE);
        return Math.abs(hz - Math.round(hz / frameRate) * frameRate) <= bin;
    }
}
