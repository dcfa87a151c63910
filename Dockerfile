# syntax=docker/dockerfile:1
#
# AML Warden container image.
#
#   docker build -t <registry>/aml-warden:<version> .
#
# Stage 1 builds the executable jar with the Maven wrapper and splits it into Spring Boot's
# layers; stage 2 is a plain JRE that only receives those layers. Both base images are pinned to
# a full Temurin release tag (bump them deliberately, e.g. with Renovate/Dependabot, which can
# also pin the digest). Nothing secret is passed to or baked into either stage.

############################
# Build stage (JDK 17)
############################
FROM eclipse-temurin:17.0.18_8-jdk-jammy AS build
WORKDIR /workspace

# Wrapper and POM first: this layer only changes when the build definition changes.
COPY mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
# Sources (production code and Flyway migrations only; .dockerignore keeps tests, .git, target out).
COPY src/main/ src/main/
COPY db/ db/

# The BuildKit cache mount keeps ~/.m2 (Maven distribution + dependencies) across builds
# without putting it into any image layer.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -DskipTests package \
 && cp target/aml-warden-*.jar application.jar \
 && java -Djarmode=tools -jar application.jar extract --layers --launcher --destination extracted

############################
# Run stage (JRE 17)
############################
FROM eclipse-temurin:17.0.18_8-jre-jammy

LABEL org.opencontainers.image.title="aml-warden" \
      org.opencontainers.image.description="AML Warden: security control plane for Azure Machine Learning workspaces" \
      org.opencontainers.image.source="https://github.com/aml-warden/aml-warden"

# A fixed, numeric, non-root identity (the Helm chart runs the pod as the same UID/GID).
RUN groupadd --system --gid 10001 warden \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin warden

WORKDIR /app

# The extracted layers, least to most frequently changing, so rebuilds reuse the lower layers.
# Files stay owned by root: the application cannot modify its own code.
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./

# Heap sized from the container memory limit; exit (and let Kubernetes restart the pod) on OOM.
# The only writable path the application needs is /tmp (an emptyDir in Kubernetes).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
    SERVER_PORT=8080 \
    MANAGEMENT_SERVER_PORT=8081

# 8080: REST API and Swagger UI; 8081: Actuator (health probes, info, prometheus).
EXPOSE 8080 8081

USER 10001:10001

ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
