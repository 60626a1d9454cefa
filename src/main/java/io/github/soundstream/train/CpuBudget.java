package io.github.soundstream.train;

import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * A limit on the CPU time the whole process uses (engine threads, data loaders, JIT and GC together), so that runs
 * compared "at equal CPU time" stay equal when other work shares the machine, which a wall-clock limit does not.
 */
public final class CpuBudget {
    /** No limit. */
    public static final CpuBudget UNLIMITED = new CpuBudget(Long.MAX_VALUE, () -> 0L);

    private final long limitNanos;
    private final LongSupplier usedNanos;

    CpuBudget(long limitNanos, LongSupplier usedNanos) {
        this.limitNanos = limitNanos;
        this.usedNanos = usedNanos;
    }

    /** The process may use {@code minutes} of CPU time from its start. */
    public static CpuBudget minutes(double minutes) {
        if (!(minutes > 0) || minutes > 1e7) {
            throw new IllegalArgumentException("--cpu-minutes must be a positive number of minutes, got " + minutes);
        }
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof com.sun.management.OperatingSystemMXBean cpu) || cpu.getProcessCpuTime() < 0) {
            throw new IllegalArgumentException("--cpu-minutes: this JVM does not report the process's CPU time");
        }
        return new CpuBudget(Math.round(minutes * 60e9), cpu::getProcessCpuTime);
    }

    /** Whether the budget is used up. */
    public boolean spent() {
        return usedNanos.getAsLong() >= limitNanos;
    }
}
