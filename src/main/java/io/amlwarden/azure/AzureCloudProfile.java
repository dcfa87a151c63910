package io.amlwarden.azure;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.azure.core.management.AzureEnvironment;

/**
 * Resolved endpoints of one Azure cloud. The only place where Azure host names appear.
 *
 * @param name the profile name
 * @param resourceManagerEndpoint ARM (also serves Resource Graph)
 * @param resourceManagerAudience ARM token audience
 * @param microsoftGraphEndpoint Microsoft Graph
 * @param authorityHost Entra ID authority
 * @param keyVaultDnsSuffix Key Vault DNS suffix, with its leading dot
 * @param custom whether the endpoints were configured by hand (Azure Stack and similar):
 * such authorities are not known to Entra ID, so instance discovery is skipped
 */
record AzureCloudProfile(String name, String resourceManagerEndpoint, String resourceManagerAudience,
		String microsoftGraphEndpoint, String authorityHost, String keyVaultDnsSuffix, boolean custom) {

	static final String CUSTOM = "custom";

	private static final Map<String, AzureCloudProfile> KNOWN = Map.of("azurecloud",
			new AzureCloudProfile("AzureCloud", "https://management.azure.com/", "https://management.core.windows.net/",
					"https://graph.microsoft.com/", "https://login.microsoftonline.com/", ".vault.azure.net", false),
			"azurechinacloud",
			new AzureCloudProfile("AzureChinaCloud", "https://management.chinacloudapi.cn/",
					"https://management.core.chinacloudapi.cn/", "https://microsoftgraph.chinacloudapi.cn/",
					"https://login.chinacloudapi.cn/", ".vault.azure.cn", false),
			"azureusgovernment",
			new AzureCloudProfile("AzureUSGovernment", "https://management.usgovcloudapi.net/",
					"https://management.core.usgovcloudapi.net/", "https://graph.microsoft.us/",
					"https://login.microsoftonline.us/", ".vault.usgovcloudapi.net", false));

	/**
	 * Resolves the configured cloud, applying overrides.
	 * @throws IllegalArgumentException for an unknown name, or a custom cloud with an
	 * endpoint missing
	 */
	static AzureCloudProfile from(AzureProperties.Cloud cloud) {
		String name = (cloud.name() != null) ? cloud.name().trim() : "AzureCloud";
		if (CUSTOM.equalsIgnoreCase(name)) {
			require(cloud.resourceManagerEndpoint(), "resource-manager-endpoint");
			require(cloud.microsoftGraphEndpoint(), "microsoft-graph-endpoint");
			require(cloud.authorityHost(), "authority-host");
			require(cloud.keyVaultDnsSuffix(), "key-vault-dns-suffix");
			String audience = (cloud.resourceManagerAudience() != null) ? cloud.resourceManagerAudience()
					: cloud.resourceManagerEndpoint();
			return new AzureCloudProfile(CUSTOM, slash(cloud.resourceManagerEndpoint()), slash(audience),
					slash(cloud.microsoftGraphEndpoint()), slash(cloud.authorityHost()), cloud.keyVaultDnsSuffix(),
					true);
		}
		AzureCloudProfile base = KNOWN.get(name.toLowerCase(Locale.ROOT));
		if (base == null) {
			throw new IllegalArgumentException("Unknown warden.azure.cloud.name '" + name
					+ "': use AzureCloud, AzureChinaCloud, AzureUSGovernment or custom");
		}
		return new AzureCloudProfile(base.name, or(cloud.resourceManagerEndpoint(), base.resourceManagerEndpoint),
				or(cloud.resourceManagerAudience(), base.resourceManagerAudience),
				or(cloud.microsoftGraphEndpoint(), base.microsoftGraphEndpoint),
				or(cloud.authorityHost(), base.authorityHost),
				(cloud.keyVaultDnsSuffix() != null) ? cloud.keyVaultDnsSuffix() : base.keyVaultDnsSuffix, false);
	}

	/**
	 * The SDK environment. Starts from a copy of the public cloud's endpoint map, because
	 * the SDK expects every key to be present.
	 */
	AzureEnvironment toEnvironment() {
		Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
		endpoints.put("resourceManagerEndpointUrl", this.resourceManagerEndpoint);
		endpoints.put("managementEndpointUrl", this.resourceManagerAudience);
		endpoints.put("activeDirectoryEndpointUrl", this.authorityHost);
		endpoints.put("microsoftGraphResourceId", this.microsoftGraphEndpoint);
		endpoints.put("keyVaultDnsSuffix", this.keyVaultDnsSuffix);
		return new AzureEnvironment(endpoints);
	}

	/**
	 * The scope of ARM tokens: the audience followed by {@code /.default}, which for the
	 * public cloud yields the double slash ARM expects.
	 */
	String resourceManagerScope() {
		return this.resourceManagerAudience + "/.default";
	}

	String microsoftGraphScope() {
		return this.microsoftGraphEndpoint + ".default";
	}

	/**
	 * Whether a data-plane URL belongs to a vault of this cloud; keeps the service from
	 * sending its tokens to a host named in some resource's properties.
	 */
	boolean isVaultUrl(String url) {
		try {
			String host = java.net.URI.create(url).getHost();
			return host != null
					&& host.toLowerCase(Locale.ROOT).endsWith(this.keyVaultDnsSuffix.toLowerCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static String slash(String url) {
		return url.endsWith("/") ? url : url + "/";
	}

	private static String or(String override, String fallback) {
		return (override != null && !override.isBlank()) ? slash(override) : fallback;
	}

	private static void require(String value, String property) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("warden.azure.cloud." + property + " is required for a custom cloud");
		}
	}

}
