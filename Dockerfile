# Either app: build with the Maven wrapper, run on a JRE as a non-root user. MODULE is the app's Maven module
# (command-side or query-side), PORT the port it listens on (8080 / 8081); compose.yaml passes both.
# Build from the repository root, e.g.:
#   docker build --build-arg MODULE=command-side --build-arg PORT=8080 -t ticketing/command-side .
#   docker build --build-arg MODULE=query-side --build-arg PORT=8081 -t ticketing/query-side .
FROM eclipse-temurin:17-jdk AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN test -n "$MODULE" \
    && ./mvnw -B -q -pl "$MODULE" -am package -DskipTests \
    && cp "$MODULE"/target/"$MODULE"-*-exec.jar /src/app.jar

FROM eclipse-temurin:17-jre
ARG PORT
RUN test -n "$PORT" \
    && groupadd --system ticketing && useradd --system --gid ticketing --home /app ticketing \
    && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /app/dumps && chown ticketing:ticketing /app/dumps
WORKDIR /app
COPY --from=build /src/app.jar /app/app.jar
USER ticketing
ENV APP_PORT=${PORT}
EXPOSE ${PORT}
# Out of memory, the JVM ends (exit code 3) instead of going on half-alive, and compose restarts it
# (restart: unless-stopped); the heap dump lands in /app/dumps (a volume in compose.yaml) for the operator.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError -XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath=/app/dumps"
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=5 \
  CMD curl -fsS "http://127.0.0.1:${APP_PORT}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
