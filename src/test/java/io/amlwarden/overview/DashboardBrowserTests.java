package io.amlwarden.overview;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.amlwarden.simulator.DemoTenant;
import io.amlwarden.support.Http;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.WardenIntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Ops dashboard in a real, headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}), against the whole service with the demo tenant: it loads
 * without console errors under the service's Content-Security-Policy, its tiles show the
 * overview's numbers, its posture chart has one point per scan the trend reports, and a
 * rejected token brings up the sign-in prompt. Skipped, naming the packages, where they
 * are not installed.
 * <p>
 * With {@code -Dwarden.dashboard.screenshot=docs/images/dashboard.png} it also saves a
 * screenshot of the loaded page (the README's).
 */
@WardenIntegrationTest
class DashboardBrowserTests {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final String SUBSCRIPTION = DemoTenant.SUBSCRIPTIONS.get(0);

	private static ChromeDriver browser;

	private static Path profile;

	@LocalServerPort
	int port;

	@Autowired
	LocalTokenIssuer issuer;

	Http http;

	String reader;

	@BeforeAll
	static void startBrowser() throws IOException {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Real-browser tests need Debian's chromium and chromium-driver packages (/usr/bin/chromium, "
						+ "/usr/bin/chromedriver): apt-get install -y chromium chromium-driver");
		profile = Files.createTempDirectory("dashboard-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1400,1900");
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		// The driver is given explicitly, so Selenium Manager never looks for (or
		// downloads) one.
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
		browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
	}

	@AfterAll
	static void stopBrowser() throws IOException {
		if (browser != null) {
			browser.quit();
		}
		if (profile != null) {
			try (var files = Files.walk(profile)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		this.reader = this.issuer.token("reader-" + UUID.randomUUID(), "Warden.Reader");
	}

	@Test
	void dashboardShowsTheApisNumbersWithoutConsoleErrors() throws IOException {
		String operator = this.issuer.token("operator-" + UUID.randomUUID(), "Warden.Operator");
		scanAndWait(operator);
		scanAndWait(operator);

		signInWithThePrefilledToken();
		saveScreenshotIfAsked();
		JsonNode overview = api("/api/v1/overview");
		Map<String, String> tiles = tiles();
		assertThat(tiles).containsEntry("findings-open", overview.at("/findings/open").asString())
			.containsEntry("workspaces", overview.at("/workspaces/total").asString())
			.containsEntry("keys-overdue", overview.at("/keys/overdueForRotation").asString())
			.containsEntry("keys-expiring-30", overview.at("/keys/expiringWithin30Days").asString())
			.containsEntry("findings-critical", severityCount(overview, "CRITICAL"))
			.containsEntry("findings-high", severityCount(overview, "HIGH"));
		JsonNode waiting = overview.get("waiting");
		assertThat(tiles).containsEntry("waiting", String.valueOf(waiting.get("suppressionsAwaitingApproval").asInt()
				+ waiting.get("rotationsAwaitingApproval").asInt() + waiting.get("reviewItemsUndecided").asInt()));

		// One chart point per scan the trend reports, the same scans the page's table
		// lists: the two scans of one day are two points.
		JsonNode trend = api(
				"/api/v1/posture/trend?bucket=scan&from=" + java.time.Instant.now().minus(Duration.ofDays(90)));
		List<String> trendScans = new ArrayList<>();
		for (JsonNode series : trend.get("series")) {
			if (series.path("subscriptionId").isString()) {
				for (JsonNode point : series.get("points")) {
					if (point.path("scanId").isString() && !point.path("gap").asBoolean()) {
						trendScans.add(point.get("scanId").asString());
					}
				}
			}
		}
		assertThat(trendScans).isNotEmpty();
		WebElement chart = browser.findElement(By.id("posture-chart"));
		assertThat(chart.getAttribute("data-points")).isEqualTo(String.valueOf(trendScans.size()));
		assertThat(chart.findElements(By.tagName("canvas"))).isNotEmpty();
		List<String> tableScans = browser.findElements(By.cssSelector("#posture-table tbody tr"))
			.stream()
			.map((row) -> row.getAttribute("data-scan"))
			.toList();
		assertThat(tableScans).containsExactlyInAnyOrderElementsOf(trendScans);
		assertThat(trendScans).contains(lastScanOf(SUBSCRIPTION));
		assertThat(browser.findElements(By.cssSelector("#posture-table tbody tr td:first-child"))
			.stream()
			.filter((cell) -> SUBSCRIPTION.equalsIgnoreCase(cell.getAttribute("textContent").trim())))
			.as("points of the subscription scanned twice")
			.hasSizeGreaterThanOrEqualTo(2);

		assertThat(browser.findElements(By.cssSelector("#scans-table tbody tr"))).hasSizeGreaterThanOrEqualTo(2);
		assertThat(browser.findElements(By.cssSelector("#waiting a")))
			.allSatisfy((link) -> assertThat(link.getAttribute("href")).contains("/swagger-ui/index.html#/"));
		assertThat(browser.findElement(By.cssSelector("[data-waiting=approveSuppression] a")).getAttribute("href"))
			.endsWith("#/Findings/approveSuppression");
		assertThat(consoleErrors()).isEmpty();

	}

	@Test
	void aRejectedTokenShowsTheSignInPrompt() {
		open();
		// The first page may sign out (no token) once its own load settles; only then
		// plant the bad token, or that sign-out would remove it.
		new WebDriverWait(browser, Duration.ofSeconds(30)).until((driver) -> ((JavascriptExecutor) driver)
			.executeScript("return document.body.getAttribute('data-loaded')") != null);
		browser.executeScript("sessionStorage.setItem('aml-warden.dashboard.token', 'not-a-token')");
		open();
		waitUntilLoaded("error");
		WebElement signIn = browser.findElement(By.id("sign-in"));
		assertThat(signIn.isDisplayed()).isTrue();
		assertThat(browser.findElement(By.id("dashboard")).isDisplayed()).isFalse();
		assertThat(browser.findElement(By.id("sign-in-reason")).getText()).contains("not accepted");
		assertThat(browser.findElement(By.cssSelector("label[for=token-input]")).getText()).contains("Bearer token");
		// no Entra client configured in the test context: only the pasted token is
		// offered
		assertThat(browser.findElement(By.id("sign-in-entra")).isDisplayed()).isFalse();
	}

	@Test
	void theServiceServesThePageUnderAStrictContentSecurityPolicy() {
		Response page = this.http.get("/dashboard/");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("<title>AML Warden dashboard</title>").doesNotContain("<script>");
		String csp = page.header("Content-Security-Policy");
		assertThat(csp).contains("script-src 'self'").contains("default-src 'self'").doesNotContain("unsafe-eval");
		assertThat(csp.replaceAll(".*script-src([^;]*);.*", "$1")).doesNotContain("unsafe-inline");
		assertThat(this.http.get("/dashboard").status()).isEqualTo(302);
		assertThat(this.http.get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").status()).isEqualTo(200);
		JsonNode signIn = this.http.get("/dashboard/sign-in.json").json();
		assertThat(signIn.get("authorizationUrl").asString()).endsWith("/oauth2/v2.0/authorize");
		assertThat(signIn.get("scope").asString()).endsWith("/.default");
		// the page is public, the data is not
		assertThat(this.http.get("/api/v1/overview").status()).isEqualTo(401);
	}

	private void saveScreenshotIfAsked() throws IOException {
		String screenshot = System.getProperty("warden.dashboard.screenshot", "");
		if (!screenshot.isEmpty()) {
			Path file = Path.of(screenshot);
			Files.createDirectories(file.toAbsolutePath().getParent());
			browser.manage().window().setSize(new Dimension(1400, 1900));
			Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
		}
	}

	private void signInWithThePrefilledToken() {
		open();
		browser.executeScript("sessionStorage.clear()");
		open();
		waitUntilLoaded("error");
		WebElement input = browser.findElement(By.id("token-input"));
		new WebDriverWait(browser, Duration.ofSeconds(10)).until((driver) -> !input.getAttribute("value").isEmpty());
		assertThat(browser.findElement(By.id("token-hint")).isDisplayed()).isTrue();
		browser.executeScript("document.body.removeAttribute('data-loaded')");
		browser.findElement(By.cssSelector("#token-form button[type=submit]")).click();
		waitUntilLoaded("true");
		assertThat(browser.findElement(By.id("dashboard")).isDisplayed()).isTrue();
	}

	private void open() {
		browser.get("http://127.0.0.1:" + this.port + "/dashboard/");
	}

	private void waitUntilLoaded(String state) {
		new WebDriverWait(browser, Duration.ofSeconds(30)).until((driver) -> state
			.equals(((JavascriptExecutor) driver).executeScript("return document.body.getAttribute('data-loaded')")));
	}

	private Map<String, String> tiles() {
		Map<String, String> tiles = new java.util.HashMap<>();
		for (WebElement tile : browser.findElements(By.cssSelector("#tiles [data-tile]"))) {
			tiles.put(tile.getAttribute("data-tile"), tile.findElement(By.className("tile-value")).getText());
		}
		return tiles;
	}

	private List<String> consoleErrors() {
		List<String> errors = new ArrayList<>();
		for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
			if (entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
				errors.add(entry.getMessage());
			}
		}
		return errors;
	}

	private static String severityCount(JsonNode overview, String severity) {
		for (JsonNode entry : overview.at("/findings/bySeverity")) {
			if (entry.get("severity").asString().equals(severity)) {
				return entry.get("count").asString();
			}
		}
		return "0";
	}

	private String lastScanOf(String subscription) {
		JsonNode scans = api("/api/v1/scans?subscription=" + subscription + "&size=1");
		return scans.at("/items/0/id").asString();
	}

	private void scanAndWait(String operator) {
		Response accepted = this.http.post("/api/v1/scans", "application/json",
				"{\"subscriptions\":[\"" + SUBSCRIPTION + "\"]}", Http.bearer(operator));
		Set<Integer> expected = new HashSet<>(List.of(202, 409));
		assertThat(accepted.status()).as(accepted.body()).isIn(expected);
		String id = (accepted.status() == 202) ? accepted.json().get("id").asString() : null;
		Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
			JsonNode scans = api("/api/v1/scans?size=20");
			for (JsonNode scan : scans.get("items")) {
				String state = scan.get("state").asString();
				boolean done = !state.equals("QUEUED") && !state.equals("RUNNING");
				if ((id == null || scan.get("id").asString().equals(id)) && !done) {
					return false;
				}
			}
			return true;
		});
	}

	private JsonNode api(String path) {
		Response response = this.http.get(path, Http.bearer(this.reader));
		assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
		return response.json();
	}

}
