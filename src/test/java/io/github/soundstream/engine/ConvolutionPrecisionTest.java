package io.github.soundstream.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.soundstream.ChildJvm;
import io.github.soundstream.engine.ConvolutionPrecision.Precision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probe that tells which arithmetic convolutions use. bf16 is asked for only in child JVMs: oneDNN keeps the
 * mode for the life of the process, and the other tests train.
 */
class ConvolutionPrecisionTest {
    @BeforeAll
    static void engine() {
        EngineSetup.configure(1);
    }

    @Test
    void float32ConvolutionsMatchFloat64WithinTheirRounding() {
        double error = ConvolutionPrecision.relativeError();
        assertTrue(error < ConvolutionPrecision.BF16_ERROR / 10, "relative error " + error);
        assertEquals(Precision.FP32, ConvolutionPrecision.select(Precision.FP32));
    }

    @Test
    void namesParseAndOthersAreRefused() {
        assertEquals(Precision.BF16, Precision.parse("BF16"));
        assertEquals(Precision.FP32, Precision.parse("float32"));
        assertEquals("bf16", Precision.BF16.toString());
        assertThrows(IllegalArgumentException.class, () -> Precision.parse("fp16"));
    }

    /** Where the processor has AMX bfloat16 tiles, asking for bf16 reaches oneDNN and shows in the probe's error. */
    @Test
    void bf16ReachesOneDnnWhereTheProcessorHasAmx() throws Exception {
        String flags = Files.readString(Path.of("/proc/cpuinfo"));
        assumeTrue(flags.contains(" amx_bf16"), "no AMX bfloat16 units here");
        Process p = ChildJvm.start(Probe.class, "bf16");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        String[] last = out.strip().lines().reduce((a, b) -> b).orElseThrow().split(" ");
        assertEquals("bf16", last[0], out);
        double error = Double.parseDouble(last[1]);
        // inputs rounded to 8 significant bits: well above float32's error, well below a broken convolution's
        assertTrue(error > ConvolutionPrecision.BF16_ERROR && error < 2e-2, out);
    }

    /** A child JVM's main: selects the precision named, prints what convolutions then use and their error. */
    public static final class Probe {
        public static void main(String[] args) {
            EngineSetup.configure(1);
            Precision got = ConvolutionPrecision.select(Precision.parse(args[0]));
            System.out.println(got + " " + ConvolutionPrecision.relativeError());
        }
    }
}
