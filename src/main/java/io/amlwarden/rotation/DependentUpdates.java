package io.amlwarden.rotation;

import java.util.List;

import io.amlwarden.azure.CmkOperations;
import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.rotation.RotationStore.DependentRow;

import org.springframework.stereotype.Component;

/**
 * Points one dependent at a key version and checks that it took: propagation uses it with
 * the new version, rollback with the previous one. A dependent already there is left
 * alone (a resumed rotation whose {@code PATCH} went through sends nothing).
 */
@Component
class DependentUpdates {

	private final CmkOperations azure;

	private final RotationProperties properties;

	DependentUpdates(CmkOperations azure, RotationProperties properties) {
		this.azure = azure;
		this.properties = properties;
	}

	/**
	 * Points a dependent at a version.
	 * @param r the rotation
	 * @param dependent the workspace or storage account
	 * @param version the version
	 * @param kid the version's key identifier
	 * @return the Azure request ids of the update
	 * @throws VerificationFailed when the dependent does not report the version
	 * afterwards
	 */
	List<String> point(Rotation r, DependentRow dependent, String version, String kid) {
		return (dependent.kind() == PlanView.DependentKind.WORKSPACE) ? updateWorkspace(dependent, kid)
				: updateStorage(r, dependent, version, kid);
	}

	private List<String> updateWorkspace(DependentRow dependent, String kid) {
		Workspace before = this.azure.workspace(dependent.resourceId());
		if (before.encryption() != null && kid.equalsIgnoreCase(before.encryption().keyIdentifier())) {
			return List.of();
		}
		CmkOperations.Result<Workspace> result = this.azure.updateWorkspaceKey(dependent.resourceId(), kid,
				this.properties.workspaceUpdateTimeout());
		Workspace after = result.value();
		if (after.encryption() == null || !kid.equalsIgnoreCase(after.encryption().keyIdentifier())) {
			throw new VerificationFailed("the workspace reports key "
					+ ((after.encryption() != null) ? after.encryption().keyIdentifier() : "none")
					+ " after the update", result.requestIds());
		}
		if ("Failed".equalsIgnoreCase(after.provisioningState())) {
			throw new VerificationFailed("the workspace's provisioning state is Failed", result.requestIds());
		}
		return result.requestIds();
	}

	private List<String> updateStorage(Rotation r, DependentRow dependent, String version, String kid) {
		StorageAccount before = this.azure.storageAccount(dependent.resourceId());
		StorageAccount.Encryption encryption = before.encryption();
		if (encryption != null && version.equalsIgnoreCase(encryption.keyVersion())
				&& (encryption.currentVersionedKeyIdentifier() == null
						|| kid.equalsIgnoreCase(encryption.currentVersionedKeyIdentifier()))) {
			return List.of();
		}
		String vaultUrl = (encryption != null && encryption.keyVaultUri() != null) ? encryption.keyVaultUri()
				: r.key().vaultUrl();
		CmkOperations.Result<StorageAccount> result = this.azure.updateStorageKeyVersion(dependent.resourceId(),
				vaultUrl, r.key().keyName(), version);
		StorageAccount.Encryption after = result.value().encryption();
		if (after == null || !version.equalsIgnoreCase(after.keyVersion())
				|| (after.currentVersionedKeyIdentifier() != null
						&& !kid.equalsIgnoreCase(after.currentVersionedKeyIdentifier()))) {
			throw new VerificationFailed("the storage account reports key version "
					+ ((after != null) ? after.keyVersion() : "none") + " after the update", result.requestIds());
		}
		return result.requestIds();
	}

	/** A dependent did not report the expected version after its update. */
	static final class VerificationFailed extends RuntimeException {

		private final List<String> requestIds;

		VerificationFailed(String message, List<String> requestIds) {
			super(message, null, false, false);
			this.requestIds = List.copyOf(requestIds);
		}

		List<String> requestIds() {
			return this.requestIds;
		}

	}

}
