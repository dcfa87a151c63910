/**
 * Everything that talks to Azure: credentials, cloud endpoints, the Resource Graph, ARM,
 * Key Vault and Microsoft Graph clients, throttling and request budgets. The only package
 * that imports {@code com.azure..}; it turns Azure responses into the immutable records
 * of {@link io.amlwarden.inventory} so that no SDK type leaks out.
 * <p>
 * Entry points for other modules, one per family of operations:
 * {@link io.amlwarden.azure.InventoryCollector} (scope to snapshot),
 * {@link io.amlwarden.azure.CmkOperations} (every call of a customer-managed key
 * rotation: fresh reads of the vault, key versions, workspaces and storage accounts, the
 * key {@code rotate} and tagging, the workspace and storage account key updates, the
 * caller's permissions), {@link io.amlwarden.azure.KeyVaultKeys} (Key Vault's own
 * rotation policy of a key) and {@link io.amlwarden.azure.RoleAssignmentOperations} (role
 * assignments and their principals, for access reviews). Reads that fail inside a
 * collection become the snapshot's read failures; any other failed call surfaces as the
 * one {@link io.amlwarden.azure.AzureCallException} (a reason, whether retrying can help,
 * the status, Azure's error code and request ids), never as an SDK type.
 */
package io.amlwarden.azure;
