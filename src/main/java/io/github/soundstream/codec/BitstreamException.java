package io.github.soundstream.codec;

import java.io.IOException;

/** A bitstream that cannot be decoded: bad magic or header, a damaged or missing packet, a mismatched model. */
public final class BitstreamException extends IOException {
    private static final long serialVersionUID = 1L;

    public BitstreamException(String reason) {
        super(reason);
    }
}
