package io.amlwarden.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An Entra-like OpenID Connect issuer on the loopback interface: serves the v2.0
 * discovery document and a JWKS, and mints RS256 access tokens shaped like Entra's
 * ({@code oid}, {@code tid}, {@code azp}, {@code roles}, {@code ver}). Test code only;
 * also used by the local launcher.
 */
public final class LocalTokenIssuer implements AutoCloseable {

	/** Tenant id the issuer pretends to be. */
	public static final String TENANT_ID = "00000000-0000-4000-8000-00000000a11d";

	/** The client application ({@code azp}) of every token this issuer signs. */
	public static final String CLIENT_ID = "local-client";

	/** Audience the local service accepts. */
	public static final String AUDIENCE = "api://aml-warden-local";

	private static LocalTokenIssuer shared;

	private final HttpServer server;

	private final RSAKey signingKey;

	private final RSAKey strangerKey;

	private LocalTokenIssuer(int port) {
		try {
			this.signingKey = new RSAKeyGenerator(2048).keyID("local-" + UUID.randomUUID())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.generate();
			this.strangerKey = new RSAKeyGenerator(2048).keyID("stranger").generate();
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.setExecutor(Executors.newFixedThreadPool(2, (runnable) -> {
			Thread thread = new Thread(runnable, "local-token-issuer");
			thread.setDaemon(true);
			return thread;
		}));
		this.server.start();
	}

	/**
	 * Starts an issuer on a free port.
	 * @return the running issuer
	 */
	public static LocalTokenIssuer start() {
		return new LocalTokenIssuer(0);
	}

	/**
	 * The issuer shared by every test of this JVM.
	 * @return the running issuer
	 */
	public static synchronized LocalTokenIssuer shared() {
		if (shared == null) {
			shared = start();
		}
		return shared;
	}

	/**
	 * The authority host to configure as {@code warden.security.authority-host}.
	 * @return e.g. {@code http://127.0.0.1:41234}
	 */
	public String authorityHost() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public String issuer() {
		return authorityHost() + "/" + TENANT_ID + "/v2.0";
	}

	/**
	 * Properties that point the service at this issuer.
	 * @return property names and values
	 */
	public Map<String, String> properties() {
		return Map.of("warden.security.authority-host", authorityHost(), "warden.security.tenant-id", TENANT_ID,
				"warden.security.audiences", AUDIENCE, "warden.security.allowed-client-app-ids", CLIENT_ID);
	}

	/**
	 * A valid token for a user with the given app roles.
	 * @param principalId the user's object id
	 * @param roles app role values, e.g. {@code Warden.Reader}
	 * @return the compact token
	 */
	public String token(String principalId, String... roles) {
		return sign(claims(principalId, List.of(roles)).build(), this.signingKey);
	}

	/**
	 * Starting point for a custom token; sign it with {@link #sign(JWTClaimsSet)}.
	 * @param principalId the subject's object id
	 * @param roles app role values
	 * @return claims valid for one hour
	 */
	public JWTClaimsSet.Builder claims(String principalId, List<String> roles) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(issuer())
			.audience(AUDIENCE)
			.subject(principalId)
			.claim("oid", principalId)
			.claim("tid", TENANT_ID)
			.claim("azp", CLIENT_ID)
			.claim("name", "Local " + principalId)
			.claim("ver", "2.0")
			.claim("roles", roles)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now.minusSeconds(5)))
			.expirationTime(Date.from(now.plus(Duration.ofHours(1))))
			.jwtID(UUID.randomUUID().toString());
	}

	public String sign(JWTClaimsSet claims) {
		return sign(claims, this.signingKey);
	}

	/**
	 * Signs with a key the issuer never published.
	 * @param claims the claims
	 * @return the compact token
	 */
	public String signWithUnknownKey(JWTClaimsSet claims) {
		return sign(claims, this.strangerKey);
	}

	/**
	 * An unsigned token ({@code alg: none}).
	 * @param claims the claims
	 * @return the compact token
	 */
	public static String unsigned(JWTClaimsSet claims) {
		return new PlainJWT(claims).serialize();
	}

	private static String sign(JWTClaimsSet claims, RSAKey key) {
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
					claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String prefix = "/" + TENANT_ID + "/v2.0";
		String body;
		if (path.equals(prefix + "/.well-known/openid-configuration")) {
			body = """
					{"issuer":"%1$s","authorization_endpoint":"%2$s/oauth2/v2.0/authorize",\
					"token_endpoint":"%2$s/oauth2/v2.0/token","jwks_uri":"%2$s/discovery/v2.0/keys",\
					"response_types_supported":["code"],"subject_types_supported":["pairwise"],\
					"id_token_signing_alg_values_supported":["RS256"]}""".formatted(issuer(),
					authorityHost() + "/" + TENANT_ID);
		}
		else if (path.equals("/" + TENANT_ID + "/discovery/v2.0/keys")) {
			body = new JWKSet(this.signingKey.toPublicJWK()).toString();
		}
		else {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
			return;
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
