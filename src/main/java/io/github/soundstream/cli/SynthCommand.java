package io.github.soundstream.cli;

import io.github.soundstream.audio.WavFormat;
import io.github.soundstream.audio.WavWriter;
import io.github.soundstream.audio.synth.Soundscape;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code soundstream synth}: writes clips of the embedded synthetic corpus, so users can hear what it trains on. */
@Command(name = "synth", header = "Write clips of the embedded synthetic corpus as WAV files.", description = {
        "Write clips of the embedded synthetic corpus (birdsong over wind, rain and a brook) as WAV files.",
        "The same --seed always gives the same clips; train uses this corpus when no --audio-dir is given."})
final class SynthCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Folder for the WAV files.")
    Path output;

    @Option(names = "--clips", defaultValue = "8", description = "Number of clips (default: ${DEFAULT-VALUE}).")
    int clips;

    @Option(names = "--seconds", defaultValue = "5", description = "Length of each clip (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = {"--sample-rate", "--sample_rate"}, defaultValue = "24000",
            description = "Sample rate in Hz (default: ${DEFAULT-VALUE}).")
    int sampleRate;

    @Option(names = "--seed", defaultValue = "42", description = "Corpus seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Mixin
    HelpOption helpOption;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (clips < 1 || seconds <= 0 || seconds > 3600 || sampleRate < 8000 || sampleRate > 192000) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "need --clips >= 1, 0 < --seconds <= 3600 and 8000 <= --sample-rate <= 192000");
        }
        PrintWriter out = spec.commandLine().getOut();
        int frames = (int) Math.round(seconds * sampleRate);
        for (int i = 0; i < clips; i++) {
            Path file = output.resolve(String.format(Locale.ROOT, "soundscape_%03d.wav", i));
            WavWriter.write(file, Soundscape.generate(Soundscape.clipSeed(seed, i), sampleRate, frames), sampleRate,
                    WavFormat.PCM_16);
            out.println(file);
        }
        return SoundStreamCommand.EXIT_OK;
    }
}
