package io.github.soundstream.metrics;

/** Codes used and perplexity exp(H) of one quantizer layer's codes. */
public record CodebookUsage(int used, double perplexity) {

    public static CodebookUsage of(int[] codes, int codebookSize) {
        long[] counts = new long[codebookSize];
        for (int c : codes) {
            counts[c]++;
        }
        int used = 0;
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                used++;
                double p = c / (double) codes.length;
                h -= p * Math.log(p);
            }
        }
        return new CodebookUsage(used, Math.exp(h));
    }
}
