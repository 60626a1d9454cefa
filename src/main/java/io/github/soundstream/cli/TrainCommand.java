package io.github.soundstream.cli;

import io.github.soundstream.config.TrainingConfig;
import io.github.soundstream.data.DataConfig;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.gan.DiscriminatorConfig;
import io.github.soundstream.model.ModelConfig;
import io.github.soundstream.train.RunDefaults;
import io.github.soundstream.train.CpuBudget;
import io.github.soundstream.train.StopReason;
import io.github.soundstream.train.Trainer;
import io.github.soundstream.train.TrainingSession;
import io.github.soundstream.train.TrainingSetupException;
import io.github.soundstream.train.TrainingSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code soundstream train}: parses, fills defaults, delegates to {@link TrainingSession}. Without --audio-dir it
 * trains the tiny preset on the embedded synthetic corpus for a few minutes (the README's first command).
 */
@Command(name = "train", sortOptions = false, header = "Train on a folder of audio, or a demo run on the synthetic corpus.", description = {
        "Train SoundStream on a folder of audio (wav, flac, mp3, ogg), or, without --audio-dir, a short demo run of",
        "the tiny preset on the embedded synthetic corpus. Ctrl-C finishes the step, saves and exits."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = {"--audio-dir", "--audio_dir"}, paramLabel = "DIR", description = "Training audio, searched "
            + "recursively. Default: the embedded synthetic corpus (demo run).")
    Path audioDir;

    @Option(names = "--preset", paramLabel = "NAME", description = "tiny, small or base (default: base; tiny for the demo run).")
    String preset;

    @Option(names = "--C", paramLabel = "N", description = "Encoder base channels (overrides the preset).")
    Integer channels;

    @Option(names = "--D", paramLabel = "N", description = "Embedding dimension (overrides the preset).")
    Integer dim;

    @Option(names = {"--num-quantizers", "--num_quantizers"}, paramLabel = "N", description = "Quantizer layers (8).")
    Integer quantizers;

    @Option(names = {"--codebook-size", "--codebook_size"}, paramLabel = "K", description = "Codes per layer (1024).")
    Integer codebookSize;

    @Option(names = {"--sample-rate", "--sample_rate"}, defaultValue = "24000", description = "Model rate (24000).")
    int sampleRate;

    @Option(names = {"--batch-size", "--batch_size"}, paramLabel = "N|auto", description = "Clips per batch, or "
            + "auto: the recipe's 8, less if that does not fit the devices' memory (measured at start; the default "
            + "with --audio-dir; demo: 4).")
    String batchSize;

    @Option(names = {"--audio-length", "--audio_length"}, paramLabel = "SECONDS",
            description = "Clip length, at least 0.5 (2.0; demo: 1.0).")
    Double audioLength;

    @Option(names = {"--max-steps", "--max_steps"}, description = "Stop after this many steps (demo: 200).")
    Long maxSteps;

    @Option(names = "--cpu-minutes", paramLabel = "M", description = "Stop, saved, once the process has used M "
            + "minutes of CPU time (all its threads): equal budgets for runs that share a machine.")
    Double cpuMinutes;

    @Option(names = {"--num-epochs", "--num_epochs"}, description = "Stop after this many epochs (1000).")
    Integer epochs;

    @Option(names = {"--g-lr", "--g_lr"}, defaultValue = "3e-4",
            description = "Generator learning rate (3e-4; the original's is 1e-4).")
    double generatorLr;

    @Option(names = {"--d-lr", "--d_lr"}, defaultValue = "1e-4", description = "Discriminator learning rate (1e-4).")
    double discriminatorLr;

    @Option(names = {"--lr-decay", "--lr_decay"}, defaultValue = "0.999996", description = "LR decay per step.")
    double lrDecay;

    @Option(names = {"--disc-warmup-steps", "--disc_warmup_steps"},
            description = "Generator-only steps before the GAN starts (5000; demo: 160).")
    Long warmup;

    @Option(names = {"--save-interval", "--save_interval"}, description = "Steps between checkpoints (5000; demo: 100).")
    Long saveInterval;

    @Option(names = {"--max-checkpoints", "--max_checkpoints"}, defaultValue = "5", description = "Checkpoints kept (5).")
    int maxCheckpoints;

    @Option(names = {"--checkpoint-dir", "--checkpoint_dir"}, defaultValue = "./checkpoints", description = "(./checkpoints)")
    Path checkpointDir;

    @Option(names = {"--log-dir", "--log_dir"}, defaultValue = "./logs", description = "TensorBoard logs (./logs).")
    Path logDir;

    @Option(names = {"--sample-interval", "--sample_interval"},
            description = "Steps between audio/spectrogram samples (1000; demo: 100).")
    Long sampleInterval;

    @Option(names = {"--log-interval", "--log_interval"}, defaultValue = "10", description = "Steps between scalar logs (10).")
    long logInterval;

    @Option(names = "--resume", paramLabel = "PATH|latest", description = "Continue a run from a checkpoint.")
    String resume;

    @Option(names = {"--init-from", "--init_from"}, paramLabel = "PATH", description = "Start a new run from a checkpoint's weights.")
    Path initFrom;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (42).")
    long seed;

    @Option(names = {"--num-workers", "--num_workers"}, defaultValue = "4", description = "Data loading threads (4).")
    int workers;

    @Option(names = {"--devices", "--device"}, defaultValue = "auto", paramLabel = "auto|cpu|gpu|gpu:0,1,...|cpu:N",
            description = "Where to train: auto (every GPU the engine sees, else the CPU), cpu, gpu, gpu:0,1,... "
                    + "(one replica per GPU, the batch split evenly), or cpu:N (N replicas on the CPU, to verify "
                    + "data-parallel training without GPUs).")
    String device;

    @Option(names = "--activation", paramLabel = "elu|snake",
            description = "Activations of encoder and decoder: elu (the original's) or snake (DAC's).")
    String activation;

    @Option(names = "--upsampler", paramLabel = "balanced|free", description = "Decoder upsamplers: balanced "
            + "phases, so that no fixed frame-rate comb is added (default), or free (the original's).")
    String upsampler;

    @Option(names = "--mel-loss", defaultValue = "soundstream", paramLabel = "soundstream|dac",
            description = "Reconstruction loss: soundstream (the paper's 6 windows) or dac (DAC's 7).")
    String melLoss;

    @Option(names = "--lambda-l1", defaultValue = "0", paramLabel = "W",
            description = "Weight of a time-domain L1 term (0, the original's; EnCodec uses 0.1).")
    double lambdaL1;

    @Option(names = "--lambda-stft", defaultValue = "0", paramLabel = "W",
            description = "Weight of a multi-resolution linear-frequency STFT loss (spectral convergence + log "
                    + "magnitude at 512, 1024, 2048), which hears a tone apart from noise in the same mel band (0, "
                    + "the original's).")
    double lambdaStft;

    @Option(names = "--lambda-rec", defaultValue = "1", paramLabel = "W",
            description = "Weight of the mel reconstruction loss (1).")
    double lambdaRec;

    @Option(names = "--lambda-adv", defaultValue = "1", paramLabel = "W",
            description = "Weight of the adversarial loss (1).")
    double lambdaAdv;

    @Option(names = "--lambda-feat", defaultValue = "100", paramLabel = "W",
            description = "Weight of feature matching (100).")
    double lambdaFeat;

    @Option(names = "--loss-balancer", description = "EnCodec's loss balancer: each loss on the audio gets its "
            + "weight's share of the generator's gradient, whatever its scale (EnCodec's weights: --lambda-rec 1 "
            + "--lambda-l1 0.1 --lambda-adv 3 --lambda-feat 3). Off: the plain weighted sum, the original's.")
    boolean lossBalancer;

    @Option(names = "--adam-betas", split = ",", defaultValue = "0.8,0.9", paramLabel = "B1,B2",
            description = "AdamW betas of both optimizers (0.8,0.9, the original's; DAC uses 0.8,0.99).")
    double[] betas;

    @Option(names = "--disc-size", paramLabel = "standard|small",
            description = "Discriminator size: standard (the original's, 19.7 M) or small (default for the demo run).")
    String discSize;

    @Option(names = "--discriminators", split = ",", paramLabel = "KIND,...",
            description = "The discriminator set: wave, stft, mpd, mrd (default wave,stft, the paper's).")
    java.util.List<String> discriminatorSet;

    @Option(names = "--disc-weight-norm", description = "Weight-normalise the discriminators' convolutions.")
    boolean discWeightNorm;

    @Option(names = "--quiet", description = "No progress line.")
    boolean quiet;

    @CommandLine.Mixin
    HelpOption helpOption;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        boolean demo = audioDir == null && resume == null;
        RunDefaults defaults = demo ? RunDefaults.demo() : RunDefaults.full();
        ModelConfig model;
        DataConfig data;
        TrainingConfig training;
        DiscriminatorConfig disc;
        try {
            ModelConfig base = ModelConfig.preset(preset != null ? preset : defaults.preset());
            model = new ModelConfig(or(channels, base.channels()), or(dim, base.embeddingDim()), base.strides(),
                    or(quantizers, base.numQuantizers()), or(codebookSize, base.codebookSize()), sampleRate,
                    or(activation, base.activation()), or(upsampler, base.upsampler()));
            data = new DataConfig(audioDir, sampleRate, or(audioLength, defaults.clipSeconds()),
                    or(fixedBatch(), defaults.batchSize()), workers, 256);
            training = TrainingConfig.builder().maxSteps(or(maxSteps, defaults.maxSteps())).generatorLr(generatorLr)
                    .discriminatorLr(discriminatorLr).lrDecay(lrDecay)
                    .discWarmupSteps(or(warmup, defaults.discWarmupSteps()))
                    .saveInterval(or(saveInterval, defaults.saveInterval())).maxCheckpoints(maxCheckpoints)
                    .sampleInterval(or(sampleInterval, defaults.sampleInterval())).logInterval(logInterval).seed(seed)
                    .lambdaL1(lambdaL1).betas(beta(0), beta(1)).melLoss(melLoss).lambdaStft(lambdaStft)
                    .lambdaRec(lambdaRec).lambdaAdv(lambdaAdv).lambdaFeat(lambdaFeat).lossBalancer(lossBalancer)
                    .build();
            disc = DiscriminatorConfig.named(discSize != null ? discSize : defaults.discriminators())
                    .withWeightNorm(discWeightNorm);
            if (discriminatorSet != null) {
                disc = disc.withSet(discriminatorSet);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        CpuBudget budget;
        try {
            budget = cpuMinutes != null ? CpuBudget.minutes(cpuMinutes) : CpuBudget.UNLIMITED;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        boolean modelGiven = preset != null || channels != null || dim != null || quantizers != null
                || codebookSize != null || activation != null
                || upsampler != null;
        SoundStreamCommand top = spec.root().commandLine().getCommand();
        EngineSetup.configure(top.threads);
        Trainer.Setup asked = new Trainer.Setup(VersionInfo.version(), null, null, model, disc, data, training,
                checkpointDir, logDir);
        var request = new TrainingSession.Request(asked, modelGiven, discSize != null || discWeightNorm
                || discriminatorSet != null, changes(),
                epochs != null ? epochs : defaults.epochs(), resume, initFrom, device, quiet, budget,
                autoBatch(demo));
        TrainingSummary summary;
        try {
            summary = TrainingSession.run(request, System.err, this::report);
        } catch (TrainingSetupException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return summary.stoppedBy() == StopReason.NON_FINITE ? SoundStreamCommand.EXIT_FAILURE
                : SoundStreamCommand.EXIT_OK;
    }

    /** The batch size given as a number, or null for auto or none. */
    private Integer fixedBatch() {
        if (batchSize == null || batchSize.equals("auto")) {
            return null;
        }
        try {
            return Integer.valueOf(batchSize);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--batch-size takes a number or auto, got '" + batchSize + "'");
        }
    }

    /** Auto unless a number was given, for runs on an --audio-dir; on resume, the checkpoint's batch stays. */
    private boolean autoBatch(boolean demo) {
        return batchSize != null ? batchSize.equals("auto") : !demo;
    }

    private double beta(int i) {
        if (betas.length != 2) {
            throw new IllegalArgumentException("--adam-betas takes two numbers, B1,B2, got " + betas.length);
        }
        return betas[i];
    }

    /** What the command line itself set, for a resumed run to apply over its checkpoint. */
    private TrainingSession.Changes changes() {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        return new TrainingSession.Changes(fixedBatch(), audioLength,
                given.hasMatchedOption("--g-lr") ? generatorLr : null,
                given.hasMatchedOption("--d-lr") ? discriminatorLr : null,
                given.hasMatchedOption("--lr-decay") ? lrDecay : null, saveInterval, sampleInterval,
                given.hasMatchedOption("--log-interval") ? logInterval : null,
                given.hasMatchedOption("--max-checkpoints") ? maxCheckpoints : null);
    }

    private void report(TrainingSummary s) {
        var out = spec.commandLine().getOut();
        switch (s.stoppedBy()) {
            case SIGNAL -> out.println("stopped on request after step " + s.finalStep() + "; state saved");
            case NON_FINITE -> out.println("stopped: 10 steps in a row had non-finite losses or gradients; the "
                    + "last good state is saved. Lower --g-lr/--d-lr or check the data.");
            case CPU_BUDGET -> out.println("CPU budget spent after step " + s.finalStep() + "; state saved");
            case MAX_STEPS -> out.println("finished " + s.finalStep() + " steps");
        }
        out.println("checkpoint: " + s.lastCheckpoint());
        out.println("logs:       " + s.runDir());
        if (s.skippedSteps() > 0) {
            out.println("skipped steps (non-finite): " + s.skippedSteps());
        }
        if (!s.skippedFiles().isEmpty()) {
            out.println("unreadable files skipped (" + s.skippedFiles().size() + "):");
            s.skippedFiles().forEach(f -> out.println("  " + f));
        }
        out.println("next:");
        String checkpoint = shellWord(s.lastCheckpoint().toString());
        out.println("  soundstream encode --checkpoint " + checkpoint + " YOUR.wav --bitrate 3");
        // decode finds the checkpoint by itself only in ./checkpoints
        boolean defaultDir = checkpointDir.normalize().equals(Path.of("checkpoints"));
        out.println("  soundstream decode YOUR.ssc -o decoded.wav" + (defaultDir ? "" : " --checkpoint " + checkpoint));
        out.println("  tensorboard --logdir " + shellWord(logDir.toString()));
        // without --audio-dir a resumed run reads its data from the checkpoint
        out.println("  soundstream train " + (audioDir == null ? "" : "--audio-dir " + shellWord(audioDir.toString())
                + " ") + "--resume latest" + (defaultDir ? "" : " --checkpoint-dir "
                + shellWord(checkpointDir.toString())) + " --max-steps " + (s.finalStep() + 1000));
        out.flush();
    }

    /** {@code word} as one shell word: single-quoted when it holds anything but plain path characters. */
    static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_./:@%+=,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
