package io.github.soundstream.metrics;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Every quality figure of one decoded signal against its original (definitions in {@link Metrics} and
 * {@link TonalPeaks}, {@link PitchTrack}), or their means over several signals.
 *
 * @param tonalF1        tonal peak F1 (1: every tone kept and none added)
 * @param steadyLines    steady spectral lines the codec added (0 is right)
 * @param toneLevelDb    how loud each frame's strongest tonal peak comes back, in dB (0 is right); NaN for a
 *                       signal without peaks
 * @param pitchAgreement share of the original's pitched frames decoded at the same pitch (±50 cents); NaN for a
 *                       signal without pitch, and means are taken over the signals that have one
 */
public record Quality(double snr, double siSnr, double melDistance, double stftDistance, double spectralConvergence,
        double lsd, double tonalF1, double steadyLines, double toneLevelDb, double pitchAgreement) {

    public static Quality of(float[] original, float[] decoded, int sampleRate) {
        return new Reference(original, sampleRate).score(decoded);
    }

    /**
     * An original with its tonal peaks and pitch track analysed once, for scoring several decodings of it (every
     * bitrate, Opus, the unquantised network) without repeating the two slowest analyses of the original.
     */
    public static final class Reference {
        private final float[] original;
        private final int sampleRate;
        private final TonalPeaks.Picked peaks;
        private final double[] pitch;

        public Reference(float[] original, int sampleRate) {
            this.original = original;
            this.sampleRate = sampleRate;
            this.peaks = TonalPeaks.pick(original, sampleRate);
            this.pitch = PitchTrack.track(original, sampleRate);
        }

        public Quality score(float[] decoded) {
            TonalPeaks.Comparison tones = TonalPeaks.compare(peaks, TonalPeaks.pick(decoded, sampleRate));
            return new Quality(Metrics.snr(original, decoded), Metrics.siSnr(original, decoded),
                    Metrics.melDistance(original, decoded, sampleRate),
                    Metrics.multiResolutionStftDistance(original, decoded),
                    Metrics.spectralConvergence(original, decoded), Metrics.logSpectralDistance(original, decoded),
                    tones.f1(), tones.steadyLines(), tones.toneLevelDb(),
                    PitchTrack.agreement(pitch, PitchTrack.track(decoded, sampleRate)));
        }
    }

    /** Field-by-field means over the signals where the field is defined (NaN for none). */
    public static Quality mean(List<Quality> all) {
        return new Quality(avg(all, Quality::snr), avg(all, Quality::siSnr), avg(all, Quality::melDistance),
                avg(all, Quality::stftDistance), avg(all, Quality::spectralConvergence), avg(all, Quality::lsd),
                avg(all, Quality::tonalF1), avg(all, Quality::steadyLines), avg(all, Quality::toneLevelDb),
                avg(all, Quality::pitchAgreement));
    }

    private static double avg(List<Quality> all, ToDoubleFunction<Quality> f) {
        return all.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }
}
