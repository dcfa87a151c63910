package io.amlwarden.posture.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.inventory.RoleDefinition;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

/**
 * No custom role granting every action ({@code *}) is assignable in a workspace
 * subscription.
 */
@Component
class RbacNoCustomOwnerCheck extends AbstractCheck {

	private static final String PATH = "roleDefinitions[type=CustomRole].permissions[*].actions";

	private static final String EXPECTED = "no custom role with '*' assignable in the subscription";

	RbacNoCustomOwnerCheck() {
		super(Meta.id("rbac-no-custom-owner")
			.title("No custom role in a workspace subscription grants every action")
			.severity(Severity.HIGH)
			.category(Category.ACCESS)
			.resourceType(ResourceTypes.SUBSCRIPTION)
			.policies("a451c1ef-c6ca-483d-87ed-f49761e3ffb5")
			.mcsb("PA-7")
			.rationale("A custom role with '*' is an Owner that escapes reviews of the built-in Owner role."
					+ " A role counts when one of its assignable scopes is the subscription, something inside it, or"
					+ " the root. A role assignable only at management groups may or may not reach the"
					+ " subscription (the hierarchy is not in the snapshot), so it makes the result UNKNOWN rather"
					+ " than a pass.")
			.cli("az role definition update --role-definition role.json"
					+ "  # replace '*' with the actions the role needs")
			.bicep("Microsoft.Authorization/roleDefinitions: properties.permissions[].actions without '*'"));
	}

	@Override
	public List<CheckResult> evaluate(WorkspaceGraph graph) {
		List<RoleDefinition> everything = graph.snapshot()
			.roleDefinitions()
			.stream()
			.filter(Roles::grantsEverything)
			.toList();
		List<CheckResult> results = new ArrayList<>();
		for (String subscription : graph.subscriptions()) {
			String scope = "/subscriptions/" + subscription;
			results.add(result(scope, judge(graph, subscription, scope, everything),
					graph.workspacesInSubscription(subscription)));
		}
		return results;
	}

	private Verdict judge(WorkspaceGraph graph, String subscription, String scope, List<RoleDefinition> everything) {
		Optional<ReadFailure> failure = graph.failure(scope, "roleDefinitions");
		if (failure.isPresent()) {
			return Verdict.unreadable(PATH, EXPECTED, "the role definitions of subscription " + subscription,
					failure.get());
		}
		List<String> applies = new ArrayList<>();
		List<String> maybe = new ArrayList<>();
		for (RoleDefinition definition : everything) {
			boolean here = false;
			boolean managementGroup = false;
			for (String assignable : definition.assignableScopes()) {
				String key = ArmIds.key(assignable);
				if (key == null) {
					continue;
				}
				if (key.equals("/") || key.equals(scope) || key.startsWith(scope + "/")) {
					here = true;
				}
				else if (key.startsWith("/providers/microsoft.management/managementgroups/")) {
					managementGroup = true;
				}
			}
			if (here) {
				applies.add(definition.roleName());
			}
			else if (managementGroup) {
				maybe.add(definition.roleName());
			}
		}
		if (!applies.isEmpty()) {
			return Verdict.fail(PATH, String.join(", ", applies), EXPECTED,
					"Custom role(s) granting every action are assignable in the subscription: "
							+ String.join(", ", applies));
		}
		if (!maybe.isEmpty()) {
			return Verdict.unknown(PATH, EXPECTED,
					"Custom role(s) granting every action are assignable at management groups that may contain"
							+ " subscription " + subscription.toLowerCase(Locale.ROOT) + ": "
							+ String.join(", ", maybe));
		}
		return Verdict.pass(PATH, "none", EXPECTED, "No custom role grants every action in the subscription");
	}

}
