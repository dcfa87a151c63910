package io.amlwarden.inventory;

/**
 * A workspace compute ({@code .../workspaces/computes}).
 *
 * @param id ARM id
 * @param name compute name
 * @param workspaceId the parent workspace
 * @param computeType ComputeInstance, AmlCompute, Kubernetes, ...
 * @param disableLocalAuth whether local (key) auth is disabled
 * @param subnetId the subnet the compute is injected into, if any
 * @param enableNodePublicIp whether nodes get a public IP
 * @param remoteLoginPortPublicAccess SSH from the internet: Enabled, Disabled or
 * NotSpecified ({@code remoteLoginPortPublicAccess} of clusters,
 * {@code sshSettings.sshPublicAccess} of compute instances)
 * @param latestOsImage {@code osImageMetadata.isLatestOsImageVersion}
 * @param idleTimeBeforeShutdown ISO-8601 duration for compute instances
 * @param minNodeCount scale settings of clusters
 * @param provisioningState e.g. Succeeded
 */
public record Compute(String id, String name, String workspaceId, String computeType, Boolean disableLocalAuth,
		String subnetId, Boolean enableNodePublicIp, String remoteLoginPortPublicAccess, Boolean latestOsImage,
		String idleTimeBeforeShutdown, Integer minNodeCount, String provisioningState) {
}
