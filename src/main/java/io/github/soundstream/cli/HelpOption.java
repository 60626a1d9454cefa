package io.github.soundstream.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} for every subcommand (a mixin rather than an inherited option: picocli's completion command brings its own). */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
