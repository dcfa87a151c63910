package io.amlwarden.findings;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.amlwarden.api.TrendRange;
import io.amlwarden.security.RequiresRole;
import io.amlwarden.security.WardenRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Findings opened and resolved per bucket, and how many were open at the end of each,
 * from the append-only state history. The open count is exact, not sampled: the current
 * count minus every change into OPEN after the bucket, plus every change out of it.
 */
@RestController
@RequestMapping(path = "/api/v1/findings/trend", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Findings", description = "Findings, their lifecycle, suppressions and exports")
class FindingTrend {

	private final FindingTrendStore store;

	private final Clock clock;

	FindingTrend(FindingTrendStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	@GetMapping
	@RequiresRole(WardenRole.READER)
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	@Operation(operationId = "getFindingsTrend",
			summary = "Findings opened (new, regressed or no longer suppressed) and resolved per day or week, and open "
					+ "at the end of each")
	Trend trend(@RequestParam(required = false) @Nullable @Size(max = 64) String subscription,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
			@Parameter(schema = @Schema(allowableValues = { "day", "week" }, defaultValue = "day")) @RequestParam(
					required = false) @Nullable String bucket) {
		TrendRange range = TrendRange.of(bucket, from, to, this.clock.instant());
		String sub = (subscription != null) ? subscription.toLowerCase(Locale.ROOT) : null;
		// Changes after the range are summed too: they separate today's open count from
		// the count at the range's end.
		Map<Instant, long[]> changes = this.store.changesSince(range.bucket().sqlField(), range.from(), sub);
		long open = this.store.openNow(sub);
		List<Instant> starts = range.bucketStarts();
		Instant end = starts.isEmpty() ? range.to()
				: range.bucket() == TrendRange.Bucket.DAY
						? starts.get(starts.size() - 1).plus(java.time.Duration.ofDays(1))
						: starts.get(starts.size() - 1).plus(java.time.Duration.ofDays(7));
		for (Map.Entry<Instant, long[]> change : changes.entrySet()) {
			if (!change.getKey().isBefore(end)) {
				open -= change.getValue()[0] - change.getValue()[2];
			}
		}
		Point[] points = new Point[starts.size()];
		for (int i = starts.size() - 1; i >= 0; i--) {
			long[] c = changes.getOrDefault(starts.get(i), new long[3]);
			points[i] = new Point(starts.get(i), c[0], c[1], open);
			open -= c[0] - c[2];
		}
		return new Trend(range.bucket(), range.from(), range.to(), sub, List.of(points));
	}

	/**
	 * Findings per bucket.
	 *
	 * @param bucket the bucket size
	 * @param from the first bucket's start
	 * @param to the end of the range
	 * @param subscription the subscription it is narrowed to, or null
	 * @param points one per bucket, oldest first
	 */
	record Trend(TrendRange.Bucket bucket, Instant from, Instant to, @Nullable String subscription,
			List<Point> points) {
	}

	/**
	 * One bucket.
	 *
	 * @param bucketStart its start (UTC)
	 * @param opened findings that became OPEN in it
	 * @param resolved findings that became RESOLVED in it
	 * @param open findings open at its end
	 */
	record Point(Instant bucketStart, long opened, long resolved, long open) {
	}

}
