package io.github.soundstream.cli;

import io.github.soundstream.engine.ConvolutionPrecision;
import io.github.soundstream.engine.ConvolutionPrecision.Precision;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --precision}: the arithmetic of the CPU convolutions for encode, decode, eval and bench. */
final class PrecisionOption {
    @Option(names = "--precision", paramLabel = "fp32|bf16", converter = PrecisionConverter.class,
            description = "Arithmetic of the CPU convolutions: fp32 (default) or bf16 (oneDNN rounds their inputs "
                    + "to bfloat16 on AVX-512 BF16 / AMX units; see docs/BENCHMARKS.md for what it gains and costs). "
                    + "Bitstreams decode with either.")
    Precision precision = Precision.FP32;

    /**
     * Selects the precision before the command's first convolution; says so on {@code err} when bf16 was asked
     * for, and when it could not be had.
     */
    Precision apply(PrintWriter err) {
        Precision got = ConvolutionPrecision.select(precision);
        if (precision == Precision.BF16) {
            err.println(got == Precision.BF16 ? "precision: bf16 convolutions (oneDNN)"
                    : "precision: bf16 asked for, but this processor's convolutions compute in fp32 (no AVX-512 "
                            + "BF16 or AMX units); going on in fp32");
        }
        return got;
    }

    static final class PrecisionConverter implements picocli.CommandLine.ITypeConverter<Precision> {
        @Override
        public Precision convert(String value) {
            try {
                return Precision.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
