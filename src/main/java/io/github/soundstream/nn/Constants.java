package io.github.soundstream.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * Scalar constants as libtorch-owned 0-d tensors on a long-lived manager.
 *
 * <p>Why: DJL's {@code NDArray.mul(Number)} and friends wrap the Java number in a tensor backed by a Java buffer
 * that is freed when the op returns, while autograd keeps it for the backward pass; after a GC the backward reads
 * garbage. Inside a {@code GradientCollector} every constant must therefore come from here, and go in as the
 * <em>second</em> operand so the result lands on the data's manager, not this one.
 */
public final class Constants {
    private final NDManager manager;
    private final Map<String, NDArray> cache = new ConcurrentHashMap<>();

    public Constants(NDManager manager) {
        this.manager = manager;
    }

    public NDManager manager() {
        return manager;
    }

    /** A 0-d tensor holding {@code value}, created once per (value, type). */
    public NDArray scalar(double value, DataType type) {
        String key = type + ":" + Double.doubleToLongBits(value);
        return cache.computeIfAbsent(key, k -> type == DataType.FLOAT64
                ? manager.create(value).reshape(new Shape())
                : manager.full(new Shape(), (float) value, type));
    }

    /** A constant array (window, filterbank) made once per key on the long-lived manager. */
    public NDArray array(String key, java.util.function.Function<NDManager, NDArray> factory) {
        return cache.computeIfAbsent("array:" + key, k -> factory.apply(manager));
    }

    /** The same constant in the data type of {@code like}. */
    public NDArray like(double value, NDArray like) {
        return scalar(value, like.getDataType());
    }
}
