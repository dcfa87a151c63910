package io.amlwarden.azure;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one strict parser of Azure Resource Manager ids, for ids a caller sends and ids
 * read from resources' properties alike. An ARM id becomes the path of a URL that carries
 * the service's ARM token, so anything that could change where that URL points is
 * refused: a missing leading slash (which would make the id part of the host, as in
 * {@code .evil.example/x} or {@code @evil.example/x}), {@code .} and {@code ..} segments,
 * {@code ?}, {@code #}, {@code @}, {@code %} (so no {@code %2f}), {@code \}, {@code :},
 * whitespace and control characters. Matching is case-insensitive, as ARM's is.
 * <p>
 * The regular expressions are compile-time constants so request records can use them in
 * {@code @Pattern}; they accept exactly what {@link #parse} accepts for that type.
 */
public final class ArmId {

	/** A subscription id: a GUID. */
	public static final String SUBSCRIPTION_ID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

	/**
	 * A resource (or resource group) name segment: ARM's name characters, never {@code .}
	 * or {@code ..} alone.
	 */
	public static final String NAME = "(?!\\.{1,2}(?:/|$))[-\\w.()]{1,260}";

	/** {@code /subscriptions/{guid}/resourceGroups/{name}}. */
	public static final String RESOURCE_GROUP_ID = "(?i)/subscriptions/" + SUBSCRIPTION_ID + "/resourceGroups/" + NAME;

	/** A Key Vault's id. */
	public static final String VAULT_ID = RESOURCE_GROUP_ID + "/providers/Microsoft\\.KeyVault/vaults/" + NAME;

	/** A Machine Learning workspace's id. */
	public static final String WORKSPACE_ID = RESOURCE_GROUP_ID
			+ "/providers/Microsoft\\.MachineLearningServices/workspaces/" + NAME;

	private static final Pattern GUID = Pattern.compile(SUBSCRIPTION_ID);

	private static final Pattern SEGMENT = Pattern.compile(NAME);

	private final String value;

	private final String subscriptionId;

	private final String resourceGroup;

	private final List<String> segments;

	private ArmId(String value, List<String> segments) {
		this.value = value;
		this.segments = segments;
		this.subscriptionId = segments.get(1).toLowerCase(Locale.ROOT);
		this.resourceGroup = segments.get(3);
	}

	/**
	 * Parses a resource id:
	 * {@code /subscriptions/{guid}/resourceGroups/{name}/providers/{namespace}/{type}/{name}[/{type}/{name}...]},
	 * optionally followed by extension resources
	 * ({@code .../providers/{namespace}/{type}/{name}}).
	 * @param id the id, as given (a single trailing slash is ignored)
	 * @return the parsed id
	 * @throws InvalidArmIdException naming what is wrong
	 */
	public static ArmId parse(String id) {
		List<String> segments = segments(id);
		if (segments.size() < 7 || !segments.get(0).equalsIgnoreCase("subscriptions")
				|| !GUID.matcher(segments.get(1)).matches() || !segments.get(2).equalsIgnoreCase("resourceGroups")
				|| !segments.get(4).equalsIgnoreCase("providers")) {
			throw new InvalidArmIdException(
					"must be /subscriptions/{guid}/resourceGroups/{name}/providers/{namespace}/{type}/{name}");
		}
		// After each "providers": a namespace, then one or more type/name pairs.
		int n = segments.size();
		int i = 4;
		while (i < n) {
			if (!segments.get(i).equalsIgnoreCase("providers") || i + 3 > n - 1) {
				throw new InvalidArmIdException("must name a provider namespace, a type and a name after providers");
			}
			i += 2;
			while (i < n && !segments.get(i).equalsIgnoreCase("providers")) {
				if (i + 1 >= n) {
					throw new InvalidArmIdException("must end with a type and a name");
				}
				i += 2;
			}
		}
		return new ArmId(trimmed(id), segments);
	}

	/**
	 * Whether an id parses as a resource id.
	 */
	public static boolean isResourceId(String id) {
		try {
			parse(id);
			return true;
		}
		catch (InvalidArmIdException ex) {
			return false;
		}
	}

	/**
	 * Whether a value is a subscription id (a GUID).
	 */
	public static boolean isSubscriptionId(String value) {
		return value != null && GUID.matcher(value).matches();
	}

	/**
	 * Checks a subscription id.
	 * @return the id, lower-cased
	 * @throws InvalidArmIdException when it is not a GUID
	 */
	public static String subscriptionId(String value) {
		if (!isSubscriptionId(value)) {
			throw new InvalidArmIdException("a subscription id must be a GUID");
		}
		return value.toLowerCase(Locale.ROOT);
	}

	/**
	 * Checks an ARM path that a URL is built from: a resource id, a collection under one,
	 * a subscription scope ({@code /subscriptions/{guid}/...}) or a tenant or
	 * management-group scope ({@code /providers/...}). Every segment must be a plain
	 * name.
	 * @param path the path
	 * @return the path without a trailing slash
	 * @throws InvalidArmIdException naming what is wrong
	 */
	public static String path(String path) {
		List<String> segments = segments(path);
		boolean subscriptionScope = segments.size() >= 2 && segments.get(0).equalsIgnoreCase("subscriptions")
				&& GUID.matcher(segments.get(1)).matches();
		boolean providerScope = segments.size() >= 2 && segments.get(0).equalsIgnoreCase("providers");
		if (!subscriptionScope && !providerScope) {
			throw new InvalidArmIdException("must start with /subscriptions/{guid} or /providers");
		}
		return trimmed(path);
	}

	private static List<String> segments(String id) {
		if (id == null || id.isEmpty()) {
			throw new InvalidArmIdException("is empty");
		}
		if (id.length() > 2048) {
			throw new InvalidArmIdException("is too long");
		}
		if (id.charAt(0) != '/') {
			throw new InvalidArmIdException("must start with /");
		}
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)
					|| "?#@%\\:".indexOf(c) >= 0) {
				throw new InvalidArmIdException("contains a character that is not allowed in an ARM id");
			}
		}
		String body = trimmed(id).substring(1);
		List<String> segments = List.of(body.split("/", -1));
		for (String segment : segments) {
			if (!SEGMENT.matcher(segment).matches()) {
				throw new InvalidArmIdException("has an empty, relative or malformed segment");
			}
		}
		return segments;
	}

	private static String trimmed(String id) {
		return (id.length() > 1 && id.endsWith("/")) ? id.substring(0, id.length() - 1) : id;
	}

	/** The id as given (without a trailing slash). */
	public String value() {
		return this.value;
	}

	/** The subscription id, lower-cased. */
	public String subscriptionId() {
		return this.subscriptionId;
	}

	/** The resource group, as given. */
	public String resourceGroup() {
		return this.resourceGroup;
	}

	/** The resource's own name (the last segment), as given. */
	public String name() {
		return this.segments.get(this.segments.size() - 1);
	}

	/**
	 * Whether this id is, or lies under, the given ARM id prefix (compared
	 * case-insensitively, on whole segments).
	 */
	public boolean isWithin(String prefix) {
		String lowerPrefix = trimmed(prefix).toLowerCase(Locale.ROOT);
		String lower = this.value.toLowerCase(Locale.ROOT);
		return lower.equals(lowerPrefix) || lower.startsWith(lowerPrefix + "/");
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ArmId that && this.value.equalsIgnoreCase(that.value);
	}

	@Override
	public int hashCode() {
		return this.value.toLowerCase(Locale.ROOT).hashCode();
	}

	@Override
	public String toString() {
		return this.value;
	}

	/**
	 * A value that is not an acceptable ARM id; the message says which rule it breaks and
	 * never repeats the value (it may be hostile).
	 */
	public static final class InvalidArmIdException extends IllegalArgumentException {

		InvalidArmIdException(String rule) {
			super("Not an ARM id: " + rule);
		}

	}

}
