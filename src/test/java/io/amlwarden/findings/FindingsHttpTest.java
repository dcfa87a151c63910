package io.amlwarden.findings;

import java.util.UUID;

import io.amlwarden.support.Http;
import io.amlwarden.support.LocalTokenIssuer;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the findings HTTP tests share: the ledger to record scans in, and per test a
 * subscription of its own (the tests share one database, so each sees only its own
 * findings), fixtures in it and a reader's token. Runs before the subclasses' own
 * {@code @BeforeEach}.
 */
abstract class FindingsHttpTest {

	@LocalServerPort
	int port;

	@Autowired
	LocalTokenIssuer issuer;

	@Autowired
	FindingsLedger ledger;

	Http http;

	String subscription;

	FindingFixtures fixtures;

	String reader;

	@BeforeEach
	void newSubscriptionAndReader() {
		this.http = new Http(this.port);
		this.subscription = UUID.randomUUID().toString();
		this.fixtures = new FindingFixtures(this.subscription);
		this.reader = this.issuer.token("reader-" + UUID.randomUUID(), "Warden.Reader");
	}

}
