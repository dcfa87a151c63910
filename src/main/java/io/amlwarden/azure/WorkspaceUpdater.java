package io.amlwarden.azure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.azure.core.http.HttpMethod;
import com.azure.core.util.Context;
import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.inventory.Workspace;

import org.springframework.stereotype.Service;

/**
 * Points a workspace at a new customer-managed key version: {@code PATCH} with
 * {@code properties.encryption.keyVaultProperties.keyIdentifier}, then follows the
 * long-running operation ({@code 202} + {@code Location}, honouring {@code Retry-After})
 * and re-reads the workspace. There is no Java SDK for Machine Learning, so the call goes
 * through the authenticated ARM pipeline.
 */
@Service
public class WorkspaceUpdater {

	private static final Duration DEFAULT_POLL = Duration.ofSeconds(10);

	private final ArmRequests arm;

	WorkspaceUpdater(AzureClients clients) {
		this.arm = new ArmRequests(clients);
	}

	/**
	 * Reads a workspace through ARM.
	 */
	public Workspace get(String workspaceId) {
		String subscription = ArmIds.subscriptionOf(workspaceId);
		try {
			return InventoryMapper.workspace(this.arm.get(subscription, workspaceId, ArmRequests.ML_API, Context.NONE));
		}
		catch (RuntimeException ex) {
			throw new AzureOperationException("read " + workspaceId,
					AzureReadException.failure(workspaceId, "workspace", ex), ex);
		}
	}

	/**
	 * Updates the workspace's key identifier and waits for the operation to finish.
	 * @param workspaceId the workspace
	 * @param keyIdentifier the versioned key URL; must be in the workspace's original
	 * vault
	 * @param maxWait how long to follow the operation before giving up
	 * @return the workspace as ARM returns it afterwards
	 * @throws AzureOperationException when ARM refuses, or the operation does not finish
	 * in time
	 */
	public Workspace updateEncryptionKey(String workspaceId, String keyIdentifier, Duration maxWait) {
		String subscription = ArmIds.subscriptionOf(workspaceId);
		String body = "{\"properties\":{\"encryption\":{\"keyVaultProperties\":{\"keyIdentifier\":\""
				+ keyIdentifier.replace("\"", "") + "\"}}}}";
		Instant deadline = Instant.now().plus(maxWait);
		try {
			ArmRequests.Result result = this.arm.send(subscription, HttpMethod.PATCH,
					this.arm.url(workspaceId, ArmRequests.ML_API), body.getBytes(StandardCharsets.UTF_8), Context.NONE);
			String poll = (result.asyncOperation() != null) ? result.asyncOperation() : result.location();
			String retryAfter = result.retryAfter();
			while (result.status() == 202 && poll != null) {
				Duration wait = retryAfter(retryAfter);
				if (Instant.now().plus(wait).isAfter(deadline)) {
					throw new AzureReadException(ReadFailure.Reason.TIMEOUT,
							"operation still running after " + maxWait.toSeconds() + "s");
				}
				Thread.sleep(wait.toMillis());
				result = this.arm.send(subscription, HttpMethod.GET, this.arm.poll(poll), null, Context.NONE);
				retryAfter = result.retryAfter();
				String status = Json.str(result.body(), "status");
				if (status != null && (status.equalsIgnoreCase("Failed") || status.equalsIgnoreCase("Canceled"))) {
					throw new AzureReadException(ReadFailure.Reason.ERROR, "operation " + status);
				}
			}
			Workspace updated = get(workspaceId);
			if (!keyIdentifier
				.equalsIgnoreCase((updated.encryption() != null) ? updated.encryption().keyIdentifier() : null)) {
				throw new AzureReadException(ReadFailure.Reason.ERROR, "workspace does not report the new key");
			}
			return updated;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AzureOperationException("update key of " + workspaceId,
					new ReadFailure(workspaceId, "workspace", ReadFailure.Reason.ERROR, "interrupted"), ex);
		}
		catch (AzureOperationException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new AzureOperationException("update key of " + workspaceId,
					AzureReadException.failure(workspaceId, "workspace", ex), ex);
		}
	}

	private static Duration retryAfter(String header) {
		if (header == null || header.isBlank()) {
			return DEFAULT_POLL;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Math.min(600, Long.parseLong(header.trim()))));
		}
		catch (NumberFormatException ex) {
			return DEFAULT_POLL;
		}
	}

}
