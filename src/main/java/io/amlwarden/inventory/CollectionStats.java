package io.amlwarden.inventory;

/**
 * Request counts and timing of the collection that produced a snapshot.
 *
 * @param armRequests ARM reads sent (including retries)
 * @param graphRequests Resource Graph queries sent
 * @param keyVaultRequests Key Vault data-plane requests sent
 * @param directoryRequests Microsoft Graph requests sent
 * @param throttledResponses 429 responses seen
 * @param durationMillis wall time of the collection
 */
public record CollectionStats(long armRequests, long graphRequests, long keyVaultRequests, long directoryRequests,
		long throttledResponses, long durationMillis) {

	public static final CollectionStats EMPTY = new CollectionStats(0, 0, 0, 0, 0, 0);

}
