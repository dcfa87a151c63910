package io.amlwarden.posture.checks;

import io.amlwarden.inventory.ContainerRegistry;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;

import org.springframework.stereotype.Component;

@Component
class AcrCmkCheck extends RegistryCheck {

	private static final String PATH = "properties.encryption.status";

	AcrCmkCheck() {
		super(Meta.id("acr-cmk")
			.title("Container registries encrypt images with a customer-managed key")
			.severity(Severity.MEDIUM)
			.category(Category.ENCRYPTION)
			.regulatedOnly()
			.policies("5b9159ae-1701-4a6f-9a7a-aa9c8ddd0580")
			.mcsb("DP-5")
			.rationale("Images can embed model weights and code. A customer-managed key (Premium SKU, set at"
					+ " creation) lets you revoke access. Absent means disabled. MCSB ships this control disabled,"
					+ " hence REGULATED only.")
			.cli("az acr create --name <registry> --resource-group <rg> --sku Premium --key-encryption-key <key-url>"
					+ " --identity <identity-id>  # new registry; import the images")
			.bicep("properties.encryption: { status: 'enabled', keyVaultProperties: { keyIdentifier: <key-url>,"
					+ " identity: <identity-client-id> } }"));
	}

	@Override
	String path() {
		return PATH;
	}

	@Override
	String expected() {
		return "enabled";
	}

	@Override
	Verdict judge(ContainerRegistry registry) {
		String status = registry.encryptionStatus();
		return Verdict.of(Values.is(status, "enabled"), PATH, status, "enabled",
				"Images are encrypted with a customer-managed key",
				(status == null) ? "Not set, which means Microsoft-managed keys"
						: "Images are encrypted with Microsoft-managed keys");
	}

}
