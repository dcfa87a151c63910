package io.amlwarden.azure;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Locale;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

/**
 * Refuses to send a request anywhere but the one host its pipeline's token is meant for:
 * the cloud's Resource Manager host for ARM (and Resource Graph) pipelines, the Microsoft
 * Graph host for the directory pipeline. It runs per call, before the retry and
 * bearer-token policies, so a URL that points elsewhere never gets a token attached, and
 * a future bug that builds such a URL (from an id, a {@code nextLink} or a long-running
 * operation's {@code Location}) fails instead of leaking the token.
 * <p>
 * A URL is allowed only with the expected scheme, host and port and no user info.
 */
final class ArmHostGuard implements HttpPipelinePolicy {

	private final String service;

	private final URI allowed;

	private ArmHostGuard(String service, String endpoint) {
		this.service = service;
		this.allowed = URI.create(endpoint);
	}

	static ArmHostGuard resourceManager(AzureCloudProfile cloud) {
		return new ArmHostGuard("Resource Manager", cloud.resourceManagerEndpoint());
	}

	static ArmHostGuard microsoftGraph(AzureCloudProfile cloud) {
		return new ArmHostGuard("Microsoft Graph", cloud.microsoftGraphEndpoint());
	}

	/**
	 * Whether a URL points at this guard's host.
	 */
	boolean allows(String url) {
		if (url == null) {
			return false;
		}
		try {
			return allows(new URI(url));
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private boolean allows(URI uri) {
		return uri.isAbsolute() && uri.getRawUserInfo() == null && uri.getHost() != null
				&& this.allowed.getScheme().equalsIgnoreCase(uri.getScheme())
				&& this.allowed.getHost().equalsIgnoreCase(uri.getHost()) && port(this.allowed) == port(uri);
	}

	/**
	 * Checks a link that Azure returned ({@code nextLink}, {@code Location},
	 * {@code Azure-AsyncOperation}) before it is followed.
	 * @return the link
	 * @throws AzureCallException when it points at any other host
	 */
	String follow(String link, String what) {
		if (!allows(link)) {
			throw AzureCallException.refused(what + " points outside " + this.service + "; not followed");
		}
		return link;
	}

	/**
	 * Builds a URL on this guard's host from an ARM path and an API version, from
	 * components, so that nothing in the path can change the host.
	 * @param path an ARM path, checked by {@link ArmId#path(String)}
	 */
	String url(String path, String apiVersion) {
		String checked = ArmId.path(path);
		try {
			String url = new URI(this.allowed.getScheme(), null, this.allowed.getHost(), this.allowed.getPort(),
					checked, "api-version=" + apiVersion, null)
				.toASCIIString();
			return follow(url, "URL");
		}
		catch (URISyntaxException ex) {
			throw new ArmId.InvalidArmIdException("cannot be made into a URL");
		}
	}

	@Override
	public HttpPipelinePosition getPipelinePosition() {
		return HttpPipelinePosition.PER_CALL;
	}

	@Override
	public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
		if (!allowsRequest(context)) {
			return Mono.error(refused());
		}
		return next.process();
	}

	@Override
	public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
		if (!allowsRequest(context)) {
			throw refused();
		}
		return next.processSync();
	}

	private boolean allowsRequest(HttpPipelineCallContext context) {
		URL url = context.getHttpRequest().getUrl();
		try {
			return allows(url.toURI());
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private AzureCallException refused() {
		return AzureCallException.refused("refused to send a " + this.service + " request to another host");
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "http".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 80 : 443;
	}

}
