package io.github.soundstream.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Base of our DJL blocks. Parameters get their shapes at construction (channel counts are known then), so
 * initialisation needs no input shapes; {@link #forward(NDArray, boolean)} is the single-tensor forward pass the
 * networks call directly, and DJL's {@code forward(ParameterStore, ...)} delegates to it.
 *
 * <p>Memory rule (see the project's DJL notes): an op whose first operand is a parameter puts its result on the
 * parameter's long-lived manager, where it piles up step after step; {@link #local} moves such a result to the
 * manager of the data flowing through.
 */
public abstract class NetworkBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    protected NetworkBlock() {
        super(VERSION);
    }

    /** Forward pass on a single tensor, as the start of a signal (causal layers pad with zeros). */
    public final NDArray forward(NDArray x, boolean training) {
        return forward(x, training, null);
    }

    /**
     * Forward pass; with a {@link StreamState}, causal layers continue from the context the previous chunk left
     * instead of zero padding, and leave theirs for the next chunk. Blocks without causal state ignore it.
     */
    public abstract NDArray forward(NDArray x, boolean training, StreamState state);

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(forward(inputs.singletonOrThrow(), training));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block child : getChildren().values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + ": output shapes depend on run-time arguments; run a forward pass instead");
    }

    /** Initialises every parameter in {@code dataType}; a no-op for parameters already initialised. */
    public void initialize(NDManager manager, DataType dataType) {
        initialize(manager, dataType, new Shape(1));
    }

    /** Lets helpers of a block (such as a weight-normalised weight) register its parameters. */
    final <P extends ai.djl.nn.Parameter> P register(P parameter) {
        return addParameter(parameter);
    }

    /** Moves {@code result} (of an op on a parameter or constant) to the manager of {@code like}. */
    public static NDArray local(NDArray result, NDArray like) {
        result.attach(like.getManager());
        return result;
    }

    /**
     * Runs {@code op} on {@code input} inside a child manager and keeps only its result, so the op's intermediates
     * are freed as soon as it returns. For inference, where nothing needs them later: whole-file decoding would
     * otherwise hold every intermediate of every block until the caller's manager closes.
     */
    public static NDArray freeingIntermediates(NDArray input, java.util.function.UnaryOperator<NDArray> op) {
        NDManager parent = input.getManager();
        try (NDManager scope = parent.newSubManager()) {
            input.tempAttach(scope);
            NDArray out = op.apply(input);
            out.attach(parent);
            return out;
        }
    }

    /**
     * Runs {@code blocks} in sequence; when not training each block's intermediates are freed as soon as it
     * returns (see {@link #freeingIntermediates}).
     */
    protected static NDArray inSequence(java.util.List<? extends NetworkBlock> blocks, NDArray x, boolean training,
            StreamState state) {
        NDArray h = x;
        for (NetworkBlock block : blocks) {
            h = training ? block.forward(h, true, state) : freeingIntermediates(h, in -> block.forward(in, false, state));
        }
        return h;
    }
}
