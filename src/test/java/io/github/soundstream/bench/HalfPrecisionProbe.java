package io.github.soundstream.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.model.ModelConfig;
import io.github.soundstream.model.SoundStreamGenerator;
import java.util.Locale;

/**
 * Whether half precision speeds up inference here: a preset's decoder and encoder on 10 s of audio in float32, then
 * with every weight and the input in float16, alternating, with the decoder's SNR against float32.
 * bfloat16 cannot be tried: DJL 0.29's JNI maps no data type to it, and asking aborts the JVM
 * ({@code GetScalarTypeFromDType} in {@code djl_pytorch_utils.h} ends in a bare {@code throw;}).
 * Usage: {@code HalfPrecisionProbe THREADS PRESET [REPEATS]}.
 */
public final class HalfPrecisionProbe {
    private HalfPrecisionProbe() {
    }

    public static void main(String[] args) throws Exception {
        EngineSetup.configure(Integer.parseInt(args[0]));
        ModelConfig config = ModelConfig.preset(args[1]);
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            SoundStreamGenerator g = new SoundStreamGenerator(config);
            g.initialize(m, DataType.FLOAT32);
            g.decoder().storeBalancedUpsamplers();
            NDArray x = m.randomNormal(new Shape(1, 1, 10L * config.sampleRate())).mul(0.1f);
            NDArray embeddings = g.quantizer().decode(g.encode(x, config.numQuantizers()));
            float[] reference = g.decoder().forward(embeddings, false).toFloatArray();
            double[][] seconds = new double[2][2];
            float[] half = null;
            for (int r = 0; r < repeats; r++) {
                for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT16}) {
                    convert(g, type);
                    int t = type == DataType.FLOAT32 ? 0 : 1;
                    try (NDManager scope = m.newSubManager()) {
                        NDArray e = embeddings.toType(type, true);
                        NDArray a = x.toType(type, true);
                        e.attach(scope);
                        a.attach(scope);
                        long t0 = System.nanoTime();
                        float[] y = g.decoder().forward(e, false).toType(DataType.FLOAT32, false).toFloatArray();
                        long t1 = System.nanoTime();
                        g.encoder().forward(a, false).toType(DataType.FLOAT32, false).toFloatArray();
                        long t2 = System.nanoTime();
                        seconds[t][0] += (t1 - t0) / 1e9 / repeats;
                        seconds[t][1] += (t2 - t1) / 1e9 / repeats;
                        half = t == 1 ? y : half;
                    }
                }
            }
            double signal = 0;
            double noise = 0;
            for (int i = 0; i < reference.length; i++) {
                signal += reference[i] * (double) reference[i];
                noise += (half[i] - reference[i]) * (double) (half[i] - reference[i]);
            }
            System.out.printf(Locale.ROOT, "%s, %s threads, 10 s: decoder %.3f s float32, %.3f s float16; encoder "
                    + "%.3f s float32, %.3f s float16; float16 decoder output %.1f dB SNR against float32%n", args[1],
                    args[0], seconds[0][0], seconds[1][0], seconds[0][1], seconds[1][1],
                    10 * Math.log10(signal / noise));
        }
    }

    /** Every parameter of the encoder and decoder in {@code type}; DJL offers no setter once a shape is set. */
    private static void convert(SoundStreamGenerator g, DataType type) throws ReflectiveOperationException {
        java.lang.reflect.Field array = Parameter.class.getDeclaredField("array");
        array.setAccessible(true);
        for (Block b : new Block[] {g.encoder(), g.decoder()}) {
            for (var p : b.getParameters()) {
                NDArray a = p.getValue().getArray();
                if (a.getDataType() != type) {
                    array.set(p.getValue(), a.toType(type, false));
                }
            }
        }
    }
}
