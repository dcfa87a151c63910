package io.amlwarden.posture;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;

import io.amlwarden.api.ApiException;
import io.amlwarden.api.PageQuery;
import io.amlwarden.api.PageResponse;
import io.amlwarden.api.ProblemType;
import io.amlwarden.security.CallerIdentity;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

/**
 * Queues scans (from the API and schedules) and starts running them at once on this
 * replica; queued scans left behind are picked up by any replica's poller.
 */
@Service
class ScanService {

	private static final Logger log = LoggerFactory.getLogger(ScanService.class);

	private final Scans scans;

	private final ScanRunner runner;

	private final Executor executor;

	private final Clock clock;

	ScanService(Scans scans, ScanRunner runner, Executor applicationTaskExecutor, Clock clock) {
		this.scans = scans;
		this.runner = runner;
		this.executor = applicationTaskExecutor;
		this.clock = clock;
	}

	/**
	 * Queues a scan requested through the API.
	 * @throws ApiException 409 when the scope already has an active scan
	 */
	ScanView request(ScanRequest request, CallerIdentity caller) {
		ScanScope scope = new ScanScope(request.subscriptions(),
				(request.resourceGroups() != null) ? request.resourceGroups() : List.of(),
				(request.workspaces() != null) ? request.workspaces() : List.of());
		for (String group : scope.resourceGroups()) {
			if (!scope.subscriptions().contains(group.split("/")[2])) {
				throw ApiException.badRequest("Resource group " + group + " is not in one of the scan's subscriptions");
			}
		}
		for (String workspace : scope.workspaces()) {
			if (!scope.subscriptions().contains(workspace.split("/")[2])) {
				throw ApiException.badRequest("Workspace " + workspace + " is not in one of the scan's subscriptions");
			}
		}
		String profile = (request.profile() != null) ? request.profile().name() : "CONFIGURED";
		UUID id = enqueue(scope, profile, "API", null, caller.principalId());
		return this.scans.get(id).orElseThrow();
	}

	/**
	 * Queues a scan and kicks this replica's runner.
	 * @return the new scan
	 * @throws ApiException 409 when the scope already has an active scan
	 */
	UUID enqueue(ScanScope scope, String profile, String trigger, @Nullable String scheduleName, String requestedBy) {
		// The active scan can finish between the refused insert and the lookup; then the
		// scope is free again and the request is retried rather than answered with a
		// conflict that names no scan.
		for (int attempt = 0; attempt < 3; attempt++) {
			Optional<UUID> id = this.scans.enqueue(scope, profile, trigger, scheduleName, requestedBy,
					this.clock.instant());
			if (id.isPresent()) {
				kick();
				return id.get();
			}
			Optional<UUID> active = this.scans.activeFor(scope);
			if (active.isPresent()) {
				throw new ApiException(ProblemType.CONFLICT, "A scan of this scope is already queued or running",
						Map.of("activeScanId", active.get().toString()));
			}
		}
		throw new ApiException(ProblemType.CONFLICT,
				"Scans of this scope are starting and finishing too quickly; retry", Map.of());
	}

	void kick() {
		try {
			this.executor.execute(this.runner::runQueued);
		}
		catch (RuntimeException ex) {
			// The poller will run it; starting now is only a shortcut.
			log.debug("Could not start the scan runner now: {}", ex.getMessage());
		}
	}

	ScanView get(UUID id) {
		return this.scans.get(id).orElseThrow(() -> ApiException.notFound("Scan", id.toString()));
	}

	PageResponse<ScanView> list(Scans.Filter filter, PageQuery page) {
		if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
			throw ApiException.badRequest("'from' must be before 'to'");
		}
		Pageable pageable = page.toPageable(Sort.unsorted());
		long total = this.scans.count(filter);
		return PageResponse.of(this.scans.page(filter, pageable.getPageSize(), pageable.getOffset()), pageable, total);
	}

}
