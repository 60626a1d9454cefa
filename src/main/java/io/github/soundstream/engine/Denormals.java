package io.github.soundstream.engine;

import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Path;

/**
 * Flushes denormal floats to zero in libtorch's arithmetic on the calling thread (the x86 FTZ and DAZ bits, what
 * Python's {@code torch.set_flush_denormal(True)} sets, and what TensorFlow sets by default). A trained network's
 * activations, gradients and optimizer moments drift into the denormal range, where each operation takes the
 * processor's microcode path: a checkpoint trained with a high learning rate ran its steps 3× slower for it. The
 * bits belong to the thread; threads it starts afterwards (libtorch's intra-op pool) inherit them, so
 * {@link EngineSetup#engine} sets them before the first operator, and {@link InferenceScope} and training set them
 * on the thread that runs the model. Values below 1.2e-38 (float) become zero: far below anything audible or
 * anything a loss could resolve.
 */
public final class Denormals {
    private Denormals() {
    }

    /** Sets FTZ and DAZ on the calling thread; false where the processor lacks them. */
    public static boolean flushToZero() {
        return (Torch.SET_FLUSH_DENORMAL.invokeInt(new Object[] {Torch.CONTEXT, 1}) & 0xff) != 0;
    }

    /** libtorch's symbols, looked up once: {@link InferenceScope} calls this for every streaming chunk. */
    private static final class Torch {
        private static final NativeLibrary LIBRARY = NativeLibrary.getInstance(
                Path.of(LibUtils.getLibtorchPath()).resolve("libtorch_cpu.so").toString());
        static final Pointer CONTEXT = LIBRARY.getFunction("_ZN2at13globalContextEv").invokePointer(new Object[0]);
        static final Function SET_FLUSH_DENORMAL = LIBRARY.getFunction("_ZN2at7Context16setFlushDenormalEb");
    }
}
