package io.github.soundstream.tensorboard;

import io.github.soundstream.audio.WavFormat;
import io.github.soundstream.audio.WavWriter;

/**
 * Builds {@code Summary.Value} messages in the forms current TensorBoard serves correctly (both its Rust data
 * server and its Python loader): legacy {@code simple_value}, image and histogram fields; audio and text as
 * tensors whose first value per tag carries the plugin metadata.
 */
final class Summaries {
    // Summary.Value fields
    private static final int TAG = 1;
    private static final int SIMPLE_VALUE = 2;
    private static final int IMAGE = 4;
    private static final int HISTO = 5;
    private static final int TENSOR = 8;
    private static final int METADATA = 9;
    // TensorProto
    private static final int DT_STRING = 7;
    private static final byte[] AUDIO_PLUGIN_WAV = {0x10, 0x0b}; // AudioPluginData{encoding: WAV}

    private Summaries() {
    }

    static ProtoWriter scalar(String tag, float value) {
        return new ProtoWriter().string(TAG, tag).floatField(SIMPLE_VALUE, value);
    }

    /** A PNG (or JPEG/GIF/BMP) with its pixel size; TensorBoard serves it by the format it detects. */
    static ProtoWriter image(String tag, byte[] encoded, int width, int height, int channels) {
        ProtoWriter image = new ProtoWriter().varint(1, height).varint(2, width).varint(3, channels)
                .bytes(4, encoded);
        return new ProtoWriter().string(TAG, tag).message(IMAGE, image);
    }

    static ProtoWriter histogram(String tag, Histogram h) {
        ProtoWriter histo = new ProtoWriter().doubleField(1, h.min()).doubleField(2, h.max())
                .doubleField(3, h.count()).doubleField(4, h.sum()).doubleField(5, h.sumSquares())
                .packedDoubles(6, h.bucketLimits()).packedDoubles(7, h.bucketCounts());
        return new ProtoWriter().string(TAG, tag).message(HISTO, histo);
    }

    /** Mono clip as a 16-bit PCM WAV in a rank-1 string tensor; metadata only on the tag's first value. */
    static ProtoWriter audio(String tag, float[] samples, int sampleRate, boolean firstValue) {
        float[] clipped = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            float v = samples[i];
            clipped[i] = Float.isNaN(v) ? 0f : Math.max(-1f, Math.min(1f, v));
        }
        byte[] wav = WavWriter.encode(clipped, sampleRate, WavFormat.PCM_16);
        ProtoWriter tensor = new ProtoWriter().varint(1, DT_STRING).message(2, shape(1)).bytes(8, wav);
        ProtoWriter value = new ProtoWriter().string(TAG, tag).message(TENSOR, tensor);
        return firstValue ? value.message(METADATA, pluginMetadata("audio", AUDIO_PLUGIN_WAV)) : value;
    }

    /** Markdown as a rank-0 string tensor for the text plugin. */
    static ProtoWriter text(String tag, String markdown, boolean firstValue) {
        ProtoWriter tensor = new ProtoWriter().varint(1, DT_STRING).message(2, new ProtoWriter())
                .string(8, markdown);
        ProtoWriter value = new ProtoWriter().string(TAG, tag).message(TENSOR, tensor);
        return firstValue ? value.message(METADATA, pluginMetadata("text", new byte[0])) : value;
    }

    private static ProtoWriter shape(long... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (long d : dims) {
            shape.message(2, new ProtoWriter().varint(1, d));
        }
        return shape;
    }

    private static ProtoWriter pluginMetadata(String plugin, byte[] content) {
        ProtoWriter pluginData = new ProtoWriter().string(1, plugin);
        if (content.length > 0) {
            pluginData.bytes(2, content);
        }
        return new ProtoWriter().message(1, pluginData);
    }

    /** {@code Event{wall_time, step, summary{value}}}. */
    static byte[] event(double wallTime, long step, ProtoWriter value) {
        return new ProtoWriter().doubleField(1, wallTime).varint(2, step)
                .message(5, new ProtoWriter().message(1, value)).toByteArray();
    }

    /** The first record of every file: {@code Event{wall_time, file_version: "brain.Event:2"}}. */
    static byte[] fileVersionEvent(double wallTime) {
        return new ProtoWriter().doubleField(1, wallTime).string(3, "brain.Event:2")
                .message(10, new ProtoWriter().string(1, "soundstream-java")).toByteArray();
    }
}
