package io.amlwarden.overview;

import io.amlwarden.security.SecurityProperties;
import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Serves the Ops dashboard: static files in the jar ({@code static/dashboard}) that call
 * the public API with the user's own token. Nothing here needs a token or returns data:
 * the page and its sign-in settings are public, every number comes from {@code /api}.
 */
@Controller
@Hidden
class DashboardController {

	private final SecurityProperties security;

	DashboardController(SecurityProperties security) {
		this.security = security;
	}

	// The page loads its scripts by relative path, so it must be addressed as a folder.
	@GetMapping("/dashboard")
	String folder() {
		return "redirect:/dashboard/";
	}

	@GetMapping("/dashboard/")
	String page() {
		return "forward:/dashboard/index.html";
	}

	/**
	 * What the page needs to sign a user in with Entra ID (authorization code with PKCE,
	 * the same public client as Swagger UI's Authorize button). No client id means no
	 * Entra sign-in: the page then offers only a pasted token.
	 * @return the public client's settings
	 */
	@GetMapping(path = "/dashboard/sign-in.json", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<SignInSettings> signIn() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noCache())
			.body(new SignInSettings(this.security.swaggerClientId(), this.security.oauthEndpoint("authorize"),
					this.security.oauthEndpoint("token"), this.security.apiScope()));
	}

	/**
	 * Entra ID sign-in settings of the dashboard.
	 *
	 * @param clientId the public (SPA) client id; empty when sign-in is not configured
	 * @param authorizationUrl Entra's authorization endpoint for the tenant
	 * @param tokenUrl Entra's token endpoint for the tenant
	 * @param scope the scope to ask for: this API's {@code .default}
	 */
	record SignInSettings(String clientId, String authorizationUrl, String tokenUrl, String scope) {
	}

}
