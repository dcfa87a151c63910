package io.amlwarden.posture.checks;

import io.amlwarden.inventory.ContainerRegistry;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;

import org.springframework.stereotype.Component;

@Component
class AcrPrivateLinkCheck extends RegistryCheck {

	AcrPrivateLinkCheck() {
		super(Meta.id("acr-private-link")
			.title("Container registries have an approved private endpoint")
			.severity(Severity.MEDIUM)
			.category(Category.NETWORK)
			.policies("e8eef0a8-67cf-4eb4-9386-14b0e78733d4")
			.mcsb("NS-2")
			.rationale("Private endpoints (Premium SKU) let computes pull images without public access. Only"
					+ " Approved connections count.")
			.cli("az network private-endpoint create --name <pe> --resource-group <rg> --vnet-name <vnet>"
					+ " --subnet <subnet> --private-connection-resource-id <registry-id> --group-id registry"
					+ " --connection-name <registry>-pe")
			.bicep("Microsoft.Network/privateEndpoints: privateLinkServiceConnections[].properties:"
					+ " { privateLinkServiceId: <registry-id>, groupIds: ['registry'] }"));
	}

	@Override
	String path() {
		return "properties.privateEndpointConnections[*].privateLinkServiceConnectionState.status";
	}

	@Override
	String expected() {
		return "at least one Approved";
	}

	@Override
	Verdict judge(ContainerRegistry registry) {
		Verdict verdict = Values.privateLink(registry.privateEndpointConnections(), "registry");
		if (verdict.status() == io.amlwarden.posture.CheckStatus.FAIL && registry.sku() != null
				&& !Values.is(registry.sku(), "Premium")) {
			return new Verdict(verdict.status(), verdict.evidence(), verdict.detail()
					+ "; private endpoints need the Premium SKU (this registry is " + registry.sku() + ")");
		}
		return verdict;
	}

}
