package io.github.soundstream.cli;

import io.github.soundstream.engine.EngineSetup;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/** The {@code soundstream} command: parses, then delegates to a subcommand. Exit codes: 0 ok, 1 failure, 2 usage. */
@Command(name = "soundstream",
        description = "Train and run the SoundStream neural audio codec, tuned for natural sounds.",
        subcommands = {TrainCommand.class, EncodeCommand.class, DecodeCommand.class, EvalCommand.class,
            BenchCommand.class,
            DownloadCommand.class,
            InfoCommand.class,
            SynthCommand.class},
        usageHelpAutoWidth = true,
        sortOptions = false)
public final class SoundStreamCommand implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--version", description = "Print version information and exit (with --verbose: the engine too).")
    boolean version;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log engine, device, natives and thread counts, and details of each step.")
    boolean verbose;

    @Option(names = "--threads", scope = ScopeType.INHERIT, paramLabel = "N",
            description = "Intra-op threads for the engine (default: all cores).")
    Integer threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (version) {
            VersionInfo.lines().forEach(out::println);
            if (verbose) {
                EngineSetup.describe(EngineSetup.engine()).forEach(out::println);
            }
            return EXIT_OK;
        }
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_USAGE;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("--verbose") || a.equals("-v"));
        // slf4j-simple reads its level once, when the first logger is made: set it before anything logs.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "info");
        }
        CommandLine cl = newCommandLine();
        int code = cl.execute(args);
        // main exits the JVM next: what a command printed without a line end must not be lost with it
        cl.getOut().flush();
        cl.getErr().flush();
        return code;
    }

    static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new SoundStreamCommand());
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().usageMessage().hidden(false)
                .description("Print a bash/zsh completion script: source <(soundstream completion)");
        cl.addSubcommand("completion", completion);
        cl.setExecutionStrategy(parseResult -> {
            SoundStreamCommand top = cl.getCommand();
            if (top.threads != null && (top.threads < 1 || top.threads > 4096)) {
                throw new CommandLine.ParameterException(cl, "--threads must be 1..4096, got " + top.threads);
            }
            EngineSetup.configure(top.threads);
            return new CommandLine.RunLast().execute(parseResult);
        });
        // one line, not the whole usage text: the message says what is wrong, --help lists the options
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            boolean syntax = ex instanceof CommandLine.UnmatchedArgumentException
                    || ex instanceof CommandLine.MissingParameterException;
            c.getErr().println(oneLine(ex) + (syntax ? " ('" + c.getCommandSpec().qualifiedName()
                    + " --help' lists the options)" : ""));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("soundstream: " + oneLine(ex));
            if (cl.<SoundStreamCommand>getCommand().verbose) {
                ex.printStackTrace(commandLine.getErr());
            }
            return EXIT_FAILURE;
        });
        return cl;
    }

    static String oneLine(Throwable ex) {
        String msg = ex.getMessage();
        return msg == null || msg.isBlank() ? ex.getClass().getSimpleName() : msg.replace('\n', ' ');
    }
}
