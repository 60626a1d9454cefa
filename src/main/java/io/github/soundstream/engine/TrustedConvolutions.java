package io.github.soundstream.engine;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the convolutions of the networks about to be trained compute correct gradients on this processor:
 * check them against float64 through oneDNN; if any is wrong, switch to PyTorch's own kernels and check again; if
 * those are wrong too, refuse. Training must never run on silently wrong gradients.
 */
public final class TrustedConvolutions {
    private static final Logger LOG = LoggerFactory.getLogger(TrustedConvolutions.class);
    private static final int ROUNDS = 2;

    private TrustedConvolutions() {
    }

    /** Logs and returns a line saying which kernels training will use and what the check found. */
    public static String ensure(List<ConvGeometry> shapes) {
        return ensure(shapes, ConvGradientCheck.Path.NETWORK.convolution());
    }

    /** {@link #ensure(List)} with the convolutions computed by {@code path} (the tests hand in faulty ones). */
    static String ensure(List<ConvGeometry> shapes, ConvGradientCheck.ConvUnderTest path) {
        ConvGradientCheck.Result oneDnn = ConvGradientCheck.run(shapes, ROUNDS, path);
        if (oneDnn.passed()) {
            String line = "convolutions: oneDNN, " + oneDnn.summary();
            LOG.info("{}", line);
            return line;
        }
        OneDnn.setEnabled(false);
        ConvGradientCheck.Result own = ConvGradientCheck.run(shapes, ROUNDS, path);
        if (!own.passed()) {
            throw new IllegalStateException("this processor's convolution gradients are wrong with oneDNN ("
                    + oneDnn.summary() + ") and without it (" + own.summary() + "); refusing to train on them");
        }
        String line = "convolutions: PyTorch's own kernels (slower), because oneDNN's gradients are wrong here ("
                + oneDnn.summary() + "); " + own.summary();
        LOG.warn("{}", line);
        return line;
    }
}
