package io.github.soundstream.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv1d;
import io.github.soundstream.engine.EngineSetup;
import java.util.Locale;
import java.util.function.Function;

/**
 * The fixed cost of one engine call on frame-sized arrays (1 × 64 channels × 8 samples), each in its own scope as a
 * streaming chunk runs them: what frame-by-frame streaming pays per operator. Usage: {@code OpCost [calls]}.
 */
public final class OpCost {
    private OpCost() {
    }

    public static void main(String[] args) {
        EngineSetup.configure(1);
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(1, 64, 8));
            NDArray w = m.randomNormal(new Shape(64, 64, 3));
            for (int round = 0; round < 3; round++) {
                System.out.printf(Locale.ROOT, "add %.1f µs, slice %.1f µs, concat %.1f µs, conv k3 %.1f µs%n",
                        micros(m, calls, a -> a.add(a), x), micros(m, calls, a -> a.get(":, :, 6:"), x),
                        micros(m, calls, a -> NDArrays.concat(new NDList(a, a), 2), x),
                        micros(m, calls, a -> Conv1d.conv1d(a, w, null, new Shape(1), new Shape(1), new Shape(1), 1)
                                .singletonOrThrow(), x));
            }
        }
    }

    private static double micros(NDManager m, int calls, Function<NDArray, NDArray> op, NDArray x) {
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            try (NDManager scope = m.newSubManager()) {
                op.apply(x).attach(scope);
            }
        }
        return (System.nanoTime() - t0) / 1e3 / calls;
    }
}
