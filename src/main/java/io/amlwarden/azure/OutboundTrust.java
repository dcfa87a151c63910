package io.amlwarden.azure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the trust for outbound TLS: the JVM's trusted CAs plus an optional PEM bundle
 * (for TLS-inspecting proxies). Verification itself is never relaxed.
 */
final class OutboundTrust {

	private OutboundTrust() {
	}

	/**
	 * A trust manager factory that trusts the JVM's CAs and every certificate in the
	 * bundle.
	 * @param caBundle path of a PEM file with one or more CA certificates
	 */
	static TrustManagerFactory withBundle(Path caBundle) {
		try {
			KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
			store.load(null, null);
			int index = 0;
			for (X509Certificate ca : jvmDefault().getAcceptedIssuers()) {
				store.setCertificateEntry("jvm-" + index++, ca);
			}
			int added = 0;
			try (InputStream in = Files.newInputStream(caBundle)) {
				Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
					.generateCertificates(in);
				for (Certificate certificate : certificates) {
					store.setCertificateEntry("bundle-" + added++, certificate);
				}
			}
			if (added == 0) {
				throw new IllegalStateException("warden.azure.ca-bundle " + caBundle + " holds no certificate");
			}
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(store);
			return factory;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot load warden.azure.ca-bundle " + caBundle, ex);
		}
	}

	private static X509TrustManager jvmDefault() throws GeneralSecurityException {
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init((KeyStore) null);
		for (TrustManager manager : factory.getTrustManagers()) {
			if (manager instanceof X509TrustManager x509) {
				return x509;
			}
		}
		throw new IllegalStateException("The JVM has no X509 trust manager");
	}

}
