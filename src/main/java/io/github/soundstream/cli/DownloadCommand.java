package io.github.soundstream.cli;

import io.github.soundstream.download.Catalog;
import io.github.soundstream.download.DatasetInstaller;
import io.github.soundstream.download.DatasetListing;
import io.github.soundstream.download.DatasetSpec;
import io.github.soundstream.download.HttpDownloader;
import io.github.soundstream.files.Reasons;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code soundstream download}: fetch, verify and unpack datasets; list what is installed. */
@Command(name = "download", sortOptions = false, subcommands = XenoCantoCommand.class, header = "Fetch, verify and unpack ESC-50, LibriSpeech and more; --list.", description = {
        "Download, verify and unpack datasets into --dir: esc50, librispeech (--subset test-clean|dev-clean|...),",
        "or --all. FSD50K, UrbanSound8K, BirdVox and FSC22 are fetched by hand: their archive is unpacked when it is",
        "in --dir. 'download xeno-canto --query ...' fetches birdsong by query (see its --help). --list shows what",
        "is installed. See datasets/README.md for sizes and licenses."})
final class DownloadCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "DATASET",
            description = "esc50, librispeech, fsd50k, urbansound8k, birdvox, fsc22.")
    List<String> names = new ArrayList<>();

    @Option(names = "--subset", defaultValue = "test-clean", description = "LibriSpeech subset (test-clean).")
    String subset;

    @Option(names = "--all", description = "ESC-50, LibriSpeech test-clean and the hand-fetched ones present.")
    boolean all;

    @Option(names = "--list", description = "List installed datasets with files, hours and formats.")
    boolean list;

    @Option(names = "--esc50", description = "Same as 'esc50' (the original script's flag).")
    boolean esc50;

    @Option(names = "--librispeech", description = "Same as 'librispeech'.")
    boolean librispeech;

    @Option(names = {"--fsd50k", "--urbansound8k", "--birdaudio", "--fsc22"}, description = "The hand-fetched datasets.")
    List<Boolean> manualFlags;

    @CommandLine.Mixin
    DatasetLocation location;

    @CommandLine.Mixin
    HelpOption helpOption;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Set<DatasetSpec> wanted = selection();
        if (list) {
            list(out);
            if (wanted.isEmpty()) {
                return SoundStreamCommand.EXIT_OK;
            }
        }
        if (wanted.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "name a dataset (esc50, librispeech, ...), or use --all or --list");
        }
        Path dir = location.dir;
        String base = location.origin();
        PrintStream console = System.err;
        DatasetInstaller installer = new DatasetInstaller(dir, base, new HttpDownloader(4, Duration.ofSeconds(2)),
                console);
        int failures = 0;
        for (DatasetSpec d : wanted) {
            if (!d.automatic() && !installer.installed(d) && !Files.exists(dir.resolve(d.archive()))) {
                out.println(d.title() + ": fetched by hand: " + d.manualSteps() + " (into " + dir + ")");
                continue;
            }
            try {
                Path audio = installer.install(d);
                out.println("train on it:  soundstream train --audio-dir " + audio);
            } catch (IOException e) {
                spec.commandLine().getErr().println(d.title() + ": " + Reasons.of(e));
                failures++;
            }
            out.flush();
        }
        return failures == 0 ? SoundStreamCommand.EXIT_OK : SoundStreamCommand.EXIT_FAILURE;
    }

    private Set<DatasetSpec> selection() {
        Set<DatasetSpec> out = new LinkedHashSet<>();
        if (all) {
            out.addAll(Catalog.allSelection());
        }
        List<String> requested = new ArrayList<>(names);
        if (esc50) {
            requested.add("esc50");
        }
        if (librispeech) {
            requested.add("librispeech");
        }
        if (manualFlags != null) {
            for (String flag : spec.commandLine().getParseResult().expandedArgs()) {
                switch (flag) {
                    case "--fsd50k" -> requested.add("fsd50k");
                    case "--urbansound8k" -> requested.add("urbansound8k");
                    case "--birdaudio" -> requested.add("birdvox");
                    case "--fsc22" -> requested.add("fsc22");
                    default -> { }
                }
            }
        }
        for (String n : requested) {
            String key = n.toLowerCase(Locale.ROOT).equals("librispeech") ? "librispeech-" + subset
                    : n.toLowerCase(Locale.ROOT);
            out.add(Catalog.find(key).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                    "unknown dataset '" + n + "' (esc50, librispeech, fsd50k, urbansound8k, birdvox, fsc22; "
                            + "LibriSpeech subsets: test-clean, dev-clean, dev-other, test-other, train-clean-100, "
                            + "train-clean-360, train-other-500)")));
        }
        return out;
    }

    private void list(PrintWriter out) throws IOException {
        Path dir = location.dir;
        boolean any = false;
        for (DatasetSpec d : Catalog.all()) {
            Path audio = dir.resolve(d.audioPath());
            if (!Files.isDirectory(dir.resolve(d.installedPath())) || !Files.isDirectory(audio)) {
                continue;
            }
            any = true;
            DatasetListing l = DatasetListing.of(audio);
            out.printf(Locale.ROOT, "%-24s %6d files %8.2f h  %s%s%n", d.title(), l.files(), l.hours(),
                    String.join(", ", l.formats()), l.unreadable() > 0 ? "  (" + l.unreadable() + " unreadable)" : "");
            out.println("  soundstream train --audio-dir " + audio);
        }
        for (String line : io.github.soundstream.download.xenocanto.XenoCantoDownload.list(dir)) {
            out.println(line);
            any = true;
        }
        if (!any) {
            out.println("no datasets in " + dir + " (soundstream download esc50, or see datasets/README.md)");
        }
        out.flush();
    }
}
