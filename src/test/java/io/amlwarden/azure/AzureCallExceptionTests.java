package io.amlwarden.azure;

import java.util.List;
import java.util.concurrent.TimeoutException;

import io.amlwarden.inventory.ReadFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AzureCallExceptionTests {

	@Test
	void classifiesStatusesIntoReasonsAndReadFailureReasons() {
		assertThat(AzureCallException.reasonFor(403)).isEqualTo(AzureCallException.Reason.FORBIDDEN);
		assertThat(AzureCallException.reasonFor(404)).isEqualTo(AzureCallException.Reason.NOT_FOUND);
		assertThat(AzureCallException.reasonFor(409)).isEqualTo(AzureCallException.Reason.CONFLICT);
		assertThat(AzureCallException.reasonFor(429)).isEqualTo(AzureCallException.Reason.THROTTLED);
		assertThat(AzureCallException.reasonFor(504)).isEqualTo(AzureCallException.Reason.TIMEOUT);
		assertThat(AzureCallException.reasonFor(503)).isEqualTo(AzureCallException.Reason.SERVER_ERROR);
		assertThat(AzureCallException.reasonFor(400)).isEqualTo(AzureCallException.Reason.REJECTED);
		assertThat(AzureCallException.reasonFor(0)).isEqualTo(AzureCallException.Reason.TRANSPORT);
		assertThat(AzureCallException.Reason.CONFLICT.readReason()).isEqualTo(ReadFailure.Reason.ERROR);
		assertThat(AzureCallException.Reason.THROTTLED.readReason()).isEqualTo(ReadFailure.Reason.THROTTLED);
	}

	@Test
	void anAnsweredCallKeepsStatusCodeRequestIdsAndKind() {
		AzureCallException ex = AzureCallException.answered("rotate key", "https://v.vault.azure.net", 409, "Conflict",
				"AnotherOperationInProgress", List.of("req-1"), null);

		assertThat(ex.getMessage()).isEqualTo("rotate key failed: ERROR (HTTP 409 Conflict)");
		assertThat(ex.operation()).isEqualTo("rotate key");
		assertThat(ex.resource()).isEqualTo("https://v.vault.azure.net");
		assertThat(ex.reason()).isEqualTo(AzureCallException.Reason.CONFLICT);
		assertThat(ex.requestIds()).containsExactly("req-1");
		assertThat(ex.kind()).isEqualTo(AzureCallException.Kind.TRANSIENT);
		assertThat(AzureCallException.answered("patch", "/x", 400, "KeyVaultReadOnly", null, List.of(), null).kind())
			.isEqualTo(AzureCallException.Kind.DEFERRABLE);
		assertThat(AzureCallException.answered("patch", "/x", 403, null, null, List.of(), null).kind())
			.isEqualTo(AzureCallException.Kind.PERMANENT);
	}

	@Test
	void aWrappedReadFailureKeepsTheReasonOfTheReadAndItsDetail() {
		AzureCallException read = AzureCallException.forStatus(404, "RoleAssignmentNotFound");
		AzureCallException wrapped = AzureCallException.failed("read /a", "/a", "roleAssignment", read);

		assertThat(read.getMessage()).isEqualTo("HTTP 404: RoleAssignmentNotFound");
		assertThat(wrapped.getMessage()).isEqualTo("read /a failed: NOT_FOUND (HTTP 404: RoleAssignmentNotFound)");
		assertThat(wrapped.reason()).isEqualTo(AzureCallException.Reason.NOT_FOUND);
		assertThat(wrapped.status()).isEqualTo(404);
		assertThat(
				AzureCallException.failed("list", "/s", "roleAssignment", new RuntimeException(new TimeoutException()))
					.reason())
			.isEqualTo(AzureCallException.Reason.TIMEOUT);
		assertThat(AzureCallException.failure("/s", "vaults", AzureCallException.skipped("request budget exhausted")))
			.isEqualTo(new ReadFailure("/s", "vaults", ReadFailure.Reason.SKIPPED, "request budget exhausted"));
	}

}
