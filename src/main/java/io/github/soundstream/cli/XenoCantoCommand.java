package io.github.soundstream.cli;

import io.github.soundstream.download.HttpDownloader;
import io.github.soundstream.download.xenocanto.XenoCantoDownload;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code soundstream download xeno-canto}: birdsong by query, resumable, every recording's licence kept. */
@Command(name = "xeno-canto", aliases = "xenocanto", sortOptions = false,
        header = "Fetch Xeno-canto recordings matching a query, with their licences, into --dir/xeno-canto/QUERY.",
        description = {
            "Pages through Xeno-canto's API v3 (a personal key is needed: your account page at xeno-canto.org),",
            "prints what the query matched, then downloads one file at a time. manifest.csv lists each recording's",
            "species, recordist, licence, size and SHA-256. Rerunning skips what is complete and resumes the rest.",
            "",
            "Licences: BY asks that the recordist be credited (manifest.csv has them); SA, that what you share of",
            "adaptations carries the same licence; NC forbids commercial use of the recordings, and arguably of a",
            "model trained on them; ND forbids sharing derivatives, and a trained model may count as one. For a model",
            "you will share, --licence cc0,cc-by,cc-by-sa keeps the unrestricted ones."})
final class XenoCantoCommand implements Callable<Integer> {
    static final String KEY_ENV = "XENO_CANTO_API_KEY";

    @Option(names = "--query", required = true, paramLabel = "QUERY",
            description = "Xeno-canto's tag syntax, e.g. 'grp:birds cnt:\"united kingdom\" q:A len:5-60'.")
    String query;

    @Option(names = "--key", paramLabel = "KEY", description = "Your API key (also $" + KEY_ENV + ").")
    String key;

    @Option(names = "--max-recordings", paramLabel = "N", description = "At most N recordings.")
    Integer maxRecordings;

    @Option(names = "--max-hours", paramLabel = "H", description = "At most H hours of audio.")
    Double maxHours;

    @Option(names = "--licence", split = ",", paramLabel = "CODE",
            description = "Keep only these licences: cc0, cc-by, cc-by-sa, cc-by-nc, cc-by-nc-sa, cc-by-nd, "
                    + "cc-by-nc-nd (default: all, each recorded).")
    List<String> licences = List.of();

    @Option(names = "--dry-run", description = "Print what the query matches and stop.")
    boolean dryRun;

    @Option(names = "--requests-per-second", paramLabel = "R", defaultValue = "1",
            description = "API pages per second at most (1; one request at a time whatever the rate).")
    double rate;

    @CommandLine.Mixin
    DatasetLocation location;

    @CommandLine.Mixin
    HelpOption helpOption;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        String k = key != null ? key : System.getenv(KEY_ENV);
        if (!(rate > 0) || rate > 100) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--requests-per-second must be above 0 and "
                    + "at most 100, got " + rate);
        }
        if (maxRecordings != null && maxRecordings < 1 || maxHours != null && !(maxHours > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-recordings and --max-hours must be "
                    + "positive");
        }
        Set<String> codes = new LinkedHashSet<>();
        licences.forEach(l -> codes.add(l.trim().toLowerCase(Locale.ROOT)));
        try {
            XenoCantoDownload.check(query, k);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        String base = location.origin();
        XenoCantoDownload download = new XenoCantoDownload(new HttpDownloader(4, Duration.ofSeconds(2)), System.err);
        XenoCantoDownload.Summary s = download.run(new XenoCantoDownload.Options(query, k, maxRecordings, maxHours,
                codes, location.dir, base, dryRun, Duration.ofMillis(Math.round(1000 / rate))));
        if (dryRun) {
            out.println("dry run: nothing downloaded");
            return SoundStreamCommand.EXIT_OK;
        }
        out.printf(Locale.ROOT, "%s: %d recordings fetched, %d already there, %d failed%n", s.folder(), s.fetched(),
                s.alreadyThere(), s.failures().size());
        s.failures().forEach(f -> spec.commandLine().getErr().println(s.folder() + "/" + f));
        if (s.fetched() + s.alreadyThere() > 0) {
            out.println("train on it:  soundstream train --audio-dir " + TrainCommand.shellWord(s.folder().toString()));
        }
        out.flush();
        return s.failures().isEmpty() ? SoundStreamCommand.EXIT_OK : SoundStreamCommand.EXIT_FAILURE;
    }
}
