package io.github.soundstream.engine;

import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Path;

/**
 * Switches libtorch's use of oneDNN, the switch behind Python's {@code torch.backends.mkldnn.enabled}. With it off,
 * convolutions run on PyTorch's own CPU kernels (im2col + BLAS): correct, but slower; the way out where oneDNN's
 * gradients fail the start-up check. DJL has no API for it, so this calls libtorch's
 * {@code at::globalContext().setUserEnabledMkldnn(bool)} through JNA (a DJL dependency); the switch is read at
 * every convolution, so it takes effect at once.
 */
public final class OneDnn {
    private static final String LIBRARY = "libtorch_cpu.so";

    private OneDnn() {
    }

    public static boolean enabled() {
        Pointer context = context();
        return (function("_ZNK2at7Context17userEnabledMkldnnEv").invokeInt(new Object[] {context}) & 0xff) != 0;
    }

    public static void setEnabled(boolean on) {
        Pointer context = context();
        function("_ZN2at7Context20setUserEnabledMkldnnEb").invokeVoid(new Object[] {context, on ? 1 : 0});
    }

    /** The instruction-set cap a user set for oneDNN ({@code ONEDNN_MAX_CPU_ISA}), or null. */
    public static String userIsaCap() {
        String cap = System.getenv("ONEDNN_MAX_CPU_ISA");
        return cap == null || cap.isBlank() ? null : cap;
    }

    private static Pointer context() {
        return function("_ZN2at13globalContextEv").invokePointer(new Object[0]);
    }

    private static Function function(String symbol) {
        Path library = Path.of(LibUtils.getLibtorchPath()).resolve(LIBRARY);
        return NativeLibrary.getInstance(library.toString()).getFunction(symbol);
    }
}
