package io.github.soundstream.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fallback the start-up check takes when oneDNN's gradients are wrong: with oneDNN off, PyTorch's own kernels
 * get even the channel counts oneDNN mishandles right, as they are. (A class of its own: the switch is process-wide.)
 */
class OneDnnTest {
    private static final List<ConvGeometry> UNALIGNED = List.of(ConvGeometry.oneD(1024, 1, 3, 1, 1, 1, 1),
            ConvGeometry.oneD(24, 12, 7, 1, 3, 1, 0), ConvGeometry.twoD(256, 1, 1, 8, 1, 1, 0, 0),
            ConvGeometry.twoD(20, 8, 3, 3, 1, 1, 1, 1));

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
        EngineSetup.engine();
    }

    @Test
    void switchingOneDnnOffGivesCorrectGradientsForUnalignedChannels() {
        assertTrue(OneDnn.enabled());
        OneDnn.setEnabled(false);
        try {
            assertFalse(OneDnn.enabled());
            assertTrue(EngineSetup.describe(EngineSetup.engine()).contains("oneDNN: off"));
            ConvGradientCheck.Result r = ConvGradientCheck.run(UNALIGNED, 2, ConvGradientCheck.Path.RAW);
            assertEquals(8, r.checks());
            assertTrue(r.passed(), r.summary());
        } finally {
            OneDnn.setEnabled(true);
        }
        assertTrue(OneDnn.enabled());
    }

    @Test
    void theStartUpCheckFallsBackToPyTorchsKernelsWhenOneDnnFails() {
        assertTrue(OneDnn.enabled());
        try {
            // wrong exactly while oneDNN is on, as the fault is on the processors that have it
            String line = TrustedConvolutions.ensure(UNALIGNED, Faults.doubledFloat32Gradient(OneDnn::enabled));
            assertTrue(line.startsWith("convolutions: PyTorch's own kernels"), line);
            assertFalse(OneDnn.enabled());
        } finally {
            OneDnn.setEnabled(true);
        }
    }

    @Test
    void theStartUpCheckRefusesWhenBothKernelsAreWrong() {
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> TrustedConvolutions.ensure(UNALIGNED, Faults.doubledFloat32Gradient(() -> true)));
            assertTrue(e.getMessage().contains("refusing to train"), e.getMessage());
        } finally {
            OneDnn.setEnabled(true);
        }
    }
}
