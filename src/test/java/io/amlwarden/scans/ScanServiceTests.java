package io.amlwarden.scans;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.amlwarden.api.ApiException;
import io.amlwarden.azure.InventoryCollector;
import io.amlwarden.security.CallerIdentity;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * A scan request without subscriptions covers {@code warden.azure.subscriptions}.
 */
class ScanServiceTests {

	private static final String CONFIGURED = "00000000-0000-4000-8000-0000000000a1";

	private final ScanStore scans = mock(ScanStore.class);

	private final InventoryCollector collector = mock(InventoryCollector.class);

	private final ScanService service = new ScanService(this.scans, mock(ScanRunner.class), Runnable::run,
			Clock.systemUTC(), this.collector);

	private final CallerIdentity caller = new CallerIdentity("operator", null, "Operator", List.of("OPERATOR"));

	@Test
	void anEmptyBodyScansTheConfiguredSubscriptionsWithTheirProfiles() {
		given(this.collector.defaultSubscriptions()).willReturn(List.of(CONFIGURED));
		UUID id = UUID.randomUUID();
		given(this.scans.enqueue(any(), anyString(), anyString(), isNull(), anyString(), any()))
			.willReturn(Optional.of(id));
		given(this.scans.get(id)).willReturn(Optional.of(mock(ScanView.class)));

		this.service.request(null, this.caller);
		this.service.request(new ScanRequest(List.of(), null, null, null), this.caller);

		ArgumentCaptor<ScanScope> scope = ArgumentCaptor.forClass(ScanScope.class);
		verify(this.scans, org.mockito.Mockito.times(2)).enqueue(scope.capture(), eq("CONFIGURED"), eq("API"), isNull(),
				eq("operator"), any());
		assertThat(scope.getAllValues()).allSatisfy((s) -> assertThat(s.subscriptions()).containsExactly(CONFIGURED));
	}

	@Test
	void withoutConfiguredSubscriptionsAnEmptyBodyIsABadRequest() {
		given(this.collector.defaultSubscriptions()).willReturn(List.of());
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> this.service.request(null, this.caller))
			.withMessageContaining("warden.azure.subscriptions");
		verifyNoInteractions(this.scans);
	}

}
