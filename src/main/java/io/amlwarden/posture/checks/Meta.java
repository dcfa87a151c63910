package io.amlwarden.posture.checks;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.amlwarden.posture.Category;
import io.amlwarden.posture.CheckMetadata;
import io.amlwarden.posture.Profile;
import io.amlwarden.posture.Severity;
import org.jspecify.annotations.Nullable;

/**
 * Builds a check's metadata; every field except the references is required.
 */
final class Meta {

	private final String id;

	private @Nullable String title;

	private @Nullable Severity severity;

	private @Nullable String resourceType;

	private @Nullable Category category;

	private Set<Profile> profiles = EnumSet.allOf(Profile.class);

	private final List<String> policies = new ArrayList<>();

	private @Nullable String mcsb;

	private @Nullable String cis;

	private @Nullable String rationale;

	private @Nullable String cli;

	private @Nullable String bicep;

	private Meta(String id) {
		this.id = id;
	}

	static Meta id(String id) {
		return new Meta(id);
	}

	Meta title(String value) {
		this.title = value;
		return this;
	}

	Meta severity(Severity value) {
		this.severity = value;
		return this;
	}

	Meta resourceType(String value) {
		this.resourceType = value;
		return this;
	}

	Meta category(Category value) {
		this.category = value;
		return this;
	}

	/**
	 * Limits the check to the REGULATED profile (the default is every profile).
	 */
	Meta regulatedOnly() {
		this.profiles = EnumSet.of(Profile.REGULATED);
		return this;
	}

	/**
	 * Azure Policy built-in definition GUIDs testing the same condition.
	 */
	Meta policies(String... guids) {
		this.policies.addAll(List.of(guids));
		return this;
	}

	Meta mcsb(String control) {
		this.mcsb = control;
		return this;
	}

	Meta cis(String control) {
		this.cis = control;
		return this;
	}

	Meta rationale(String value) {
		this.rationale = value;
		return this;
	}

	Meta cli(String value) {
		this.cli = value;
		return this;
	}

	Meta bicep(String value) {
		this.bicep = value;
		return this;
	}

	CheckMetadata build() {
		return new CheckMetadata(this.id, required(this.title, "title"), required(this.severity, "severity"),
				required(this.resourceType, "resourceType"), required(this.category, "category"), this.profiles,
				this.policies, this.mcsb, this.cis, required(this.rationale, "rationale"), required(this.cli, "cli"),
				required(this.bicep, "bicep"));
	}

	private <T> T required(@Nullable T value, String name) {
		return Objects.requireNonNull(value, () -> "Check " + this.id + " has no " + name);
	}

}
