package io.github.soundstream.bench;

import ai.djl.ndarray.NDManager;
import io.github.soundstream.engine.ConvGeometry;
import io.github.soundstream.engine.ConvGradientCheck;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.gan.DiscriminatorConfig;
import io.github.soundstream.gan.Discriminators;
import io.github.soundstream.model.ModelConfig;
import io.github.soundstream.model.SoundStreamGenerator;
import io.github.soundstream.nn.Constants;
import io.github.soundstream.nn.Convolution;
import java.util.List;

/**
 * Reports, without judging, whether this processor's oneDNN computes wrong float32 input gradients for the tiny
 * model's unaligned convolutions (one output channel) as oneDNN gets them, and whether the networks' aligned path
 * is right. The fault is seen on AMD EPYC (Zen 5) and not on Intel Xeon (AVX-512, AMX), so it is a measurement, not
 * a test. Usage: {@code OneDnnFaultProbe [rounds]}.
 */
public final class OneDnnFaultProbe {
    private OneDnnFaultProbe() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        EngineSetup.configure(2);
        List<ConvGeometry> shapes;
        try (NDManager m = EngineSetup.engine().newBaseManager()) {
            shapes = Convolution.census(new SoundStreamGenerator(ModelConfig.tiny()),
                    new Discriminators(DiscriminatorConfig.standard(), 24000, new Constants(m)));
        }
        List<ConvGeometry> unaligned = shapes.stream().filter(g -> g.out() == 1).toList();
        System.out.println("raw oneDNN, unaligned shapes: "
                + ConvGradientCheck.run(unaligned, rounds, ConvGradientCheck.Path.RAW).summary());
        System.out.println("networks' aligned path, every shape: "
                + ConvGradientCheck.run(shapes, rounds, ConvGradientCheck.Path.NETWORK).summary());
    }
}
