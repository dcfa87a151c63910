/**
 * Everything that talks to Azure: credentials, cloud endpoints, the Resource Graph, ARM,
 * Key Vault and Microsoft Graph clients, throttling and request budgets. The only package
 * that imports {@code com.azure..}; it turns Azure responses into the immutable records
 * of {@link io.amlwarden.inventory} so that no SDK type leaks out.
 * <p>
 * Entry points for other modules: {@link io.amlwarden.azure.InventoryCollector} (scope to
 * snapshot), {@link io.amlwarden.azure.KeyVaultKeys} (data-plane key operations) and
 * {@link io.amlwarden.azure.WorkspaceUpdater} (the workspace CMK PATCH).
 */
package io.amlwarden.azure;
