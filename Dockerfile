# The worker image: built from source in one stage, run on a small JRE as a non-root user.
#   docker build -t glidepath-worker .
# The runtime is Java 17 (the floor, which the unit tests run on); on a Java 21+ runtime the worker
# runs workflows and activities on virtual threads (docs/performance.md), which VirtualThreadsIT
# tests on Temurin 25:
#   docker build --build-arg RUNTIME_IMAGE=eclipse-temurin:25-jre-noble -t glidepath-worker .
ARG RUNTIME_IMAGE=eclipse-temurin:17.0.15_6-jre-jammy

FROM eclipse-temurin:17.0.15_6-jdk-jammy AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -pl worker -am package -DskipTests

FROM ${RUNTIME_IMAGE}
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin glidepath
WORKDIR /app
COPY --from=build /src/worker/target/glidepath-worker.jar /app/glidepath-worker.jar
COPY deploy/healthcheck.sh /app/healthcheck.sh
USER 10001
EXPOSE 8081
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=5 CMD ["/app/healthcheck.sh"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/glidepath-worker.jar"]
