package io.github.soundstream.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.github.soundstream.audio.AudioFiles;
import io.github.soundstream.checkpoint.CheckpointFile;
import io.github.soundstream.checkpoint.CheckpointMeta;
import io.github.soundstream.checkpoint.CheckpointStore;
import io.github.soundstream.checkpoint.ConfigJson;
import io.github.soundstream.checkpoint.FolderInUseException;
import io.github.soundstream.config.Records;
import io.github.soundstream.config.TrainingConfig;
import io.github.soundstream.data.ClipSource;
import io.github.soundstream.data.DataConfig;
import io.github.soundstream.data.DataPosition;
import io.github.soundstream.data.FileClips;
import io.github.soundstream.data.SyntheticClips;
import io.github.soundstream.gan.DiscriminatorConfig;
import io.github.soundstream.model.ModelConfig;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Prepares and runs one {@code train} invocation: checks the inputs before writing anything, resolves a fresh,
 * resumed or initialised-from run, checks convolution gradients on this processor, and saves on Ctrl-C/SIGTERM.
 */
public final class TrainingSession {
    /**
     * A training request: the run as asked for ({@code setup}, whose run name and id are still null), and how to
     * start it. {@code resume} is a checkpoint path or "latest"; {@code initFrom} a checkpoint whose weights start a
     * new run. When resuming, the checkpoint's model and discriminators are used and must agree with a model or
     * discriminator size given on the command line ({@code modelGiven}, {@code discriminatorsGiven}); of the data
     * and training settings, only {@code changes} (what the command line set) override the checkpoint's.
     */
    public record Request(Trainer.Setup setup, boolean modelGiven, boolean discriminatorsGiven, Changes changes,
            Integer epochs, String resume, Path initFrom, String device, boolean quiet, CpuBudget cpuBudget,
            boolean autoBatch) {
        public Request {
            cpuBudget = cpuBudget != null ? cpuBudget : CpuBudget.UNLIMITED;
        }
    }

    /** Settings a resumed run may change (null: keep the checkpoint's); each one ends bit-exact resumption. */
    public record Changes(Integer batchSize, Double clipSeconds, Double generatorLr, Double discriminatorLr,
            Double lrDecay, Long saveInterval, Long sampleInterval, Long logInterval, Integer maxCheckpoints) {
        public static final Changes NONE = new Changes(null, null, null, null, null, null, null, null, null);

        DataConfig apply(DataConfig d) {
            return new DataConfig(d.audioDir(), d.sampleRate(), or(clipSeconds, d.clipSeconds()),
                    or(batchSize, d.batchSize()), d.workers(), d.syntheticClips());
        }

        TrainingConfig apply(TrainingConfig t) {
            return t.toBuilder().generatorLr(or(generatorLr, t.generatorLr()))
                    .discriminatorLr(or(discriminatorLr, t.discriminatorLr())).lrDecay(or(lrDecay, t.lrDecay()))
                    .saveInterval(or(saveInterval, t.saveInterval()))
                    .sampleInterval(or(sampleInterval, t.sampleInterval())).logInterval(or(logInterval,
                            t.logInterval())).maxCheckpoints(or(maxCheckpoints, t.maxCheckpoints())).build();
        }

        private static <T> T or(T value, T fallback) {
            return value != null ? value : fallback;
        }
    }

    private TrainingSession() {
    }

    /**
     * Runs the request; {@code onFinish} receives the summary while a Ctrl-C or SIGTERM still holds the JVM, so
     * what it prints (the checkpoint written, the command that resumes) reaches the user before the process ends.
     */
    public static TrainingSummary run(Request request, PrintStream console, Consumer<TrainingSummary> onFinish)
            throws IOException {
        Trainer.Setup asked = request.setup();
        CheckpointMeta resumed = null;
        Path resumePath = null;
        if (request.resume() != null) {
            resumePath = resolveResume(request);
            resumed = CheckpointFile.readMeta(resumePath);
            refuseModelChanges(request, resumed, resumePath);
        }
        ModelConfig model = resumed != null ? resumed.model() : asked.model();
        DiscriminatorConfig disc = resumed != null ? resumed.discriminators() : asked.discriminators();
        DataConfig data = asked.data();
        TrainingConfig training = asked.training();
        if (resumed != null) {
            DataConfig before = resumed.data();
            data = request.changes().apply(new DataConfig(asked.data().audioDir() != null ? asked.data().audioDir()
                    : before.audioDir(), before.sampleRate(), before.clipSeconds(), before.batchSize(),
                    asked.data().workers(), before.syntheticClips()));
            training = request.changes().apply(resumed.training()).toBuilder().maxSteps(asked.training().maxSteps())
                    .build();
            List<String> changed = new ArrayList<>(Records.differences(before, data));
            changed.removeIf(c -> c.startsWith("workers "));
            changed.addAll(Records.differences(resumed.training(), training));
            changed.removeIf(c -> c.startsWith("maxSteps "));
            if (!changed.isEmpty()) {
                console.println("resuming with changes: " + String.join(", ", changed) + "; the run is no longer "
                        + "bit-exact with an uninterrupted one");
            }
        }
        if (data.clipSeconds() < 0.5) {
            throw new TrainingSetupException("--audio-length must be at least 0.5 s (the STFT discriminator's "
                    + "minimum), got " + data.clipSeconds());
        }
        ClipSource clips = clipSource(data, training.seed());
        CheckpointStore store = new CheckpointStore(asked.checkpointDir());
        try {
            store.checkWritable();
        } catch (IOException e) {
            throw new TrainingSetupException("cannot write checkpoints to " + asked.checkpointDir() + ": "
                    + e.getMessage());
        }
        List<Device> devices = devices(request.device());
        boolean probe = request.autoBatch() && resumed == null; // a resumed run keeps the batch its checkpoint stored
        if (!probe) { // an automatic batch is a multiple of the devices by construction
            try {
                ReplicaGroup.checkSplit(data.batchSize(), devices.size());
            } catch (IllegalArgumentException e) {
                throw new TrainingSetupException("--batch-size " + data.batchSize() + ": " + e.getMessage());
            }
        }
        String runName = resumed != null ? resumed.runName() : "soundstream_" + LocalDateTime.now().format(
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String runId = resumed != null ? resumed.runId() : newRunId();

        try (Closeable lock = lock(store)) { // refusals come before the seconds the batch probe takes
            if (resumed == null && request.initFrom() == null) {
                refuseForeignCheckpoints(store, runId);
            }
            if (probe) {
                data = autoBatch(model, disc, training, data, devices, console);
            }
            if (request.epochs() != null) {
                long perEpoch = Math.max(1, clips.size() / data.batchSize());
                training = training.toBuilder().maxSteps(Math.min(training.maxSteps(), request.epochs() * perEpoch))
                        .build();
            }
            Trainer.Setup setup = new Trainer.Setup(asked.version(), runName, runId, model, disc, data, training,
                    asked.checkpointDir(), asked.logDir());
            return train(request, setup, clips, devices, resumed, resumePath, console, onFinish);
        }
    }

    /** {@code data} with the batch {@link AutoBatchSize} chooses, at most the one asked for per device. */
    private static DataConfig autoBatch(ModelConfig model, DiscriminatorConfig disc, TrainingConfig training,
            DataConfig data, List<Device> devices, PrintStream console) {
        AutoBatchSize.Choice c = new AutoBatchSize(model, disc, training, data.clipSamples())
                .choose(devices, data.batchSize());
        console.println("batch size " + c.total() + (devices.size() > 1 ? " (" + c.perDevice() + " per device)" : "")
                + ", by --batch-size auto: " + c.how());
        return new DataConfig(data.audioDir(), data.sampleRate(), data.clipSeconds(), c.total(), data.workers(),
                data.syntheticClips());
    }

    private static Closeable lock(CheckpointStore store) throws IOException {
        try {
            return store.lock();
        } catch (FolderInUseException e) {
            throw new TrainingSetupException(e.getMessage());
        }
    }

    private static void refuseModelChanges(Request request, CheckpointMeta resumed, Path resumePath) {
        Trainer.Setup asked = request.setup();
        if (request.modelGiven() && !asked.model().equals(resumed.model())) {
            throw new TrainingSetupException("incompatible --resume checkpoint " + resumePath + ": it holds model "
                    + resumed.model() + ", the command asks for " + asked.model() + " (a model cannot change on "
                    + "resume: start a new run with --init-from or a fresh --checkpoint-dir)");
        }
        if (request.discriminatorsGiven() && !asked.discriminators().equals(resumed.discriminators())) {
            throw new TrainingSetupException("incompatible --resume checkpoint " + resumePath + ": it holds "
                    + "discriminators " + resumed.discriminators() + ", the command asks for "
                    + asked.discriminators());
        }
    }

    private static void refuseForeignCheckpoints(CheckpointStore store, String runId) throws IOException {
        List<Path> others = store.ofOtherRuns(runId);
        if (!others.isEmpty()) {
            throw new TrainingSetupException("--checkpoint-dir " + store.dir() + " holds another run's checkpoints ("
                    + others.get(others.size() - 1).getFileName() + (others.size() > 1 ? " and " + (others.size() - 1)
                    + " more" : "") + "): continue it with --resume latest, start from it with --init-from, or "
                    + "give this run a fresh --checkpoint-dir");
        }
    }

    private static String newRunId() {
        return String.format(Locale.ROOT, "%08x", new SecureRandom().nextInt());
    }

    private static TrainingSummary train(Request request, Trainer.Setup setup, ClipSource clips, List<Device> devices,
            CheckpointMeta resumed, Path resumePath, PrintStream console, Consumer<TrainingSummary> onFinish)
            throws IOException {
        ModelConfig model = setup.model();
        DiscriminatorConfig disc = setup.discriminators();
        DataConfig data = setup.data();
        Device device = devices.get(0);
        List<TrainingModels> replicas = new java.util.ArrayList<>();
        try (TrainingModels models = new TrainingModels(model, disc, setup.training().seed(), device);
                Closeable others = () -> replicas.forEach(TrainingModels::close)) {
            for (Device d : devices.subList(1, devices.size())) {
                replicas.add(new TrainingModels(model, disc, setup.training().seed(), d));
            }
            if (!device.isGpu()) {
                models.checkConvolutions();
            }
            Files.createDirectories(setup.runDir());
            Files.writeString(setup.runDir().resolve("config.json"), ConfigJson.json(setup.version(), setup.runName(), setup.sections()));
            long startStep = 0;
            DataPosition position = DataPosition.START;
            long skipped = 0;
            if (resumed != null) {
                models.load(resumePath, true);
                startStep = resumed.step();
                position = resumed.position();
                skipped = resumed.skippedSteps();
                console.println("resuming " + resumePath + " at step " + startStep);
            } else if (request.initFrom() != null) {
                CheckpointMeta init = CheckpointFile.readMeta(request.initFrom());
                if (!init.model().equals(model) || !init.discriminators().equals(disc)) {
                    throw new TrainingSetupException("--init-from " + request.initFrom() + " holds model "
                            + init.model() + ", not " + model);
                }
                models.load(request.initFrom(), false);
            }
            if (!request.quiet()) {
                console.println("training " + describe(model) + " on " + (data.synthetic()
                        ? "the embedded synthetic corpus" : clips.size() + " files in " + data.audioDir())
                        + " (" + (devices.size() == 1 ? device : devices.size() + " replicas: " + devices)
                        + "); TensorBoard run " + setup.runDir());
            }
            return runWithSignalHandling(new Trainer(setup, models, clips, console, request.quiet())
                    .withCpuBudget(request.cpuBudget()).withReplicas(replicas), startStep,
                    position, skipped, onFinish);
        }
    }

    private static TrainingSummary runWithSignalHandling(Trainer trainer, long startStep, DataPosition position,
            long skipped, Consumer<TrainingSummary> onFinish) throws IOException {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                // let the loop finish its step, save and flush its logs before the JVM goes down
                finished.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "training-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            TrainingSummary summary = trainer.run(startStep, position, skipped, stop);
            onFinish.accept(summary);
            return summary;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns now that the latch is down
            }
        }
    }

    private static String describe(ModelConfig m) {
        return "C=" + m.channels() + " D=" + m.embeddingDim() + " " + m.numQuantizers() + "x" + m.codebookSize();
    }


    private static Path resolveResume(Request r) throws IOException {
        if (r.resume().equals("latest")) {
            Path dir = r.setup().checkpointDir();
            return new CheckpointStore(dir).latest().orElseThrow(() -> new TrainingSetupException(
                    "--resume latest: no checkpoint in " + dir));
        }
        Path p = Path.of(r.resume());
        if (!Files.isRegularFile(p)) {
            throw new TrainingSetupException("--resume " + p + ": no such checkpoint");
        }
        try {
            CheckpointFile.readMeta(p);
        } catch (IOException e) {
            throw new TrainingSetupException("--resume " + e.getMessage());
        }
        return p;
    }

    static ClipSource clipSource(DataConfig data, long seed) throws IOException {
        if (data.synthetic()) {
            return new SyntheticClips(seed, data.syntheticClips(), data.sampleRate(), data.clipSamples());
        }
        Path dir = data.audioDir();
        if (!Files.exists(dir)) {
            throw new TrainingSetupException("--audio-dir " + dir + ": no such directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new TrainingSetupException("--audio-dir " + dir + ": not a directory");
        }
        List<Path> files = AudioFiles.scan(dir);
        if (files.isEmpty()) {
            throw new TrainingSetupException("--audio-dir " + dir + ": no audio files (wav, flac, mp3, ogg) found");
        }
        return new FileClips(files, data.sampleRate(), data.clipSamples());
    }

    /**
     * The devices {@code --devices} names: auto (every GPU the engine sees, else the CPU), cpu, gpu (the first),
     * gpu:0,1,… or cpu:N (N replicas on the CPU, to verify data-parallel training where there is no GPU).
     */
    static List<Device> devices(String spec) {
        Engine engine = Engine.getEngine("PyTorch");
        int gpus = engine.getGpuCount();
        String s = spec.toLowerCase(Locale.ROOT).trim();
        if (s.equals("auto")) {
            return gpus == 0 ? List.of(Device.cpu()) : gpuList(gpus);
        }
        if (s.equals("cpu")) {
            return List.of(Device.cpu());
        }
        if (s.startsWith("cpu:")) {
            int n = number(spec, s.substring(4));
            if (n < 1) {
                throw new TrainingSetupException("--devices " + spec + ": at least one CPU replica");
            }
            return java.util.Collections.nCopies(n, Device.cpu());
        }
        if (s.equals("gpu") || s.startsWith("gpu:")) {
            if (gpus == 0) {
                throw new TrainingSetupException("--devices " + spec + ": no GPU found (build with -Pcuda on a "
                        + "machine with CUDA 12.1+); use --devices cpu or auto");
            }
            if (s.equals("gpu")) {
                return List.of(Device.gpu(0));
            }
            List<Device> out = new java.util.ArrayList<>();
            for (String part : s.substring(4).split(",")) {
                int id = number(spec, part);
                if (id >= gpus || out.contains(Device.gpu(id))) {
                    throw new TrainingSetupException("--devices " + spec + ": GPU " + id + " is named twice or is "
                            + "not one of the " + gpus + " the engine sees (0.." + (gpus - 1) + ")");
                }
                out.add(Device.gpu(id));
            }
            return out;
        }
        throw new TrainingSetupException("--devices must be auto, cpu, cpu:N, gpu or gpu:0,1,..., got " + spec);
    }

    private static List<Device> gpuList(int gpus) {
        List<Device> out = new java.util.ArrayList<>();
        for (int i = 0; i < gpus; i++) {
            out.add(Device.gpu(i));
        }
        return out;
    }

    private static int number(String spec, String number) {
        try {
            int n = Integer.parseInt(number.trim());
            if (n >= 0 && n <= 64) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TrainingSetupException("--devices " + spec + ": '" + number + "' is not a number from 0 to 64");
    }

}
