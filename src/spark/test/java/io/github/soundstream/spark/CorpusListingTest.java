package io.github.soundstream.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

class CorpusListingTest {
    @Test
    void globsMirrorFromTheFolderAboveTheFirstWildcard() {
        assertEquals(new Path("hdfs://nn/archive"),
                CorpusListing.globRoot(new Path("hdfs://nn/archive/2024-*/*.flac")));
        assertEquals(new Path("/data"), CorpusListing.globRoot(new Path("/data/*.wav")));
    }

    @Test
    void listedPathsShareTheirDeepestCommonFolder() {
        Path root = CorpusListing.commonFolder(List.of(new Path("s3a://b/x/site1/a.wav"),
                new Path("s3a://b/x/site1/deep/b.wav"), new Path("s3a://b/x/site12/c.wav")));
        assertEquals(new Path("s3a://b/x"), root);
        assertEquals("site1/deep/b.wav", CorpusListing.relative(root, new Path("s3a://b/x/site1/deep/b.wav")));
    }

    @Test
    void outputsKeepTheFolderAndSwapTheExtension() {
        assertEquals(new Path("/out/site.1/a.ssc"), CorpusOutputs.mirrored("/out", "site.1/a.wav", ".ssc"));
        assertEquals(new Path("/out/noext.ssc"), CorpusOutputs.mirrored("/out", "noext", ".ssc"));
    }
}
