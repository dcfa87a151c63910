package io.amlwarden.rotation;

import java.util.Map;

import io.amlwarden.api.ApiException;
import io.amlwarden.api.ProblemType;
import io.amlwarden.security.CallerIdentity;
import io.amlwarden.security.WardenRole;
import org.jspecify.annotations.Nullable;

/**
 * The service-level approval rule ({@code warden.rotation.approval}). An API caller can
 * make approval stricter (a policy with {@code approvalRequired=true}) but never weaker:
 * only configuration relaxes it, and only an Admin may write a policy without approval or
 * delete one that requires it.
 * <ul>
 * <li>{@code always} (the default): every on-demand rotation needs an Admin's approval;
 * scheduled rotations follow their policy.</li>
 * <li>{@code policy}: an on-demand rotation follows the key's policy, and needs approval
 * when the key has none.</li>
 * <li>{@code never}: approval only where a policy asks for it; the Admin-only rules on
 * policies are off.</li>
 * </ul>
 */
final class ApprovalRule {

	/** The rule a refusal names, so a caller can tell which guard stopped them. */
	static final String POLICY_RULE = "warden.rotation.approval: only an Admin may remove approval";

	private final ApprovalMode mode;

	ApprovalRule(ApprovalMode mode) {
		this.mode = mode;
	}

	/**
	 * Whether an on-demand rotation of a key needs approval.
	 * @param policy the key's policy, if it has one
	 */
	boolean onDemand(@Nullable Policy policy) {
		return switch (this.mode) {
			case ALWAYS -> true;
			case POLICY -> policy == null || policy.approvalRequired();
			case NEVER -> policy != null && policy.approvalRequired();
		};
	}

	/**
	 * Checks that the caller may create or change a policy to this approval setting.
	 * @param existing the policy before the change, or {@code null} when creating
	 * @param approvalRequired the setting asked for
	 * @throws ApiException 403 when a non-Admin would write a policy without approval
	 */
	void checkWrite(CallerIdentity caller, @Nullable Policy existing, boolean approvalRequired) {
		if (!approvalRequired) {
			requireAdmin(caller, (existing == null) ? "create a rotation policy without approval"
					: "save a rotation policy without approval");
		}
	}

	/**
	 * Checks that the caller may delete a policy.
	 * @throws ApiException 403 when a non-Admin would delete a policy that requires
	 * approval
	 */
	void checkDelete(CallerIdentity caller, Policy policy) {
		if (policy.approvalRequired()) {
			requireAdmin(caller, "delete a rotation policy that requires approval");
		}
	}

	private void requireAdmin(CallerIdentity caller, String action) {
		if (this.mode == ApprovalMode.NEVER || caller.roles().contains(WardenRole.ADMIN.name())) {
			return;
		}
		throw new ApiException(ProblemType.FORBIDDEN, "Only an Admin may " + action, Map.of("rule", POLICY_RULE));
	}

	/**
	 * How strictly approval is enforced.
	 */
	enum ApprovalMode {

		ALWAYS, POLICY, NEVER

	}

}
