package io.github.soundstream.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The left context every causal layer keeps between chunks when a network runs as a stream: the last
 * (kernel − 1)·dilation inputs of each causal convolution, the last frame of each causal upsampler. With it, a
 * stream cut into chunks (of whole frames) computes what the whole signal would; without it (null), layers pad
 * with zeros as at the start of a signal. The arrays live on the state's own manager, outside every chunk's scope.
 */
public final class StreamState implements AutoCloseable {
    private final NDManager manager;
    private final Map<Object, NDArray> contexts = new IdentityHashMap<>();

    public StreamState(NDManager parent) {
        this.manager = parent.newSubManager();
    }

    /** The context {@code layer} saved after the previous chunk, or null at the start of the stream. */
    public NDArray context(Object layer) {
        return contexts.get(layer);
    }

    /**
     * Keeps {@code tail} as {@code layer}'s context for the next chunk, moving it out of the chunk's scope. A view
     * (a slice of the chunk's input) is fine: it holds its storage alive after the chunk's arrays are closed, so no
     * copy is made.
     */
    public void keep(Object layer, NDArray tail) {
        tail.attach(manager);
        NDArray old = contexts.put(layer, tail);
        if (old != null) {
            old.close();
        }
    }

    /** Arrays held by the state's manager: one context per causal layer, whatever the stream's length. */
    public int heldArrays() {
        return manager instanceof ai.djl.ndarray.BaseNDManager b ? b.getManagedArrays().size() : -1;
    }

    @Override
    public void close() {
        manager.close();
    }
}
