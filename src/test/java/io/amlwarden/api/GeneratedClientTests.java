package io.amlwarden.api;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.amlwarden.client.ApiClient;
import io.amlwarden.client.ApiException;
import io.amlwarden.client.api.FindingsApi;
import io.amlwarden.client.api.OverviewApi;
import io.amlwarden.client.api.OverviewApi.APIGetOverviewRequest;
import io.amlwarden.client.api.FindingsApi.APIListFindingsRequest;
import io.amlwarden.client.api.PostureApi;
import io.amlwarden.client.api.PostureApi.APIGetScanRequest;
import io.amlwarden.client.api.PostureApi.APIGetWorkspacePostureRequest;
import io.amlwarden.client.api.PostureApi.APIListWorkspacePosturesRequest;
import io.amlwarden.client.api.PostureApi.APIStartScanRequest;
import io.amlwarden.client.model.Detail;
import io.amlwarden.client.model.Overview;
import io.amlwarden.client.model.PageResponseFindingView;
import io.amlwarden.client.model.PageResponseWorkspaceSummary;
import io.amlwarden.client.model.PostureResult;
import io.amlwarden.client.model.ScanRequest;
import io.amlwarden.client.model.ScanView;
import io.amlwarden.simulator.DemoTenant;
import io.amlwarden.support.Http;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.WardenIntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A Java client generated at build time from the committed OpenAPI document
 * ({@code openapi-generator-maven-plugin}, {@code native} library) works against the
 * running service: it starts a scan, follows it, lists findings, reads a workspace's
 * posture and the tenant overview, with the same numbers the plain HTTP answers carry.
 */
@WardenIntegrationTest
class GeneratedClientTests {

	static final String SUBSCRIPTION = DemoTenant.SUBSCRIPTIONS.get(1);

	@LocalServerPort
	int port;

	@Autowired
	LocalTokenIssuer issuer;

	@Test
	void startsAScanListsFindingsAndReadsPostureThroughTheGeneratedClient() throws ApiException {
		PostureApi operator = new PostureApi(
				client(this.issuer.token("operator-" + UUID.randomUUID(), "Warden.Operator")));
		ScanView scan = startScan(operator);
		assertThat(scan.getScope().getSubscriptions()).containsExactly(SUBSCRIPTION);
		Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
			String state = String
				.valueOf(operator.getScan(APIGetScanRequest.newBuilder().id(scan.getId()).build()).getState());
			return !state.equals("QUEUED") && !state.equals("RUNNING");
		});
		ScanView done = operator.getScan(APIGetScanRequest.newBuilder().id(scan.getId()).build());
		assertThat(String.valueOf(done.getState())).isIn("SUCCEEDED", "PARTIAL");
		assertThat(done.getCounts().getWorkspaces()).isPositive();

		String token = this.issuer.token("reader-" + UUID.randomUUID(), "Warden.Reader");
		Http http = new Http(this.port);
		FindingsApi findings = new FindingsApi(client(token));
		PageResponseFindingView page = findings
			.listFindings(APIListFindingsRequest.newBuilder().subscription(SUBSCRIPTION).size(200).build());
		JsonNode raw = http.get("/api/v1/findings?size=200&subscription=" + SUBSCRIPTION, Http.bearer(token)).json();
		assertThat(page.getTotalItems()).isPositive().isEqualTo(raw.get("totalItems").asLong());
		assertThat(page.getItems()).hasSize(raw.get("items").size());
		assertThat(page.getItems().get(0).getId()).hasToString(raw.at("/items/0/id").asString());
		assertThat(String.valueOf(page.getItems().get(0).getSeverity()))
			.isEqualTo(raw.at("/items/0/severity").asString());

		PostureApi reader = new PostureApi(client(token));
		PageResponseWorkspaceSummary workspaces = reader
			.listWorkspacePostures(APIListWorkspacePosturesRequest.newBuilder().subscription(SUBSCRIPTION).build());
		assertThat(workspaces.getItems()).isNotEmpty();
		UUID workspace = workspaces.getItems().get(0).getPosture().getId();
		Detail posture = reader.getWorkspacePosture(APIGetWorkspacePostureRequest.newBuilder().id(workspace).build());
		JsonNode rawPosture = http.get("/api/v1/workspaces/" + workspace + "/posture", Http.bearer(token)).json();
		assertThat(posture.getSummary().getScore()).isEqualTo(rawPosture.at("/summary/score").asInt());
		assertThat(posture.getResults()).hasSize(rawPosture.get("results").size()).isNotEmpty();
		PostureResult first = posture.getResults().get(0);
		assertThat(String.valueOf(first.getStatus())).isIn("PASS", "FAIL", "UNKNOWN", "NOT_APPLICABLE", "ERROR");
		assertThat(first.getCheckId()).isEqualTo(rawPosture.at("/results/0/checkId").asString());

		Overview overview = new OverviewApi(client(token))
			.getOverview(APIGetOverviewRequest.newBuilder().subscription(SUBSCRIPTION).build());
		JsonNode rawOverview = http.get("/api/v1/overview?subscription=" + SUBSCRIPTION, Http.bearer(token)).json();
		assertThat(overview.getFindings().getOpen()).isEqualTo(rawOverview.at("/findings/open").asLong());
		assertThat(overview.getWorkspaces().getTotal()).isPositive()
			.isEqualTo(rawOverview.at("/workspaces/total").asLong());
		assertThat(overview.getKeys().getOverdueForRotation())
			.isEqualTo(rawOverview.at("/keys/overdueForRotation").asLong());
	}

	@Test
	void aRejectedCallIsAnApiExceptionWithTheProblem() {
		PostureApi anonymous = new PostureApi(client("not-a-token"));
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> anonymous.startScan(APIStartScanRequest.newBuilder()
				.scanRequest(new ScanRequest().subscriptions(List.of(SUBSCRIPTION)))
				.build()))
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(401);
				assertThat(ex.getResponseBody()).contains("urn:aml-warden:problem:unauthorized");
			});
	}

	// Another scan of the same scope may be queued or running (409): wait for it to end.
	private ScanView startScan(PostureApi operator) {
		ScanView[] started = new ScanView[1];
		Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
			try {
				started[0] = operator.startScan(APIStartScanRequest.newBuilder()
					.scanRequest(new ScanRequest().subscriptions(List.of(SUBSCRIPTION)))
					.build());
				return true;
			}
			catch (ApiException ex) {
				assertThat(ex.getCode()).as(ex.getResponseBody()).isIn(Set.of(409));
				return false;
			}
		});
		return started[0];
	}

	private ApiClient client(String token) {
		ApiClient client = new ApiClient();
		client.updateBaseUri("http://127.0.0.1:" + this.port);
		client.setRequestInterceptor((request) -> request.header("Authorization", "Bearer " + token));
		client.setReadTimeout(Duration.ofSeconds(30));
		return client;
	}

}
