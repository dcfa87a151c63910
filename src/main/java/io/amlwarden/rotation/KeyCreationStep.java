package io.amlwarden.rotation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.amlwarden.azure.AzureCallException;
import io.amlwarden.azure.CmkOperations;
import io.amlwarden.inventory.VaultKey;
import io.amlwarden.rotation.Rotation.Step;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Step {@code ROTATING}: creates the new version and marks it with this rotation's id, or
 * adopts the version an earlier attempt of this rotation created. Only that version is
 * adopted: one created by anyone else since preflight is recorded as {@code OUT_OF_BAND}
 * and a version of our own is created after it.
 * <p>
 * How a version is known to be ours: right after {@code rotate} the new version is tagged
 * {@value #MARKER_TAG}{@code =<rotation id>}. A worker can die between the two calls, so
 * the time of the rotate call is also recorded (fenced) before Key Vault is asked; an
 * untagged version created after that time, when it is the only one, is taken to be the
 * one that call created, and tagged now. A crash therefore never creates a second
 * version.
 */
@Component
class KeyCreationStep implements RotationStep {

	/**
	 * The tag AML Warden puts on each key version it creates; the value is the rotation
	 * id.
	 */
	static final String MARKER_TAG = "aml-warden-rotation";

	/**
	 * How far Key Vault's clock may be behind ours when an untagged version's creation
	 * time is compared with the recorded time of our rotate call.
	 */
	static final Duration MARKER_CLOCK_SKEW = Duration.ofMinutes(2);

	private final CmkOperations azure;

	private final RotationStore store;

	private final PolicyStore policies;

	private final RotationNotices notices;

	private final RotationRecorder recorder;

	KeyCreationStep(CmkOperations azure, RotationStore store, PolicyStore policies, RotationNotices notices,
			RotationRecorder recorder) {
		this.azure = azure;
		this.store = store;
		this.policies = policies;
		this.notices = notices;
		this.recorder = recorder;
	}

	@Override
	public Rotation run(Rotation r, UUID token) {
		String fromVersion = required(r.key().fromVersion());
		String marker = r.id().toString();
		List<CmkOperations.MarkedVersion> newer = newerThan(
				this.azure.markedVersions(r.key().vaultUrl(), r.key().keyName()), fromVersion, r.createdAt());
		CmkOperations.MarkedVersion ours = newer.stream()
			.filter((v) -> marker.equalsIgnoreCase(v.tags().get(MARKER_TAG)))
			.reduce((a, b) -> b)
			.orElse(null);
		boolean unmarked = false;
		Instant rotateRequestedAt = r.progress().rotateRequestedAt();
		if (ours == null && rotateRequestedAt != null) {
			Instant since = rotateRequestedAt.minus(MARKER_CLOCK_SKEW);
			List<CmkOperations.MarkedVersion> candidates = newer.stream()
				.filter((v) -> !v.tags().containsKey(MARKER_TAG) && v.version().created() != null
						&& !v.version().created().isBefore(since))
				.toList();
			if (candidates.size() == 1) {
				ours = candidates.get(0);
				unmarked = true;
			}
		}
		CmkOperations.MarkedVersion adopted = ours;
		List<CmkOperations.MarkedVersion> others = newer.stream().filter((v) -> v != adopted).toList();
		if (!others.isEmpty()) {
			outOfBand(r, token, others);
		}
		VaultKey.KeyVersion created;
		List<String> requestIds = new ArrayList<>();
		String type;
		String detail;
		Rotation base;
		if (ours != null) {
			base = r;
			created = ours.version();
			type = "VERSION_ADOPTED";
			detail = "new version " + created.version()
					+ (unmarked ? " (created after this rotation asked Key Vault, before it could mark the version)"
							: " (marked with this rotation's id)");
			if (unmarked) {
				requestIds.addAll(mark(r, token, created.version()));
			}
		}
		else {
			Rotation recorded = recordRotateCall(r, token);
			CmkOperations.Result<VaultKey.KeyVersion> result = this.azure.rotate(recorded.key().vaultUrl(),
					recorded.key().keyName());
			created = result.value();
			requestIds.addAll(result.requestIds());
			requestIds.addAll(mark(recorded, token, created.version()));
			type = "KEY_ROTATED";
			detail = "new version " + created.version();
			base = recorded;
		}
		Instant now = this.recorder.now();
		Rotation next = base.moveTo(base.status(), Step.PROPAGATING, now)
			.withKey(base.key().withTo(created.version(), created.kid()));
		return this.recorder.inTx(() -> {
			Rotation saved = this.recorder.save(next, token);
			this.store.knownVersion(r.key().keyId(), created.version(), "WARDEN", created.created(), now);
			this.recorder.event(saved, type, null, null, detail, requestIds);
			// The schedule restarts from the new version.
			this.policies.findByKey(r.key().keyId()).ifPresent((p) -> {
				Instant anchor = (created.created() != null) ? created.created() : now;
				Policy updated = PolicyService.withDue(new Policy(p.id(), p.name(), p.targetKind(), p.workspaceId(),
						p.vaultId(), p.vaultUrl(), p.keyName(), p.keyId(), p.rotationPeriod(), p.expiry(),
						p.windowDays(), p.windowStartHour(), p.windowEndHour(), p.maxJitter(), p.notifyBefore(),
						p.approvalRequired(), p.nativeRotation(), p.enabled(), anchor, null, null, null, p.createdBy(),
						p.createdAt(), now, p.version()));
				this.policies.schedule(p.id(), anchor, updated.nextDueAt(), updated.nextDueReason(), null, now);
			});
			return saved;
		});
	}

	/**
	 * Records, fenced, that this rotation is about to ask Key Vault for a new version: a
	 * worker resuming after a crash then knows that an untagged version created since may
	 * be the one this call created.
	 */
	Rotation recordRotateCall(Rotation r, UUID token) {
		Instant asked = this.recorder.now();
		Rotation moved = r.moveTo(r.status(), Step.ROTATING, asked);
		return this.recorder.write(r, token, moved.withProgress(moved.progress().withRotateRequestedAt(asked)),
				"ROTATE_REQUESTED", null, "from version " + r.key().fromVersion(), List.of());
	}

	/**
	 * Tags a version this rotation created with its id. A refusal (e.g. the identity
	 * lacks the key {@code update} permission) does not stop the rotation, whose own
	 * record names the version; it is noted as an event.
	 */
	private List<String> mark(Rotation r, UUID token, String version) {
		try {
			return this.azure.tagVersion(r.key().vaultUrl(), r.key().keyName(), version, MARKER_TAG, r.id().toString())
				.requestIds();
		}
		catch (AzureCallException ex) {
			this.recorder.inTx(() -> {
				this.recorder.renewInTx(r, token);
				this.recorder.event(r, "VERSION_MARK_FAILED", null, null,
						"could not tag version " + version + ": " + ex.getMessage(), ex.requestIds());
				return r;
			});
			return List.of();
		}
	}

	/** Records versions someone else created since preflight; they are not adopted. */
	private void outOfBand(Rotation r, UUID token, List<CmkOperations.MarkedVersion> versions) {
		Instant now = this.recorder.now();
		String keyId = r.key().keyId();
		this.recorder.inTx(() -> {
			this.recorder.renewInTx(r, token);
			for (CmkOperations.MarkedVersion v : versions) {
				String version = v.version().version();
				boolean fresh = this.store.jdbc()
					.queryForList("SELECT 1 FROM rotation_key_version WHERE key_id = ? AND version = ?", Integer.class,
							keyId, version)
					.isEmpty();
				if (!fresh) {
					continue;
				}
				this.store.knownVersion(keyId, version, "OUT_OF_BAND", v.version().created(), now);
				this.recorder.event(
						r, "OUT_OF_BAND_VERSION", null, null, "version " + version + " (created "
								+ v.version().created() + ") was not created by this rotation; it is not adopted",
						List.of());
				Map<String, Object> data = new LinkedHashMap<>();
				data.put("rotationId", r.id().toString());
				data.put("keyId", keyId);
				data.put("version", version);
				this.notices.publish("key.out-of-band-version", keyId, data);
			}
			return r;
		});
	}

	/**
	 * The versions created after {@code fromVersion} (by creation time; Key Vault does
	 * not promise an order), newest last.
	 */
	static List<CmkOperations.MarkedVersion> newerThan(List<CmkOperations.MarkedVersion> versions, String fromVersion,
			Instant fallback) {
		Instant from = versions.stream()
			.filter((v) -> v.version().version().equalsIgnoreCase(fromVersion))
			.map((v) -> v.version().created())
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(fallback);
		return versions.stream()
			.filter((v) -> !v.version().version().equalsIgnoreCase(fromVersion))
			.filter((v) -> v.version().created() == null || !v.version().created().isBefore(from))
			.sorted(Comparator.comparing((CmkOperations.MarkedVersion v) -> v.version().created(),
					Comparator.nullsLast(Comparator.naturalOrder())))
			.toList();
	}

	static String required(@Nullable String value) {
		if (value == null) {
			throw new IllegalStateException("rotation is missing a recorded version");
		}
		return value;
	}

}
