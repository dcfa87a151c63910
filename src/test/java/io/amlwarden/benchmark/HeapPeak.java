package io.amlwarden.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The peak heap the benchmarks report: the sum of the heap pools' peaks (garbage
 * included), since the JVM started or the pools' peaks were last reset.
 */
final class HeapPeak {

	private HeapPeak() {
	}

	static long megabytes() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak / (1024 * 1024);
	}

}
