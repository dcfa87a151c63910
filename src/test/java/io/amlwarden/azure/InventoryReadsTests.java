package io.amlwarden.azure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list of what a collection reads drives the Resource Graph query, the ARM fallback
 * and single reads; these pin what it produces.
 */
class InventoryReadsTests {

	@Test
	void theBulkQueryNamesTheChildTypesAndEveryLinkedType() {
		assertThat(InventoryReads.RESOURCES_QUERY)
			.isEqualTo("resources | where type in~ (" + "'microsoft.machinelearningservices/workspaces/computes', "
					+ "'microsoft.machinelearningservices/workspaces/onlineendpoints', 'microsoft.keyvault/vaults', "
					+ "'microsoft.storage/storageaccounts', 'microsoft.containerregistry/registries', "
					+ "'microsoft.insights/components', 'microsoft.operationalinsights/workspaces') "
					+ "| project id, name, type, location, kind, sku, identity, tags, properties | order by id asc");
	}

	@Test
	void aLinkedIdResolvesToItsTypeInAnyCase() {
		String rg = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg";
		assertThat(InventoryReads.linkedOf(rg + "/providers/Microsoft.KeyVault/vaults/kv"))
			.isSameAs(InventoryReads.KEY_VAULTS);
		assertThat(InventoryReads.linkedOf(rg + "/providers/MICROSOFT.STORAGE/storageAccounts/st"))
			.isSameAs(InventoryReads.STORAGE_ACCOUNTS);
		assertThat(InventoryReads.linkedOf(rg + "/providers/Microsoft.OperationalInsights/workspaces/la"))
			.isSameAs(InventoryReads.LOG_ANALYTICS);
		assertThat(InventoryReads.linkedOf(rg + "/providers/Microsoft.MachineLearningServices/workspaces/ws")).isNull();
		assertThat(InventoryReads.linked("microsoft.insights/components")).isSameAs(InventoryReads.APP_INSIGHTS);
	}

}
