package io.github.soundstream.train;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import io.github.soundstream.engine.HostMemory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Memory in use on each device a run trains on, where the engine reports it: a GPU's used and total memory from
 * CUDA, and for the CPU (all CPU replicas share it) this process's resident memory against what it may use.
 */
record DeviceMemory(String name, double usedMb, double totalMb) {
    static List<DeviceMemory> of(List<Device> devices) {
        List<DeviceMemory> out = new ArrayList<>();
        for (Device d : new LinkedHashSet<>(devices)) {
            if (d.isGpu()) {
                java.lang.management.MemoryUsage mem = CudaUtils.getGpuMemory(d);
                out.add(new DeviceMemory("gpu" + d.getDeviceId(), mem.getUsed() / 1048576.0,
                        mem.getMax() / 1048576.0));
            } else if (out.stream().noneMatch(m -> m.name().equals("cpu"))) {
                out.add(new DeviceMemory("cpu", HostMemory.currentMb(), HostMemory.usableMb()));
            }
        }
        return out;
    }

    /** "gpu0 5.1/11.8 GB" for the progress line. */
    String brief() {
        return String.format(Locale.ROOT, "%s %.1f/%.1f GB", name, usedMb / 1024, totalMb / 1024);
    }
}
