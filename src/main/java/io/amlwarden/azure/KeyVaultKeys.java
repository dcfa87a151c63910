package io.amlwarden.azure;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.models.KeyRotationLifetimeAction;
import com.azure.security.keyvault.keys.models.KeyRotationPolicy;
import com.azure.security.keyvault.keys.models.KeyRotationPolicyAction;
import io.amlwarden.inventory.ReadResult;
import io.amlwarden.inventory.RotationPolicy;

import org.springframework.stereotype.Service;

/**
 * Key Vault's own rotation policy of a key (data plane): read it, and replace it when a
 * rotation policy asks for native rotation. Creating and listing key versions belongs to
 * {@link CmkOperations}. Uses the SDK's {@link KeyClient}, so the bearer challenge
 * (including resource verification against the vault's host) runs as against Azure.
 * Failures surface as {@link AzureCallException}.
 */
@Service
public class KeyVaultKeys {

	private final AzureClients clients;

	KeyVaultKeys(AzureClients clients) {
		this.clients = clients;
	}

	/**
	 * The key's rotation policy; absent when the key has none.
	 */
	public ReadResult<RotationPolicy> rotationPolicy(String vaultUrl, String keyName) {
		return call("get rotation policy of " + keyName, () -> {
			KeyRotationPolicy policy = client(vaultUrl).getKeyRotationPolicy(keyName);
			RotationPolicy mapped = map(policy);
			return mapped.lifetimeActions().isEmpty() ? ReadResult.absent() : ReadResult.present(mapped);
		});
	}

	/**
	 * Replaces the key's rotation policy.
	 */
	public RotationPolicy updateRotationPolicy(String vaultUrl, String keyName, RotationPolicy policy) {
		return call("set rotation policy of " + keyName, () -> {
			List<KeyRotationLifetimeAction> actions = new ArrayList<>();
			for (RotationPolicy.LifetimeAction action : policy.lifetimeActions()) {
				if (action.action() == RotationPolicy.Action.OTHER) {
					continue;
				}
				KeyRotationLifetimeAction sdkAction = new KeyRotationLifetimeAction(
						(action.action() == RotationPolicy.Action.ROTATE) ? KeyRotationPolicyAction.ROTATE
								: KeyRotationPolicyAction.NOTIFY);
				if (action.timeAfterCreate() != null) {
					sdkAction.setTimeAfterCreate(action.timeAfterCreate());
				}
				if (action.timeBeforeExpiry() != null) {
					sdkAction.setTimeBeforeExpiry(action.timeBeforeExpiry());
				}
				actions.add(sdkAction);
			}
			KeyRotationPolicy sdkPolicy = new KeyRotationPolicy().setLifetimeActions(actions);
			if (policy.expiryTime() != null) {
				sdkPolicy.setExpiresIn(policy.expiryTime());
			}
			return map(client(vaultUrl).updateKeyRotationPolicy(keyName, sdkPolicy));
		});
	}

	private KeyClient client(String vaultUrl) {
		return this.clients.keyClient(vaultUrl);
	}

	private static RotationPolicy map(KeyRotationPolicy policy) {
		List<RotationPolicy.LifetimeAction> actions = new ArrayList<>();
		if (policy.getLifetimeActions() != null) {
			for (KeyRotationLifetimeAction action : policy.getLifetimeActions()) {
				actions.add(new RotationPolicy.LifetimeAction(
						RotationPolicy.Action
							.parse((action.getAction() != null) ? action.getAction().toString() : null),
						action.getTimeAfterCreate(), action.getTimeBeforeExpiry()));
			}
		}
		return new RotationPolicy(policy.getExpiresIn(), actions, instant(policy.getCreatedOn()),
				instant(policy.getUpdatedOn()));
	}

	private static java.time.Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

	private static <T> T call(String operation, java.util.function.Supplier<T> action) {
		try {
			return action.get();
		}
		catch (RuntimeException ex) {
			throw AzureCallException.failed(operation, operation, operation, ex);
		}
	}

}
