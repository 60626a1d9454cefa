package io.github.soundstream.download;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every dataset {@code soundstream download} knows, in one place so a corrected URL or checksum is a one-line change.
 * Sources: OpenSLR's published MD5 list and torchaudio's checksum table for LibriSpeech; ESC-50's repository.
 */
public final class Catalog {
    private static final String LIBRISPEECH = "https://www.openslr.org/resources/12/";
    private static final String LIBRISPEECH_ABOUT = "read English speech, 16 kHz FLAC: a contrast to natural sounds";

    private static final List<DatasetSpec> ALL = List.of(
            new DatasetSpec("esc50", "ESC-50", "https://github.com/karolpiczak/ESC-50/archive/master.zip",
                    "ESC-50-master.zip", "805afc618aff80eff0641d51311647871fead5807da68bb18e43a27db47a79ce", null,
                    false, 645_695_005L, "ESC-50-master", "ESC-50-master/audio", 2000, "CC BY-NC 3.0",
                    "2,000 five-second environmental clips in 50 classes (animals, water, wind, rain, insects), "
                            + "44.1 kHz WAV", null),
            libri("test-clean", "39fde525e59672dc6d1551919b1478f724438a95aa55f874b576be21967e6c23",
                    "32fa31d27d2e1cad72775fee3f4849a9", -1, 2620),
            libri("dev-clean", "76f87d090650617fca0cac8f88b9416e0ebf80350acb97b343a85fa903728ab3",
                    "42e2234ba48799c1f50f24a7926300a1", 337_926_286L, 2703),
            libri("dev-other", "12661c48e8c3fe1de2c1caa4c3e135193bfb1811584f11f569dd12645aa84365", null, -1, -1),
            libri("test-other", "d09c181bba5cf717b3dee7d4d592af11a3ee3a09e08ae025c5506f6ebe961c29", null, -1, -1),
            libri("train-clean-100", "d4ddd1d5a6ab303066f14971d768ee43278a5f2a0aa43dc716b0e64ecbbbf6e2", null, -1, -1),
            libri("train-clean-360", "146a56496217e96c14334a160df97fffedd6e0a04e66b9c5af0d40be3c792ecf", null, -1, -1),
            libri("train-other-500", "ddb22f27f96ec163645d53215559df6aa36515f26e01dd70798188350adcb6d2", null, -1, -1),
            manual("fsd50k", "FSD50K", "FSD50K.dev_audio.zip", "FSD50K", "FSD50K", "CC licenses per clip",
                    "51,197 clips of everyday sounds in 200 classes, ~80 GB",
                    "download the dev and eval audio from Zenodo record 4060432 (https://zenodo.org/record/4060432); "
                            + "the dev audio is a split zip: join it first with "
                            + "'zip -s 0 FSD50K.dev_audio.zip --out FSD50K.dev_audio_joined.zip' and put the joined "
                            + "file here as FSD50K.dev_audio.zip"),
            manual("urbansound8k", "UrbanSound8K", "UrbanSound8K.tar.gz", "UrbanSound8K", "UrbanSound8K/audio",
                    "CC BY-NC 3.0", "8,732 urban clips of up to 4 s in 10 classes (birds, dogs, street), ~6 GB",
                    "request it at https://urbansounddataset.weebly.com/urbansound8k.html and put "
                            + "UrbanSound8K.tar.gz here"),
            manual("birdvox", "BirdVox-DCASE-20k", "BirdVox-DCASE-20k.zip", "BirdVox-DCASE-20k",
                    "BirdVox-DCASE-20k", "CC BY 4.0", "20,000 ten-second field recordings for bird detection, ~20 GB",
                    "download BirdVox-DCASE-20k.zip from the DCASE 2018 task 3 page "
                            + "(https://dcase.community/challenge2018/task-bird-audio-detection) and put it here"),
            manual("fsc22", "FSC22", "FSC22.zip", "FSC22", "FSC22", "CC BY 4.0",
                    "about 2,000 five-second forest sounds in 27 classes, ~5 GB",
                    "download it from Zenodo record 6467836 (https://zenodo.org/record/6467836) and put FSC22.zip here"));

    private Catalog() {
    }

    private static DatasetSpec libri(String subset, String sha256, String md5, long bytes, int files) {
        return new DatasetSpec("librispeech-" + subset, "LibriSpeech " + subset, LIBRISPEECH + subset + ".tar.gz",
                subset + ".tar.gz", sha256, md5, true, bytes, "LibriSpeech/" + subset, "LibriSpeech/" + subset, files,
                "CC BY 4.0", LIBRISPEECH_ABOUT, null);
    }

    private static DatasetSpec manual(String name, String title, String archive, String installed, String audio,
            String license, String about, String steps) {
        return new DatasetSpec(name, title, null, archive, null, null, false, -1, installed, audio, -1, license, about,
                steps);
    }

    public static List<DatasetSpec> all() {
        return ALL;
    }

    public static Optional<DatasetSpec> find(String name) {
        return ALL.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** What {@code --all} fetches: ESC-50 and LibriSpeech test-clean (the original script's two), plus manual ones. */
    public static List<DatasetSpec> allSelection() {
        List<DatasetSpec> out = new ArrayList<>();
        out.add(find("esc50").orElseThrow());
        out.add(find("librispeech-test-clean").orElseThrow());
        ALL.stream().filter(d -> !d.automatic()).forEach(out::add);
        return out;
    }
}
